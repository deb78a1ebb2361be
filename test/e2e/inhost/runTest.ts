/**
 * Runs the in-host suite in desktop VS Code through `@vscode/test-electron`, which downloads VS Code: for machines
 * with internet access (this repository's CI machine has none; there `npm run test:inhost` runs the same suite in
 * code-server's extension host). Usage: `node --import tsx test/e2e/inhost/runTest.ts`.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = resolve(__dirname, '..', '..', '..');

async function main(): Promise<void> {
  // The extension's own bundle, then the suite's (build.mjs is an ES module: imported, not required).
  const { buildInHostSuite } = await import('./build.mjs');
  const { execFileSync } = await import('node:child_process');
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  const extensionTestsPath = await buildInHostSuite();
  // A copy of examples/: the suite creates files in its workspace.
  const scratch = mkdtempSync(join(tmpdir(), 'wfs-inhost-'));
  const workspace = join(scratch, 'examples');
  cpSync(join(root, 'examples'), workspace, { recursive: true });
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(scratch, 'user-data')],
      extensionTestsEnv: { WFS_INHOST_RESULTS: join(scratch, 'inhost-results.json') },
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
