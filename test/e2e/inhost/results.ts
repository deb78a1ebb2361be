/** The summary the in-host suite writes when it has run (index.ts) and the code-server harness reads (runInCodeServer.ts). */
export interface InHostResults {
  passed: number;
  failed: number;
  failures: { title: string; error: string }[];
  /** Measurements the tests report (suite.ts `note`), e.g. the activation time. */
  notes: string[];
}

/** Its file name, next to the suite's bundle unless `$WFS_INHOST_RESULTS` names another file. */
export const RESULTS_FILE = 'inhost-results.json';
