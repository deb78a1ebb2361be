import type { WorkflowModel } from '../../model';
import type { DiagnosticRef, TextEdit } from '../types';

/** What a fix gets: the model of the text the diagnostic was computed on, and the document's line ending. */
export interface FixContext {
  readonly model: WorkflowModel;
  readonly eol: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** A range to select in the editor when the fix is chosen (for a value only the author can type). */
  select?: { start: number; end: number };
  isPreferred?: boolean;
}

/** The quick fixes of one rule. */
export interface RuleFixes {
  /** Fixes for one diagnostic of the rule, read from its `data` and the model; [] when they no longer match. */
  fixes(ctx: FixContext, diagnostic: DiagnosticRef): Fix[];
  /**
   * The title of "fix all of this rule in the file", for a rule whose first fix is safe to apply unattended
   * (it only adds a TODO the author still sees); undefined when it is not (a choice between values, a renumbering
   * that can make references in the text wrong).
   */
  fixAllTitle?: string;
}
