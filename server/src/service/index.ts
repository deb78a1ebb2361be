/**
 * The Workflow Studio language service: a pure library (no `vscode`, no `vscode-languageserver`).
 * `createWorkflowService` returns a frozen façade of functions `(doc, options, token)`.
 */
import type { WorkflowDocument, WorkflowModel } from './model';
import type { CancellationToken, LintOptions } from './options';
import { NEVER_CANCELLED } from './options';
import type { WorkflowDiagnostic } from './rules/types';
import { parseWorkflow } from './parse/workflow';
import { runRules } from './engine';
import { RULES } from './rules';

export type { WorkflowDocument, WorkflowModel } from './model';
export type { LintOptions, Severity, SeveritySetting, CancellationToken } from './options';
export type { WorkflowDiagnostic, Rule } from './rules/types';
export type { TemplateDescriptor } from './templates/types';

export interface Logger {
  log(message: string): void;
}

export interface RuleInfo {
  id: string;
  description: string;
  defaultSeverity: string;
  docs: string;
}

export interface WorkflowService {
  /** The document's model, parsed once per (uri, version, options that change parsing) and cached. */
  parse(doc: WorkflowDocument, options?: LintOptions): WorkflowModel;
  /** Every rule's diagnostics for the document, with severities resolved from `options.rules`. */
  getDiagnostics(doc: WorkflowDocument, options?: LintOptions, token?: CancellationToken): WorkflowDiagnostic[];
  /** The rules in the registry. */
  readonly rules: readonly RuleInfo[];
}

export interface WorkflowServiceInit {
  logger?: Logger;
  /** How many parsed documents to keep (default 100). */
  cacheSize?: number;
}

export function createWorkflowService(init: WorkflowServiceInit = {}): WorkflowService {
  const logger = init.logger ?? { log: () => undefined };
  const cacheSize = init.cacheSize ?? 100;
  const cache = new Map<string, { version: number; format: string | undefined; template: unknown; model: WorkflowModel }>();

  function parse(doc: WorkflowDocument, options: LintOptions = {}): WorkflowModel {
    const hit = cache.get(doc.uri);
    if (hit && hit.version === doc.version && hit.format === options.format && hit.template === options.template) {
      // Refresh recency.
      cache.delete(doc.uri);
      cache.set(doc.uri, hit);
      return hit.model;
    }
    const model = parseWorkflow(doc.uri, doc.version, doc.getText(), options);
    cache.delete(doc.uri);
    cache.set(doc.uri, { version: doc.version, format: options.format, template: options.template, model });
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
    return model;
  }

  function getDiagnostics(doc: WorkflowDocument, options: LintOptions = {}, token: CancellationToken = NEVER_CANCELLED): WorkflowDiagnostic[] {
    const model = parse(doc, options);
    if (token.isCancellationRequested) return [];
    return runRules(model, options, token, logger);
  }

  const rules: RuleInfo[] = RULES.map((r) =>
    Object.freeze({ id: r.id, description: r.description, defaultSeverity: r.defaultSeverity, docs: `docs/rules/${r.id}.md` }),
  );

  return Object.freeze({ parse, getDiagnostics, rules: Object.freeze(rules) });
}
