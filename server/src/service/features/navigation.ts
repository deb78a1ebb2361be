/**
 * Go to definition, find references and rename for two kinds of names:
 * - YAML step names and ids, and the route targets that name them (conditions, on_success, dependsOn, fallback);
 * - workflow names (a title, an index entry's Workflow name, a YAML metadata name) and the Related workflows
 *   items of other documents that name them.
 */
import type { Span, WorkflowModel } from '../model';
import { collectStepNames, stepIndex } from '../parse/yamlDefinition';
import type { WorkspaceView } from '../workspace';
import { innerSpan, nameTable, relatedItems, relatedReferences, workflowNames } from './links';
import type { NameTable, WorkflowNameDecl } from './links';
import type { LocationItem, RenameResult, TextEdit } from './types';

// ---------------------------------------------------------------------------------------------
// YAML steps
// ---------------------------------------------------------------------------------------------

/** Where a step's id or name is written: the value's span as written (quotes included) and inside the quotes. */
interface StepNameDecl {
  name: string;
  raw: Span;
  inner: Span;
}

function stepDecls(model: WorkflowModel, k: number): StepNameDecl[] {
  const step = model.steps[k];
  const info = step.yaml;
  if (!info) return [];
  const out: StepNameDecl[] = [];
  const push = (name: string, raw: Span): void => {
    if (raw.start < raw.end) out.push({ name, raw, inner: innerSpan(model.text, raw.start, raw.end) });
  };
  const nameSpan = { start: info.nameStart, end: info.nameEnd };
  if (info.id === undefined) {
    if (info.name !== '') push(info.name, nameSpan);
    return out;
  }
  // The model keeps the span of the name, or of the id when there is no name; the id's own span is in the pointer map.
  const idSpan = (step.number !== undefined ? model.yaml?.pathRanges.get(`/steps/${step.number - 1}/id`) : undefined) ?? nameSpan;
  push(info.id, idSpan);
  if (idSpan.start !== nameSpan.start && info.name !== '') push(info.name, nameSpan);
  return out;
}

interface StepTarget {
  kind: 'step';
  /** The index of the step in `model.steps`. */
  step: number;
  /** The name as written at the cursor. */
  ident: string;
  inner: Span;
}

function stepAt(model: WorkflowModel, offset: number): StepTarget | undefined {
  if (model.kind !== 'yaml') return undefined;
  const index = stepIndex(model.steps);
  const within = (s: Span): boolean => s.start <= offset && offset <= s.end;
  for (let k = 0; k < model.steps.length; k++) {
    const step = model.steps[k];
    if (offset < step.start || offset > step.end) continue;
    for (const decl of stepDecls(model, k)) if (within(decl.raw)) return { kind: 'step', step: k, ident: decl.name, inner: decl.inner };
    for (const c of step.yaml?.conditions ?? []) {
      if (!within(c)) continue;
      const to = index.get(c.target);
      if (to === undefined) return undefined;
      return { kind: 'step', step: to, ident: c.target, inner: innerSpan(model.text, c.start, c.end) };
    }
  }
  return undefined;
}

/** The declaration a name resolves to: the id when the step's id is that name, else its name. */
function declarationOf(model: WorkflowModel, target: StepTarget): StepNameDecl | undefined {
  const decls = stepDecls(model, target.step);
  return decls.find((d) => d.name === target.ident) ?? decls[0];
}

/** Route targets that resolve to step `k`, with their spans as written. */
function stepReferences(model: WorkflowModel, k: number): { target: string; raw: Span }[] {
  const index = stepIndex(model.steps);
  const out: { target: string; raw: Span }[] = [];
  for (const step of model.steps) {
    for (const c of step.yaml?.conditions ?? []) if (index.get(c.target) === k) out.push({ target: c.target, raw: { start: c.start, end: c.end } });
  }
  return out;
}

/** YAML words that a plain scalar cannot be without turning into another type. */
const YAML_SPECIAL = /^(?:true|false|yes|no|on|off|null|y|n|~)$/i;

