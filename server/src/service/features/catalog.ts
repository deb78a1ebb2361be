/**
 * What the workflow catalog shows of one document: its title, format, category, status, risk, owner, step and
 * TODO counts and problem counts. Pure: built from a model and its diagnostics, so the language server's
 * index can keep this small record per file instead of the model.
 */
import type { FormatId, WorkflowModel } from '../model';
import type { WorkflowDiagnostic } from '../rules/types';

export interface WorkflowFacts {
  title?: string;
  category?: string;
  status?: string;
  /** The first word of the risk level as written ("High" for "High (financial impact)"). */
  risk?: string;
  owner?: string;
}

export interface CatalogData extends WorkflowFacts {
  title: string;
  format: FormatId;
  stepCount: number;
  todoCount: number;
  problems: { errors: number; warnings: number; infos: number };
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The catalog facts a document states about itself: index entry first, then FILE header, front matter, YAML metadata. */
export function workflowFacts(model: WorkflowModel): WorkflowFacts {
  const index = new Map<string, string>();
  for (const f of model.indexEntry?.fields ?? []) if (f.value) index.set(f.key, f.value);
  const fromIndex = (...prefixes: string[]): string | undefined => {
    for (const [key, value] of index) if (prefixes.some((p) => key.startsWith(p))) return value.replace(/^`|`$/g, '').trim() || undefined;
    return undefined;
  };
  const fm = record(model.frontmatter?.data);
  const yaml = record(model.yaml?.data);
  const meta = record(yaml.metadata);
  const header = (key: string): string | undefined => text(model.fileHeader?.fields.find((f) => f.key.toUpperCase() === key)?.value);

  const facts: WorkflowFacts = {};
  const title = model.title?.text ?? text(fm.title) ?? text(fm.name) ?? fromIndex('workflow name') ?? text(yaml.name);
  const category = fromIndex('category') ?? text(fm.category) ?? text(meta.category);
  const status = fromIndex('status') ?? text(fm.status) ?? text(meta.status);
  const risk = fromIndex('risk') ?? text(fm.risk) ?? text(fm.risk_level) ?? text(meta.risk) ?? text(meta.risk_level);
  const owner = fromIndex('primary owner', 'owner') ?? header('OWNER') ?? text(fm.owner) ?? text(meta.owner) ?? text(yaml.author);
  if (title) facts.title = title;
  if (category) facts.category = category;
  if (status) facts.status = status;
  if (risk) facts.risk = /^[^\s(,;:.]+/.exec(risk)?.[0] ?? risk;
  if (owner) facts.owner = owner;
  return facts;
}

/** The file's name without folders and extension: the title of a document that states none. */
export function fileTitle(uri: string): string {
  const name = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
  return name.replace(/(\.(workflow|wf))?\.[^.]+$/i, '') || name;
}

export function catalogData(model: WorkflowModel, diagnostics: readonly WorkflowDiagnostic[]): CatalogData {
  const facts = workflowFacts(model);
  const problems = { errors: 0, warnings: 0, infos: 0 };
  for (const d of diagnostics) {
    if (d.severity === 'error') problems.errors++;
    else if (d.severity === 'warning') problems.warnings++;
    else problems.infos++;
  }
  return {
    ...facts,
    title: facts.title ?? fileTitle(model.uri),
    format: model.format,
    stepCount: model.steps.length,
    todoCount: model.todos.length,
    problems,
  };
}
