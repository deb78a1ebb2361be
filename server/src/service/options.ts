import type { FormatId } from './model';
import type { TemplateDescriptor } from './templates/types';
import type { DestructiveCommandSpec } from './shell/destructive';
import type { Convention } from './conventions/types';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

/** Options for one lint of one document, resolved by the caller (CLI or LSP) from settings and config files. */
export interface LintOptions {
  /** Per-rule severity or 'off'; rules not named use their default severity. */
  rules?: Readonly<Record<string, SeveritySetting>>;
  /** Force a format (a per-file override from a setting or the CLI's --format-of). */
  format?: FormatId;
  /** A team template (from `wfs.template`), replacing the built-in one for its format. */
  template?: TemplateDescriptor;
  /** LAST-AUDITED older than this many days is reported (default 180). */
  auditMaxAgeDays?: number;
  /** Skill ids known besides those a document's own "Skill ID Legend" table lists. */
  skills?: readonly string[];
  /** "Now", for date rules; tests pass a fixed date. */
  now?: Date;
  /**
   * A generated workflow file of this document found on disk (`.github/workflows/<name>.yml` whose header names
   * it): export.stale compares it with what the export writes now. The caller reads it (bounded); rules do no I/O.
   */
  exported?: ExportedFile;
  /** Entries added to the destructive-command table (`.wfs.json`'s `destructiveCommands`). */
  destructiveCommands?: readonly DestructiveCommandSpec[];
  /** Run shellcheck on the shell blocks (`wfs.shellcheck.enabled`, `.wfs.json`'s `shellcheck`); the caller runs it. */
  shellcheck?: boolean;
  /** shellcheck's findings by script text, run by the caller (rules do no I/O); shell.shellcheck maps them. */
  shellcheckFindings?: Readonly<Record<string, readonly ShellcheckFinding[]>>;
  /**
   * The convention of the document's group (learned from its siblings by the workspace index or `wfs lint`): the
   * convention.* rules compare the document with it. Undefined: no convention (a small group, or none computed).
   */
  convention?: Convention;
}

/** One shellcheck finding, positions as shellcheck gives them (1-based lines and columns, end column exclusive). */
export interface ShellcheckFinding {
  line: number;
  endLine: number;
  column: number;
  endColumn: number;
  /** 'error', 'warning', 'info' or 'style'. */
  level: string;
  /** The SC number (2086 for SC2086). */
  code: number;
  message: string;
}

export interface ExportedFile {
  /** The export target's id ('github-actions'). */
  target: string;
  /** The generated file, relative to the repository root (for the message). */
  path: string;
  /** The document's path relative to the repository root, as the header names it. */
  source: string;
  /** The file's text. */
  text: string;
}

/** A cancellation token (structurally compatible with LSP's). */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

export const NEVER_CANCELLED: CancellationToken = Object.freeze({ isCancellationRequested: false });
