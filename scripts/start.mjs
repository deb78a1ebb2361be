// `npm start`: builds and packages the extension, then opens it in a real VS Code with examples/ as the workspace:
// the local `code` CLI where one is installed (an Extension Development Host window), otherwise code-server on
// 127.0.0.1 (installed on first use, as for the end-to-end tests) with its URL printed. Ctrl+C stops code-server
// and everything it started, and exits 0.
// Usage: node scripts/start.mjs [--code-server] [--port N]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAndPackage, createRunDirs, ensureCodeServer, installExtension, root, startCodeServer } from './e2e/code-server.mjs';

const args = process.argv.slice(2);
const forceCodeServer = args.includes('--code-server');
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : undefined;
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
  console.error('start: --port needs a port number');
  process.exit(2);
}
const examples = join(root, 'examples');
const log = (message) => console.log(`start: ${message}`);

function hasCodeCli() {
  return !spawnSync('code', ['--version'], { stdio: 'ignore' }).error;
}

const scratch = mkdtempSync(join(tmpdir(), 'wfs-start-'));
const vsix = buildAndPackage(scratch);
log(`packaged ${vsix}`);

if (!forceCodeServer && hasCodeCli()) {
  // The development host loads the extension from this folder (the build above), as F5 would.
  log('opening examples/ in VS Code (code --extensionDevelopmentPath)');
  const code = spawnSync('code', [`--extensionDevelopmentPath=${root}`, '--new-window', examples], { stdio: 'inherit' });
  rmSync(scratch, { recursive: true, force: true });
  process.exit(code.status ?? 1);
}

ensureCodeServer();
const dirs = createRunDirs(join(scratch, 'vscode'));
installExtension(dirs, vsix);
const server = await startCodeServer(dirs, { logFile: join(scratch, 'code-server.log'), port });
log(`Workflow Studio in code-server, with examples/ as the workspace:`);
console.log(`\n    ${server.url}/?folder=${examples}\n`);
log('Ctrl+C stops it');

let stopping = false;
async function stop(code, { keepLogs = false } = {}) {
  if (stopping) return;
  stopping = true;
  await server.stop();
  if (!keepLogs) rmSync(scratch, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
server.child.on('exit', (code) => {
  if (stopping) return;
  log(`code-server exited (${code ?? 'signal'}); its log: ${join(scratch, 'code-server.log')}`);
  void stop(1, { keepLogs: true });
});
// The running code-server (a child process) keeps this process alive until a signal or its exit.
