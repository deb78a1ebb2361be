/** Types of the parts of code-server.mjs the TypeScript end-to-end tests use. */
export interface RunDirs {
  base: string;
  home: string;
  tmp: string;
  userData: string;
  extensions: string;
}
export interface CodeServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}
export function createRunDirs(base: string, settings?: Record<string, unknown>): RunDirs;
export function installExtension(dirs: RunDirs, vsix: string): void;
export function startCodeServer(
  dirs: RunDirs,
  options?: { extraArgs?: string[]; logFile?: string; port?: number; recordIn?: string; timeoutMs?: number; trust?: boolean },
): Promise<CodeServer>;
