import type { WorkflowModel, FormatId } from '../model';
import type { LintOptions, Severity } from '../options';
import type { TemplateDescriptor } from '../templates/types';

/** What a rule reports. Offsets are into the full text. */
export interface RuleReport {
  message: string;
  start: number;
  end: number;
  /** This report's severity when it differs from the rule's (e.g. a parser warning); a user's setting wins. */
  severity?: Severity;
  /** Data a quick fix needs (kept on the diagnostic as `data`); never re-parse in a fix. */
  data?: Record<string, unknown>;
}

export interface RuleContext {
  readonly model: WorkflowModel;
  /** The template in force for this document's format (custom or built-in), if the format has one. */
  readonly template: TemplateDescriptor | undefined;
  readonly options: LintOptions;
}

export interface Rule {
  /** Stable dotted kebab-case id; it becomes Diagnostic.code. */
  readonly id: string;
  /** One line, shown in listings and hovers. */
  readonly description: string;
  readonly defaultSeverity: Severity;
  /** The rule's documentation (Markdown); docs/rules/<id>.md is generated from it. */
  readonly docs: string;
  /** Formats the rule applies to; undefined means every format. */
  readonly formats?: readonly FormatId[];
  check(ctx: RuleContext, report: (r: RuleReport) => void): void;
}

/** A diagnostic as the service returns it: offsets, resolved severity, the rule's id. */
export interface WorkflowDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  source: 'wfs';
  /** Relative docs path, e.g. "docs/rules/section.blank.md". */
  docs: string;
  data?: Record<string, unknown>;
}
