/**
 * The shapes shared by the run controller, the run log, the Run panel and the Runs view. Pure types: no vscode.
 *
 * A run log is one JSON Lines file per run: a `run-start` record (the header: which workflow, which steps),
 * then the engine's events as they happen, each on its own line, then a `run-end`. A run that is continued from
 * the Run panel (Retry step, Skip, Roll back) appends a `resume` record and more events to the same file; the
 * last `run-end` gives the outcome. A file with no `run-end` after its last `run-start`/`resume` belongs to a run
 * that is still going or was interrupted (the window closed, the extension host crashed).
 *
 * Durations: each part (a `run-start` or `resume` up to its `run-end`) records in its `run-end.durationMs` that
 * part's own duration, as the engine measured it, not the time since the first start. A run's duration is the sum
 * of its parts (the wait between a failure and Retry is not counted) and it ends at the last `run-end`'s `time`:
 * a 10 s part that failed, 60 s of nobody looking, then a 5 s Retry part make a 15 s run ending 75 s after its
 * start. An `interrupted` run-end (written by a later session) measures the unfinished part up to its last record.
 *
 * The reader trusts nothing: logs are read in untrusted workspaces and may come with a repository, so a header
 * or record with a missing or mistyped field is dropped (see `parseRunLog`).
 */
import type { RunEvent, RunOutcome } from './engine';

/** One step as the run log and the Run panel list it: enough to draw it and link it to its line. */
export interface RunStepRef {
  index: number;
  title: string;
  /** 0-based line of the step's title in the document when the run started. */
  line: number;
  /** Whether the step has rollback commands (the Run panel offers Roll back only then). */
  hasRollback: boolean;
  /** Manual step (Actor: Human or mode Manual): the run waits for Done / Skip / Abort. */
  manual: boolean;
}

/** What a run covers: the whole workflow, one step (Run step) or the steps from one on (Run from here). */
export type RunScope = 'workflow' | 'step' | 'from';

export interface RunHeader {
  /** Unique per run; also the log file's name without `.jsonl`. */
  runId: string;
  /** The workflow's title (or its file name when it has none). */
  workflow: string;
  /** The workflow document. */
  uri: string;
  /** The document's path relative to its workspace folder, `/`-separated; the Runs view groups by it. */
  relativePath: string;
  steps: RunStepRef[];
  scope: RunScope;
  /** The first step the run executes (its index), for scope 'step' and 'from'. */
  from?: number;
  /** The extension host process that writes the log; a later session checks whether it still lives. */
  pid: number;
  /** Identifies the VS Code session (vscode.env.sessionId) that writes the log. */
  session: string;
  /**
   * The machine (os.hostname()) of the extension host that writes the log. A local window and a Dev Container,
   * WSL or SSH window on the same folder see different processes: a run of another host is never marked
   * interrupted from here. Absent in logs written before it existed.
   */
  host?: string;
}

export type RunLogOutcome = RunOutcome | 'interrupted';

/** The records of a run log file, one per line. */
export type RunLogRecord =
  | ({ type: 'run-start'; time: number } & RunHeader)
  | { type: 'resume'; time: number; action: 'retry' | 'skip' | 'rollback'; step: number }
  | Exclude<RunEvent, { type: 'run-start' } | { type: 'run-end' }>
  | { type: 'run-end'; time: number; outcome: RunLogOutcome; durationMs: number; failedStep?: number; reason?: string };
