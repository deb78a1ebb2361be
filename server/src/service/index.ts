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
import type { Span } from './model';
import type { WorkspaceView } from './workspace';
import { EMPTY_WORKSPACE } from './workspace';
import type {
  CodeActionItem, CompletionEntry, DiagnosticRef, FoldingRangeItem, HoverResult, LinkItem, LocationItem, RenameResult,
  SymbolNode, TextEdit, WorkspaceSymbolItem,
} from './features/types';
import { codeActions, fixAllEdits } from './features/codeActions';
import { completions } from './features/completion';
import { hover } from './features/hover';
import { documentSymbols, workspaceSymbols } from './features/symbols';
import { foldingRanges } from './features/folding';
import { documentLinks } from './features/links';
import { definition, prepareRename, references, rename } from './features/navigation';
import type { ShellParser } from './shell/types';
import { ShellAnalysisCache, shellModel } from './shell/scripts';

export type { WorkflowDocument, WorkflowModel } from './model';
export type { LintOptions, Severity, SeveritySetting, CancellationToken } from './options';
export type { WorkflowDiagnostic, Rule } from './rules/types';
export type { TemplateDescriptor } from './templates/types';
export type { WorkspaceView } from './workspace';
export type { ShellParser, ShellTree, ShellNode } from './shell/types';
export { EMPTY_WORKSPACE } from './workspace';
export type * from './features/types';

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
  /** Drops the document's cached model (it was closed): a closed document's text should not stay in memory. */
  forget(uri: string): void;
  /** Every rule's diagnostics for the document, with severities resolved from `options.rules`. */
  getDiagnostics(doc: WorkflowDocument, options?: LintOptions, token?: CancellationToken): WorkflowDiagnostic[];
  /**
   * Every rule's diagnostics for a model `parse` returned, with `options` (the CLI lints a group's documents once it
   * has learned the group's convention from their models, without parsing them again).
   */
  getModelDiagnostics(model: WorkflowModel, options?: LintOptions, token?: CancellationToken): WorkflowDiagnostic[];
  /** Quick fixes for the diagnostics in `range` (offsets), and fix-alls of their rules where safe. */
  getCodeActions(doc: WorkflowDocument, options: LintOptions, range: Span, diagnostics: readonly DiagnosticRef[], token?: CancellationToken): CodeActionItem[];
  /** Every safe fix of the document at once (`source.fixAll.wfs`). */
  getFixAllEdits(doc: WorkflowDocument, options?: LintOptions, token?: CancellationToken): TextEdit[];
  getCompletions(doc: WorkflowDocument, options: LintOptions, offset: number, workspace?: WorkspaceView, token?: CancellationToken): CompletionEntry[];
  getHover(doc: WorkflowDocument, options: LintOptions, offset: number, workspace?: WorkspaceView, token?: CancellationToken): HoverResult | undefined;
  getDocumentSymbols(doc: WorkflowDocument, options?: LintOptions, token?: CancellationToken): SymbolNode[];
  getWorkspaceSymbols(query: string, workspace: WorkspaceView, token?: CancellationToken): WorkspaceSymbolItem[];
  getFoldingRanges(doc: WorkflowDocument, options?: LintOptions, token?: CancellationToken): FoldingRangeItem[];
  getDocumentLinks(doc: WorkflowDocument, options?: LintOptions, workspace?: WorkspaceView, token?: CancellationToken): LinkItem[];
  getDefinition(doc: WorkflowDocument, options: LintOptions, offset: number, workspace?: WorkspaceView, token?: CancellationToken): LocationItem[];
  getReferences(doc: WorkflowDocument, options: LintOptions, offset: number, includeDeclaration: boolean, workspace?: WorkspaceView, token?: CancellationToken): LocationItem[];
  prepareRename(doc: WorkflowDocument, options: LintOptions, offset: number, token?: CancellationToken): { start: number; end: number; placeholder: string } | undefined;
  rename(doc: WorkflowDocument, options: LintOptions, offset: number, newName: string, workspace?: WorkspaceView, token?: CancellationToken): RenameResult;
  /** The rules in the registry. */
  readonly rules: readonly RuleInfo[];
}

