// Runs every unit and protocol test with Node's test runner (TypeScript through tsx), then prints one plain
// summary line ("N passed, N failed", and ", N skipped" when tests or suites were skipped, such as those that
// need the sibling shared folder) that any CI log reader understands.
// Usage: node scripts/run-tests.mjs [dir-or-file ...]   (default: test/unit, test/corpus and test/lsp)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function collect(path, out) {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) collect(join(path, name), out);
  } else if (/\.test\.ts$/.test(path)) out.push(path);
  return out;
}

const roots = process.argv.slice(2);
const files = [];
for (const root of roots.length ? roots : ['test/unit', 'test/corpus', 'test/lsp']) {
  try {
    collect(root, files);
  } catch {
    // A missing folder has no tests.
  }
}
if (files.length === 0) {
  console.error('run-tests: no test files found');
  process.exit(1);
}
// The Neovim client test needs Debian's nvim. Install it on first run where that is possible (root with
// apt-get, as on CI and a fresh machine); otherwise say how, and let the test report it missing.
if (files.some((f) => f.includes('neovim')) && spawnSync('nvim', ['--version'], { stdio: 'ignore' }).error) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const apt = !spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).error;
  if (root && apt) {
    console.log('run-tests: installing neovim for the Neovim client test (apt-get)');
    spawnSync('apt-get', ['update'], { stdio: 'inherit' });
    spawnSync('apt-get', ['install', '-y', 'neovim'], { stdio: 'inherit' });
  } else {
    console.log('run-tests: nvim is missing; install it (sudo apt-get install -y neovim) for the Neovim client test');
  }
}
const scratch = mkdtempSync(join(tmpdir(), 'wfs-tests-'));
const tap = join(scratch, 'results.tap');
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files],
  { stdio: 'inherit' },
);
let summary = '';
try {
  const text = readFileSync(tap, 'utf8');
  const count = (name) => Number((new RegExp(`^# ${name} (\\d+)$`, 'm').exec(text) ?? [])[1] ?? 0);
  // A skipped suite is not in "# skipped": count every test and suite reported with a SKIP directive.
  const skipped = (text.match(/^\s*ok \d+ - .* # SKIP\b/gm) ?? []).length;
  summary = `${count('pass')} passed, ${count('fail') + count('cancelled')} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
} catch {
  summary = '';
}
rmSync(scratch, { recursive: true, force: true });
if (summary) console.log(`\n${summary}`);
process.exit(result.status ?? 1);
