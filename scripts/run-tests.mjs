// Runs every unit and protocol test with Node's test runner (TypeScript through tsx).
// Usage: node scripts/run-tests.mjs [dir-or-file ...]   (default: test/unit and test/lsp)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function collect(path, out) {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) collect(join(path, name), out);
  } else if (/\.test\.ts$/.test(path)) out.push(path);
  return out;
}

const roots = process.argv.slice(2);
const files = [];
for (const root of roots.length ? roots : ['test/unit', 'test/lsp']) {
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
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
