/**
 * Runs the in-host suite inside code-server's extension host: opens chromium (the extension host starts only for
 * a connected window) on a copy of examples/ with VS Code's development payload — `extensionDevelopmentPath` = the
 * installed .vsix's folder, `extensionTestsPath` = the suite's bundle — so the workbench has the remote extension
 * host call the bundle's `run()`, as `--extensionTestsPath` does in desktop VS Code. Then waits for the results
 * file the suite writes, prints them and exits non-zero on a failure (saving a screenshot).
 *
 * Started by scripts/e2e.mjs (`npm run test:e2e`, or `npm run test:inhost` for this suite alone), which sets the
 * WFS_E2E_* variables; WFS_E2E_INHOST_BUNDLE is the bundle built by build.mjs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openWorkbench, waitFor, withScreenshot } from '../workbench';
import type { Workbench } from '../workbench';
import { RESULTS_FILE } from './results';
import type { InHostResults } from './results';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the in-host suite with \`npm run test:inhost\``);
  return value;
}

/** The folder code-server installed the extension into (`<publisher>.<name>-<version>`). */
function installedExtension(extensionsDir: string): string {
  const name = readdirSync(extensionsDir).find((entry) => entry.startsWith('workflow-studio.workflow-studio-'));
  if (!name) throw new Error(`workflow-studio is not installed in ${extensionsDir}`);
  return join(extensionsDir, name);
}

async function main(): Promise<number> {
  const bundle = required('WFS_E2E_INHOST_BUNDLE');
  const resultsFile = join(dirname(bundle), RESULTS_FILE);
  const authority = new URL(required('WFS_E2E_URL')).host;
  const remote = (path: string): string => `vscode-remote://${authority}${path}`;
  const payload = [
    ['extensionDevelopmentPath', remote(installedExtension(required('WFS_E2E_EXTENSIONS')))],
    ['extensionTestsPath', remote(bundle)],
  ];
  let workbench: Workbench | undefined;
  let results: InHostResults | undefined;
  try {
    await withScreenshot(() => workbench, 'in-host suite', async () => {
      workbench = await openWorkbench('inhost', undefined, { payload: JSON.stringify(payload) });
      // The whole suite runs before the file appears. Each of its tests has a guard of its own (30 or 60 s); this
      // one, above their sum, only ends a run whose extension host never ran the suite.
      results = await waitFor(
        () => (existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as InHostResults) : undefined),
        `the in-host suite's results (${resultsFile})`,
        300_000,
      );
      if (results.failed > 0) throw new Error(`${results.failed} in-host test(s) failed`);
    });
  } catch (error) {
    if (!results) console.error(`in-host: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await workbench?.close();
  }
  if (!results) return 1;
  for (const message of results.notes) console.log(`in-host: ${message}`);
  for (const failure of results.failures) console.error(`in-host: FAILED ${failure.title}\n${failure.error}\n`);
  console.log(`in-host: ${results.passed} passed, ${results.failed} failed`);
  return results.failed > 0 || results.passed === 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
