/** Bundles the in-host suite into `<outDir>/index.js` (default: out/inhost) and returns its path. */
export function buildInHostSuite(outDir?: string): Promise<string>;
