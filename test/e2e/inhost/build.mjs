// Bundles the in-host suite (index.ts, suite.ts and mocha) into one CommonJS file, `vscode` external.
// Usage: node test/e2e/inhost/build.mjs [outDir]   (default: out/inhost)   — or import { buildInHostSuite }.
import * as esbuild from 'esbuild';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..', '..', '..');

/** Writes `<outDir>/index.js` and returns its path. */
export async function buildInHostSuite(outDir = join(root, 'out', 'inhost')) {
  const outfile = join(outDir, 'index.js');
  await esbuild.build({
    entryPoints: [join(import.meta.dirname, 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'error',
  });
  return outfile;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await buildInHostSuite(process.argv[2] ? resolve(process.argv[2]) : undefined));
}
