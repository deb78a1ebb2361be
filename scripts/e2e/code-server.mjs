// A real VS Code for end-to-end tests and `npm start`: code-server 4.100.3 (the newest that runs on Node 20)
// and Debian's chromium, installed on first use into the ignored cache folder `.vscode-test/`, and started
// fresh per run with its own home, user data and extensions folders.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
export const root = resolve(import.meta.dirname, '..', '..');
export const cacheDir = join(root, '.vscode-test');
export const codeServerDir = join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
export const codeServerEntry = join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const chromiumPath = '/usr/bin/chromium';

// Debian packages: headers for code-server's native modules (node-pty, kerberos, spdlog, native-keymap), Debian's
// ripgrep (see seedRipgrepCache) and the browser.
const DEBIAN_PACKAGES = ['libkrb5-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'ripgrep', 'chromium'];

// @vscode/ripgrep's postinstall downloads this archive unless it is in its cache folder.
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_ARCHIVE = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

const installMarker = join(codeServerDir, '.installed');

function log(message) {
  console.log(`e2e: ${message}`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw new Error(`${command}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

function missingDebianPackages() {
  return DEBIAN_PACKAGES.filter((name) => {
    const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return result.status !== 0 || !result.stdout.includes('install ok installed');
  });
}

function ensureDebianPackages() {
  const missing = missingDebianPackages();
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = !spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).error;
  if (!isRoot || !hasApt) {
    throw new Error(`missing Debian packages: ${missing.join(' ')}; install them with: sudo apt-get install -y ${DEBIAN_PACKAGES.join(' ')}`);
  }
  log(`installing ${missing.join(' ')} (apt-get)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', ...DEBIAN_PACKAGES], { env });
}

// Puts Debian's `rg` into the archive @vscode/ripgrep would download, in the cache folder it looks in first.
function seedRipgrepCache(tmp) {
  const cache = join(tmp, RIPGREP_CACHE);
  mkdirSync(cache, { recursive: true });
  const staging = mkdtempSync(join(tmp, 'rg-'));
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  if (!rg) throw new Error('rg not found on PATH (Debian package ripgrep)');
  copyFileSync(rg, join(staging, 'rg'));
  run('tar', ['-czf', join(cache, RIPGREP_ARCHIVE), '-C', staging, 'rg']);
  rmSync(staging, { recursive: true, force: true });
}

/** Installs the Debian packages and code-server into the cache folder unless they are there. */
export function ensureCodeServer() {
  ensureDebianPackages();
  if (existsSync(installMarker) && existsSync(codeServerEntry)) return;
  const started = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${codeServerDir} (first run only, a few minutes)`);
  mkdirSync(cacheDir, { recursive: true });
  // Install into a scratch folder and rename it into place, so an interrupted install is never taken for a whole one.
  const staging = mkdtempSync(join(cacheDir, 'install-'));
  const tmp = join(staging, 'tmp');
  mkdirSync(tmp);
  seedRipgrepCache(tmp);
  const target = join(staging, 'code-server');
  mkdirSync(target);
  writeFileSync(join(target, 'package.json'), JSON.stringify({ name: 'wfs-code-server', private: true }, null, 2));
  const env = {
    ...process.env,
    TMPDIR: tmp,
    npm_config_unsafe_perm: 'true', // code-server's postinstall refuses root otherwise.
    npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp`.
    // npm 11.19+ skips dependencies' install scripts unless allowed; code-server's postinstall (which runs npm
    // in its own folders) and the native modules need theirs. This folder holds one pinned package only.
    npm_config_dangerously_allow_all_scripts: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  try {
    run('npm', ['install', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], { cwd: target, env });
    writeFileSync(join(target, '.installed'), `${new Date().toISOString()}\n`);
    rmSync(codeServerDir, { recursive: true, force: true });
    renameSync(target, codeServerDir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** Builds the bundle and packages the extension as a .vsix with @vscode/vsce 3.x; returns its path. */
export function buildAndPackage(outDir) {
  run(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root });
  mkdirSync(outDir, { recursive: true });
  const vsix = join(outDir, 'workflow-studio.vsix');
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  // The bundle is self-contained (esbuild), so node_modules stays out of the package. There is no public
  // repository to resolve README links against: they stay relative, as in the repository.
  run(
    process.execPath,
    [vsce, 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsix],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return vsix;
}

/**
 * A fresh home for one run: HOME, TMPDIR and XDG folders, user data and extensions folders. `settings` are added
 * to the quiet user settings (an untrusted-workspace test turns workspace trust back on).
 */
export function createRunDirs(base, settings = {}) {
  mkdirSync(base, { recursive: true });
  const dirs = {
    base,
    home: join(base, 'home'),
    tmp: join(base, 'tmp'),
    userData: join(base, 'user-data'),
    extensions: join(base, 'extensions'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  for (const dir of ['.config', '.local/share', '.cache']) mkdirSync(join(dirs.home, dir), { recursive: true });
  const settingsDir = join(dirs.userData, 'User');
  mkdirSync(settingsDir, { recursive: true });
  writeFileSync(join(settingsDir, 'settings.json'), `${JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2)}\n`);
  return dirs;
}

const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
  'terminal.integrated.defaultProfile.linux': 'bash',
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  'editor.quickSuggestionsDelay': 10,
};

/** The environment code-server (and chromium) run with: everything they write stays under the run folder. */
export function isolatedEnv(dirs) {
  const env = {
    ...process.env,
    HOME: dirs.home,
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: join(dirs.home, '.config'),
    XDG_DATA_HOME: join(dirs.home, '.local', 'share'),
    XDG_CACHE_HOME: join(dirs.home, '.cache'),
  };
  delete env.XDG_RUNTIME_DIR;
  // code-server reads these if set; a run must not inherit a password or another instance's settings.
  for (const name of ['PASSWORD', 'HASHED_PASSWORD', 'VSCODE_PROXY_URI', 'CODE_SERVER_CONFIG', 'ELECTRON_RUN_AS_NODE']) delete env[name];
  return env;
}

export function installExtension(dirs, vsix) {
  run(process.execPath, [codeServerEntry, '--install-extension', vsix, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions], {
    env: isolatedEnv(dirs),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts code-server on 127.0.0.1 in its own process group and waits for /healthz.
 * Returns { url, port, child, stop() }; stop() stops the whole group. Workspace trust is off unless `trust` is set
 * (then the user settings must enable it too: createRunDirs(base, { 'security.workspace.trust.enabled': true })).
 */
export async function startCodeServer(dirs, { extraArgs = [], logFile, port: fixedPort, recordIn, timeoutMs = 60_000, trust = false } = {}) {
  const port = fixedPort ?? (await freePort());
  const args = [
    codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(trust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    ...extraArgs,
  ];
  const out = logFile ? openSync(logFile, 'a') : 'ignore';
  const child = spawn(process.execPath, args, { env: isolatedEnv(dirs), detached: true, stdio: ['ignore', out, out] });
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  // A server started by a test file is in a process group of its own, out of reach of the run's clean-up unless
  // the run knows it: `recordIn` is the folder where the run looks (stopRecordedGroups).
  const record = recordIn && child.pid !== undefined ? join(recordIn, String(child.pid)) : undefined;
  if (record) {
    mkdirSync(recordIn, { recursive: true });
    writeFileSync(record, '');
  }
  const stop = async () => {
    await stopGroup(child);
    if (record) rmSync(record, { force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`code-server exited during start-up${logFile ? ` (log: ${logFile})` : ''}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, port, child, stop };
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops a detached child's whole process group (the child is its leader): SIGTERM, then SIGKILL for whatever is
 * left after a grace period. The group, not the pid: code-server's extension hosts and language servers are in it.
 */
export async function stopGroup(child, graceMs = 5000) {
  const pgid = child.pid;
  if (pgid === undefined || !groupAlive(pgid)) return;
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pgid)) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // Gone in the meantime.
    }
  }
}

/** Stops the process groups recorded in `dir` by startCodeServer's `recordIn` (those a test file left running). */
export async function stopRecordedGroups(dir) {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const pid = Number(name);
    if (Number.isInteger(pid) && pid > 1) await stopGroup({ pid });
    rmSync(join(dir, name), { force: true });
  }
}

/** The folders under a code-server user data folder that hold logs (the extension host log among them). */
export function logFolders(dirs) {
  const logs = join(dirs.userData, 'logs');
  return existsSync(logs) ? readdirSync(logs).map((name) => join(logs, name)) : [];
}