export interface WorkflowServiceInit {
  logger?: Logger;
  /** How many parsed documents to keep (default 100). */
  cacheSize?: number;
  /**
   * The bash parser for shell blocks, or a function that returns it once it is loaded (loading is asynchronous,
   * the service is not). Without it the shell rules report nothing.
   */
  shellParser?: ShellParser | (() => ShellParser | undefined);
}

export function createWorkflowService(init: WorkflowServiceInit = {}): WorkflowService {
  const logger = init.logger ?? { log: () => undefined };
  const cacheSize = init.cacheSize ?? 100;
  const cache = new Map<string, { version: number; format: string | undefined; template: unknown; model: WorkflowModel; shell: boolean }>();
  const shellSource = init.shellParser;
  let shellCache: ShellAnalysisCache | undefined;
  const shellAnalyses = (): ShellAnalysisCache | undefined => {
    if (!shellCache) {
      const parser = typeof shellSource === 'function' ? shellSource() : shellSource;
      if (parser) shellCache = new ShellAnalysisCache(parser);
    }
    return shellCache;
  };

  function parse(doc: WorkflowDocument, options: LintOptions = {}): WorkflowModel {
    const hit = cache.get(doc.uri);
    const shell = shellAnalyses();
    if (hit && hit.version === doc.version && hit.format === options.format && hit.template === options.template && hit.shell === !!shell) {
      // Refresh recency.
      cache.delete(doc.uri);
      cache.set(doc.uri, hit);
      return hit.model;
    }
    const model = parseWorkflow(doc.uri, doc.version, doc.getText(), options);
    // The shell blocks are part of the model: parsed once per version, each block's tree cached by its text.
    if (shell) model.shell = shellModel(model, shell, hit?.model.shell);
    cache.delete(doc.uri);
    cache.set(doc.uri, { version: doc.version, format: options.format, template: options.template, model, shell: !!shell });
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

  const cancelled = (token?: CancellationToken): boolean => !!token?.isCancellationRequested;

  return Object.freeze({
    parse,
    forget: (uri) => void cache.delete(uri),
    getDiagnostics,
    getModelDiagnostics: (model, options = {}, token = NEVER_CANCELLED) => runRules(model, options, token, logger),
    getCodeActions: (doc, options, range, diagnostics, token) =>
      cancelled(token) ? [] : codeActions(parse(doc, options), options, range, diagnostics, () => getDiagnostics(doc, options, token)),
    getFixAllEdits: (doc, options = {}, token) => (cancelled(token) ? [] : fixAllEdits(parse(doc, options), options, getDiagnostics(doc, options, token))),
    getCompletions: (doc, options, offset, workspace = EMPTY_WORKSPACE, token) => (cancelled(token) ? [] : completions(parse(doc, options), options, offset, workspace, token)),
    getHover: (doc, options, offset, workspace = EMPTY_WORKSPACE, token) =>
      cancelled(token) ? undefined : hover(parse(doc, options), options, offset, workspace, getDiagnostics(doc, options, token)),
    getDocumentSymbols: (doc, options = {}, token) => (cancelled(token) ? [] : documentSymbols(parse(doc, options))),
    getWorkspaceSymbols: (query, workspace, token) => (cancelled(token) ? [] : workspaceSymbols(query, workspace, token)),
    getFoldingRanges: (doc, options = {}, token) => (cancelled(token) ? [] : foldingRanges(parse(doc, options))),
    getDocumentLinks: (doc, options = {}, workspace = EMPTY_WORKSPACE, token) => (cancelled(token) ? [] : documentLinks(parse(doc, options), workspace)),
    getDefinition: (doc, options, offset, workspace = EMPTY_WORKSPACE, token) => (cancelled(token) ? [] : definition(parse(doc, options), offset, workspace)),
    getReferences: (doc, options, offset, includeDeclaration, workspace = EMPTY_WORKSPACE, token) =>
      cancelled(token) ? [] : references(parse(doc, options), offset, workspace, includeDeclaration),
    prepareRename: (doc, options, offset, token) => (cancelled(token) ? undefined : prepareRename(parse(doc, options), offset)),
    rename: (doc, options, offset, newName, workspace = EMPTY_WORKSPACE, token) =>
      cancelled(token) ? { error: 'Cancelled.' } : rename(parse(doc, options), offset, newName, workspace),
    rules: Object.freeze(rules),
  } satisfies WorkflowService);
}
