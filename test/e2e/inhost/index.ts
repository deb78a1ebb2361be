/**
 * The in-host suite's entry point, in the shape both test hosts expect: `run()` returns a promise that rejects when
 * a test fails. `@vscode/test-electron` (runTest.ts) and code-server's extension host (scripts/e2e/inhost.mjs) load
 * it through `--extensionTestsPath`.
 *
 * It also writes a JSON summary, `{ passed, failed, failures, notes }`, to `$WFS_INHOST_RESULTS` or else next to this
 * bundle (`inhost-results.json`), written then renamed into place: code-server's harness waits for that file.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { RESULTS_FILE } from './results';
import type { InHostResults } from './results';
import { defineInHostSuite } from './suite';
import { defineRunnerSuite } from './runnerSuite';

function writeResults(results: InHostResults): void {
  const file = process.env.WFS_INHOST_RESULTS || join(__dirname, RESULTS_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  // The tests are bundled into this file, so they are defined here, with mocha's globals in place, not loaded from files.
  const notes: string[] = [];
  mocha.suite.emit('pre-require', globalThis, 'suite.ts', mocha);
  const note = (message: string): void => {
    notes.push(message);
    console.log(`in-host: ${message}`);
  };
  defineInHostSuite(note);
  defineRunnerSuite(note);
  return new Promise((resolve, reject) => {
    const failures: InHostResults['failures'] = [];
    try {
      const runner = mocha.run((failed) => {
        writeResults({ passed: runner.stats?.passes ?? 0, failed, failures, notes });
        if (failed > 0) reject(new Error(`${failed} in-host test(s) failed`));
        else resolve();
      });
      runner.on('fail', (test, error: unknown) => {
        failures.push({ title: test.fullTitle(), error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      });
    } catch (error) {
      writeResults({ passed: 0, failed: 1, failures: [{ title: 'loading the suite', error: String(error) }], notes });
      reject(error);
    }
  });
}
