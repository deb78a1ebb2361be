// End-to-end tests in a real VS Code: installs code-server and chromium on first run (into `.vscode-test/`),
// builds and packages the extension as a .vsix, installs it into a fresh code-server, starts that on 127.0.0.1 in
// its own process group, and runs test/e2e/*.e2e.ts with Node's test runner (they drive chromium through
// playwright-core), then the in-host mocha suite (test/e2e/inhost/) inside code-server's extension host.
// A failure leaves screenshots and the code-server and extension host logs in test-results/e2e/.
// Usage: node scripts/e2e.mjs [test files...]   (default: every test/e2e/*.e2e.ts, then the in-host suite)
//        node scripts/e2e.mjs [test files...] --inhost   (those files, then the in-host suite; alone with no files:
//                                                  `npm run test:inhost`)
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import {
  buildAndPackage,
  chromiumPath,
  createRunDirs,
  ensureCodeServer,
  installExtension,
  isolatedEnv,
  root,
  startCodeServer,
  stopGroup,
  stopRecordedGroups,
} from './e2e/code-server.mjs';
import { buildInHostSuite } from '../test/e2e/inhost/build.mjs';

const started = Date.now();
const seconds = (from) => `${((Date.now() - from) / 1000).toFixed(1)} s`;
const log = (message) => console.log(`e2e: ${message}`);

const resultsDir = join(root, 'test-results', 'e2e');
const inHostFlag = process.argv.includes('--inhost');
const argFiles = process.argv.slice(2).filter((arg) => arg !== '--inhost');
const runInHost = inHostFlag || argFiles.length === 0;
const testFiles = argFiles.length
  ? argFiles
  : inHostFlag
  ? []
  : readdirSync(join(root, 'test', 'e2e'))
      .filter((name) => name.endsWith('.e2e.ts'))
      .sort()
      .map((name) => join('test', 'e2e', name));
if (testFiles.length === 0 && !runInHost) {
  console.error('e2e: no test files (test/e2e/*.e2e.ts)');
  process.exit(1);
}

const runDir = mkdtempSync(join(tmpdir(), 'wfs-e2e-'));
let dirs;
let server;
let tests;
let inHost;
let stopping = false;
const serverLog = join(runDir, 'code-server.log');
/** Where test files record the code-servers they start themselves (see startCodeServer's `recordIn`). */
const processGroups = join(runDir, 'process-groups');

// The logs a person needs next to the screenshots: code-server's own, and the window's and extension host's.
function saveLogs() {
  mkdirSync(resultsDir, { recursive: true });
  if (existsSync(serverLog)) cpSync(serverLog, join(resultsDir, 'code-server.log'));
  const logs = dirs && join(dirs.userData, 'logs');
  if (logs && existsSync(logs)) cpSync(logs, join(resultsDir, 'logs'), { recursive: true });
}

async function cleanUp() {
  if (tests) await stopGroup(tests);
  if (inHost) await stopGroup(inHost);
  await stopRecordedGroups(processGroups);
  if (server) await server.stop();
  rmSync(runDir, { recursive: true, force: true });
}

// Ctrl+C and the end of the run both stop what the run started: once, and the process exits only after it is
// done (exiting while a group waits out its SIGTERM grace period would orphan it).
let cleaning;
const cleanUpOnce = () => (cleaning ??= cleanUp());

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    cleanUpOnce().finally(() => process.exit(130));
  });
}

let status = 0;
let summary = '';
let passed = 0;
let failed = 0;
try {
  let step = Date.now();
  ensureCodeServer();
  log(`code-server and chromium ready (${seconds(step)})`);

  step = Date.now();
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  dirs = createRunDirs(join(runDir, 'vscode'));
  const vsix = buildAndPackage(runDir);
  installExtension(dirs, vsix);
  log(`built, packaged and installed the extension (${seconds(step)})`);

  step = Date.now();
  server = await startCodeServer(dirs, { logFile: serverLog, extraArgs: process.env.WFS_E2E_TRACE ? ['--log', 'trace'] : [] });
  log(`code-server is up at ${server.url} (${seconds(step)})`);

  step = Date.now();
  const tap = join(runDir, 'results.tap');
  const env = {
    ...isolatedEnv(dirs),
    WFS_E2E_URL: server.url,
    WFS_E2E_EXAMPLES: join(root, 'examples'),
    WFS_E2E_RUN_DIR: runDir,
    WFS_E2E_PROCESS_GROUPS: processGroups,
    WFS_E2E_RESULTS: resultsDir,
    WFS_E2E_CHROMIUM: chromiumPath,
    // For tests that need a code-server of their own (workspace trust on): the package to install into it.
    WFS_E2E_VSIX: vsix,
  };
  // One file at a time: they share one code-server. Each test process leads its own process group, so chromium
  // and anything else it started go when it is stopped.
  if (testFiles.length > 0) {
    tests = spawn(
      process.execPath,
      [
        '--import', 'tsx',
        '--test', '--test-concurrency=1',
        '--test-reporter=spec', '--test-reporter-destination=stdout',
        '--test-reporter=tap', `--test-reporter-destination=${tap}`,
        ...testFiles,
      ],
      { cwd: root, env, stdio: 'inherit', detached: true },
    );
    status = await new Promise((resolveStatus) => tests.on('exit', (code) => resolveStatus(code ?? 1)));
    log(`tests ran in ${seconds(step)}`);
    try {
      const text = readFileSync(tap, 'utf8');
      const count = (name) => Number((new RegExp(`^# ${name} (\\d+)$`, 'm').exec(text) ?? [])[1] ?? 0);
      passed += count('pass');
      failed += count('fail') + count('cancelled');
    } catch {
      failed += status === 0 ? 0 : 1;
    }
  }

  if (runInHost) {
    // The same mocha suite @vscode/test-electron runs (test/e2e/inhost/runTest.ts), here in code-server's
    // extension host, loaded through the workbench's extensionTestsPath.
    step = Date.now();
    const bundle = await buildInHostSuite(join(runDir, 'inhost'));
    inHost = spawn(process.execPath, ['--import', 'tsx', join('test', 'e2e', 'inhost', 'runInCodeServer.ts')], {
      cwd: root,
      env: { ...env, WFS_E2E_EXTENSIONS: dirs.extensions, WFS_E2E_INHOST_BUNDLE: bundle },
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    let out = '';
    inHost.stdout.on('data', (chunk) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    const inHostStatus = await new Promise((resolveStatus) => inHost.on('exit', (code) => resolveStatus(code ?? 1)));
    log(`in-host suite ran in ${seconds(step)}`);
    const counts = /in-host: (\d+) passed, (\d+) failed/.exec(out);
    passed += Number(counts?.[1] ?? 0);
    failed += counts ? Number(counts[2]) : 1;
    if (inHostStatus !== 0) status = status || inHostStatus;
  }
  summary = `${passed} passed, ${failed} failed`;
} catch (error) {
  console.error(`e2e: ${error instanceof Error ? error.message : String(error)}`);
  status = status || 1;
} finally {
  if (status !== 0 || process.env.WFS_E2E_TRACE) saveLogs();
  await cleanUpOnce();
}
if (status !== 0 && existsSync(resultsDir) && readdirSync(resultsDir).length > 0) {
  log(`screenshots and logs of the failure: ${relative(process.cwd(), resultsDir) || '.'}`);
}
log(`whole run: ${seconds(started)}`);
if (summary) console.log(`\n${summary}`);
process.exit(stopping ? 130 : status);
