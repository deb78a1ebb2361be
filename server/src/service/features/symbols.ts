/**
 * Document symbols (the outline: sections and their steps, or a YAML workflow and its steps) and workspace
 * symbols (every workflow and step of every indexed document).
 */
import type { Section, Step, WorkflowModel } from '../model';
import type { CancellationToken } from '../options';
import type { WorkspaceView } from '../workspace';
import type { SymbolNode, WorkspaceSymbolItem } from './types';
import { stripInline } from '../parse/normalize';
import { lastStartingAtOrBefore } from '../text';

/** The name of a workflow: its title, else its file name without the workflow extensions. */
export function workflowName(model: WorkflowModel): string {
  return model.title?.text || fileStem(model.uri);
}

/** A file's name without its folder and its workflow extensions (`deploy.workflow.yaml` → `deploy`). */
export function fileStem(uri: string): string {
  const name = decodeURIComponentSafe(uri.slice(uri.lastIndexOf('/') + 1));
  return name.replace(/\.(workflow|wf)\.ya?ml$/i, '').replace(/\.(md|markdown|mdx|txt|ya?ml)$/i, '');
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A step's name in the outline: its number as written, then its title. */
function stepName(step: Step): string {
  if (step.source === 'yaml') return step.title;
  return step.numberText !== undefined ? `${step.numberText}. ${step.title}` : step.title;
}

/** "automated · System · ~1 minute" for Markdown steps; the step type for YAML steps. */
function stepDetail(step: Step): string | undefined {
  if (step.source === 'yaml') return step.yaml?.type;
  const parts = [step.mode, step.actor, step.duration].filter((p): p is string => !!p && p.trim() !== '');
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

function stepNode(step: Step, start: number, end: number): SymbolNode {
  const node: SymbolNode = {
    name: stepName(step) || `Step ${step.number ?? ''}`.trim(),
    kind: 'step',
    start,
    end,
    selectionStart: step.titleStart,
    selectionEnd: step.titleEnd,
    children: [],
  };
  const detail = stepDetail(step);
  if (detail !== undefined) node.detail = detail;
  return node;
}

function sectionNode(section: Section, model: WorkflowModel): SymbolNode {
  const h = section.heading;
  return {
    name: stripInline(h.text) || section.title || '(untitled)',
    kind: 'section',
    start: section.start,
    end: section.end,
    selectionStart: h.textStart,
    selectionEnd: Math.max(h.textStart, Math.min(h.textEnd, model.text.length)),
    children: [],
  };
}

export function documentSymbols(model: WorkflowModel): SymbolNode[] {
  return model.kind === 'yaml' ? yamlSymbols(model) : markdownSymbols(model);
}

function yamlSymbols(model: WorkflowModel): SymbolNode[] {
  const title = model.title;
  const root: SymbolNode = {
    name: workflowName(model),
    kind: 'workflow',
    start: 0,
    end: model.text.length,
    selectionStart: title?.start ?? 0,
    selectionEnd: title?.end ?? 0,
    children: [],
  };
  for (const step of model.steps) root.children.push(stepNode(step, step.start, step.end));
  // A definition without a name or steps has nothing worth an outline.
  if (!title && root.children.length === 0) return [];
  return [root];
}

function markdownSymbols(model: WorkflowModel): SymbolNode[] {
  const { sections, steps } = model;
  const nodes = sections.map((s) => sectionNode(s, model));
  const roots: SymbolNode[] = [];
  for (let i = 0; i < sections.length; i++) {
    const parent = sections[i].parent;
    if (parent >= 0 && parent < nodes.length) nodes[parent].children.push(nodes[i]);
    else roots.push(nodes[i]);
  }
  // Sections by start offset, to find a step's section and whether a heading step is the section itself.
  const byStart = new Map<number, number>();
  for (let i = 0; i < sections.length; i++) byStart.set(sections[i].start, i);
  for (const step of steps) {
    const own = step.source === 'heading' ? byStart.get(step.start) : undefined;
    if (own !== undefined) {
      // A step written as a heading is that section: the outline shows it once, as a step, with its sub-sections.
      const node = nodes[own];
      node.kind = 'step';
      node.name = stepName(step) || node.name;
      node.selectionStart = step.titleStart;
      node.selectionEnd = step.titleEnd;
      const detail = stepDetail(step);
      if (detail !== undefined) node.detail = detail;
      continue;
    }
    const container = innermostSection(sections, step.start);
    if (container < 0) {
      roots.push(stepNode(step, step.start, step.end));
      continue;
    }
    const section = sections[container];
    const node = stepNode(step, step.start, Math.min(step.end, section.end));
    insertSorted(nodes[container].children, node);
  }
  return roots;
}

/** The deepest section whose range holds `offset`, or -1. Sections are in document order, parents first. */
function innermostSection(sections: readonly Section[], offset: number): number {
  // The last section starting at or before the offset; then walk up to one whose range holds it.
  for (let i = lastStartingAtOrBefore(sections, offset, (s) => s.start); i >= 0; i = sections[i].parent) {
    if (offset < sections[i].end) return i;
  }
  return -1;
}

/** Keeps children in document order (steps may come between sub-sections). */
function insertSorted(children: SymbolNode[], node: SymbolNode): void {
  let i = children.length;
  while (i > 0 && children[i - 1].start > node.start) i--;
  children.splice(i, 0, node);
}

/** Whether every character of `query` appears in `name` in order (case-insensitive). */
export function subsequenceMatch(query: string, name: string): boolean {
  if (query === '') return true;
  const q = query.toLowerCase();
  const n = name.toLowerCase();
  let j = 0;
  for (let i = 0; i < n.length && j < q.length; i++) if (n[i] === q[j]) j++;
  return j === q.length;
}

export function workspaceSymbols(query: string, workspace: WorkspaceView, token?: CancellationToken): WorkspaceSymbolItem[] {
  const out: WorkspaceSymbolItem[] = [];
  const q = query.replace(/\s+/g, '');
  for (const uri of workspace.uris()) {
    if (token?.isCancellationRequested) return [];
    const model = workspace.model(uri);
    if (!model) continue;
    const name = workflowName(model);
    if (subsequenceMatch(q, name)) {
      out.push({ uri, name, kind: 'workflow', start: model.title?.start ?? 0, end: model.title?.end ?? 0 });
    }
    for (const step of model.steps) {
      const label = stepName(step);
      if (!label || !subsequenceMatch(q, label)) continue;
      out.push({ uri, name: label, kind: 'step', containerName: name, start: step.titleStart, end: step.titleEnd });
    }
  }
  return out;
}