/** The edit that makes a YAML scalar (quoted or plain) read `value`, keeping its quoting style. */
function yamlScalarEdit(text: string, raw: Span, value: string): TextEdit {
  const open = text[raw.start];
  if ((open === '"' || open === "'") && raw.end - raw.start >= 2 && text[raw.end - 1] === open) {
    const escaped = open === '"' ? JSON.stringify(value).slice(1, -1) : value.replace(/'/g, "''");
    return { start: raw.start + 1, end: raw.end - 1, newText: escaped };
  }
  const plainSafe = /^[A-Za-z_][\w .\/-]*$/.test(value) && !/\s$/.test(value) && !YAML_SPECIAL.test(value);
  return { start: raw.start, end: raw.end, newText: plainSafe ? value : JSON.stringify(value) };
}

// ---------------------------------------------------------------------------------------------
// Workflow names
// ---------------------------------------------------------------------------------------------

interface WorkflowTarget {
  kind: 'workflow';
  uri: string;
  model: WorkflowModel;
  decl: WorkflowNameDecl;
  ident: string;
  inner: Span;
}

/** A workflow name under the cursor: one of the document's own names, or a Related workflows item naming another. */
function workflowAt(model: WorkflowModel, offset: number, table: NameTable | undefined): WorkflowTarget | undefined {
  for (const decl of workflowNames(model)) {
    if (decl.kind === 'stem' || offset < decl.start || offset > decl.end) continue;
    return { kind: 'workflow', uri: model.uri, model, decl, ident: model.text.slice(decl.start, decl.end), inner: { start: decl.start, end: decl.end } };
  }
  if (!table) return undefined;
  for (const ref of relatedReferences(model, table)) {
    if (offset < ref.start || offset > ref.end) continue;
    const hit = table.lookup(ref.name, model.uri);
    if (!hit) continue;
    return { kind: 'workflow', uri: hit.uri, model: hit.model, decl: hit.decl, ident: ref.name, inner: { start: ref.start, end: ref.end } };
  }
  return undefined;
}

/** Every indexed document, with `current` standing in for its own URI (its open version, indexed or not). */
function* documents(workspace: WorkspaceView, current: WorkflowModel): Generator<WorkflowModel> {
  let seen = false;
  for (const uri of workspace.uris()) {
    if (uri === current.uri) {
      seen = true;
      yield current;
      continue;
    }
    const model = workspace.model(uri);
    if (model) yield model;
  }
  if (!seen) yield current;
}

/** A view that answers `current` for its own URI, so names resolve against the text being edited. */
function withCurrent(workspace: WorkspaceView, current: WorkflowModel): WorkspaceView {
  return {
    uris: () => (workspace.uris().includes(current.uri) ? workspace.uris() : [...workspace.uris(), current.uri]),
    model: (uri) => (uri === current.uri ? current : workspace.model(uri)),
  };
}

/** Related workflows items of every document that name the workflow at `uri`. */
function workflowReferences(workspace: WorkspaceView, current: WorkflowModel, table: NameTable, uri: string): { model: WorkflowModel; start: number; end: number; name: string }[] {
  const out: { model: WorkflowModel; start: number; end: number; name: string }[] = [];
  for (const doc of documents(workspace, current)) {
    if (doc.uri === uri || relatedItems(doc).length === 0) continue;
    for (const ref of relatedReferences(doc, table)) if (ref.uri === uri) out.push({ model: doc, start: ref.start, end: ref.end, name: ref.name });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The features
// ---------------------------------------------------------------------------------------------

export function definition(model: WorkflowModel, offset: number, workspace: WorkspaceView): LocationItem[] {
  const step = stepAt(model, offset);
  if (step) {
    const decl = declarationOf(model, step);
    return decl ? [{ uri: model.uri, start: decl.inner.start, end: decl.inner.end }] : [];
  }
  const ws = withCurrent(workspace, model);
  const target = workflowAt(model, offset, nameTable(ws));
  if (!target) return [];
  // A reference by file name has no written declaration: the start of the file.
  return [{ uri: target.uri, start: target.decl.start, end: target.decl.end }];
}

export function references(model: WorkflowModel, offset: number, workspace: WorkspaceView, includeDeclaration: boolean): LocationItem[] {
  const step = stepAt(model, offset);
  if (step) {
    const out: LocationItem[] = [];
    if (includeDeclaration) for (const d of stepDecls(model, step.step)) out.push({ uri: model.uri, start: d.inner.start, end: d.inner.end });
    for (const r of stepReferences(model, step.step)) {
      const inner = innerSpan(model.text, r.raw.start, r.raw.end);
      out.push({ uri: model.uri, start: inner.start, end: inner.end });
    }
    return out.sort((a, b) => a.start - b.start);
  }
  const ws = withCurrent(workspace, model);
  const table = nameTable(ws);
  const target = workflowAt(model, offset, table);
  if (!target) return [];
  const out: LocationItem[] = [];
  if (includeDeclaration) {
    for (const d of workflowNames(target.model)) if (d.kind !== 'stem') out.push({ uri: target.uri, start: d.start, end: d.end });
  }
  for (const r of workflowReferences(ws, model, table, target.uri)) out.push({ uri: r.model.uri, start: r.start, end: r.end });
  return out;
}

export function prepareRename(model: WorkflowModel, offset: number): { start: number; end: number; placeholder: string } | undefined {
  const step = stepAt(model, offset);
  if (step) return { start: step.inner.start, end: step.inner.end, placeholder: step.ident };
  const own = workflowAt(model, offset, undefined);
  if (own) return { start: own.inner.start, end: own.inner.end, placeholder: own.ident };
  // A Related workflows item: whether it names a workflow is checked by the rename itself, which sees the workspace.
  for (const item of relatedItems(model)) {
    const span = item.candidates[item.candidates.length - 1];
    if (span.start <= offset && offset <= span.end) return { start: span.start, end: span.end, placeholder: model.text.slice(span.start, span.end) };
  }
  return undefined;
}

export function rename(model: WorkflowModel, offset: number, newName: string, workspace: WorkspaceView): RenameResult {
  const name = newName.trim();
  if (name === '') return { error: 'The new name is empty.' };
  if (/[\r\n]/.test(name)) return { error: 'The new name must be one line.' };

  const step = stepAt(model, offset);
  if (step) {
    if (name === step.ident) return { edits: [] };
    const taken = new Set([...stepIndex(model.steps).keys(), ...collectStepNames(model.yaml?.data)]);
    if (taken.has(name)) return { error: `A step named "${name}" already exists.` };
    const edits: TextEdit[] = [];
    for (const d of stepDecls(model, step.step)) if (d.name === step.ident) edits.push(yamlScalarEdit(model.text, d.raw, name));
    for (const r of stepReferences(model, step.step)) if (r.target === step.ident) edits.push(yamlScalarEdit(model.text, r.raw, name));
    return { edits: [{ uri: model.uri, edits: edits.sort((a, b) => a.start - b.start) }] };
  }

  const ws = withCurrent(workspace, model);
  const table = nameTable(ws);
  const target = workflowAt(model, offset, table);
  if (!target) return { error: 'There is no step or workflow name here to rename.' };
  const ident = target.ident.toLowerCase();
  if (name.toLowerCase() === ident) return { edits: [] };
  const clash = table.lookup(name, target.uri);
  if (clash) return { error: `A workflow named "${name}" already exists (${clash.uri}).` };

  const byUri = new Map<string, TextEdit[]>();
  const add = (uri: string, edit: TextEdit): void => {
    const list = byUri.get(uri);
    if (list) list.push(edit);
    else byUri.set(uri, [edit]);
  };
  let declared = false;
  for (const d of workflowNames(target.model)) {
    if (d.kind === 'stem' || d.name.toLowerCase() !== ident) continue;
    declared = true;
    if (target.model.kind === 'yaml') {
      // The YAML name's span is inside its quotes; the edit keeps the quoting style of the scalar as written.
      const raw = target.model.text[d.start - 1] === target.model.text[d.end] && /["']/.test(target.model.text[d.end] ?? '') ? { start: d.start - 1, end: d.end + 1 } : d;
      add(target.uri, yamlScalarEdit(target.model.text, raw, name));
    } else add(target.uri, { start: d.start, end: d.end, newText: name });
  }
  if (!declared) return { error: `"${target.ident}" is the file name of ${target.uri}; rename the file instead.` };
  for (const r of workflowReferences(ws, model, table, target.uri)) {
    if (r.name.toLowerCase() === ident) add(r.model.uri, { start: r.start, end: r.end, newText: name });
  }
  return { edits: [...byUri].map(([uri, edits]) => ({ uri, edits: edits.sort((a, b) => a.start - b.start) })) };
}
