import type { Step, WorkflowModel } from '../model';

/** What the numbering rules and the renumbering fix need of a numbered step or heading. */
export type NumberedStep = Pick<Step, 'source' | 'start' | 'title' | 'titleStart' | 'titleEnd' | 'number' | 'numberText'>;

/**
 * The sequences whose numbering must run 1, 2, 3... as the author wrote them:
 * - headings: the numbered sibling headings (same parent, same level) of a procedure, whether each became a step or
 *   not. A "Step 3" whose options became the steps, or a numbered "1. Overview" before the procedure, still holds
 *   its number in the sequence, so the reading of steps never makes a gap the author did not write;
 * - skill steps by their workflow.
 * Not list items, bold paragraphs or table rows: Markdown numbers an ordered list itself (`1.` `1.` `1.` renders
 * 1, 2, 3, and each list counts on its own), and only some items or paragraphs of a section are steps, so their
 * numbers seen through the steps have gaps the author never wrote.
 */
export function numberedStepGroups(model: WorkflowModel): NumberedStep[][] {
  // step.numbering-gap and step.numbering-duplicate run one after the other on the same model: the second
  // reuses the first one's groups. One slot, not a WeakMap: a WeakMap entry per short-lived model makes
  // every young-generation GC much slower (measured: scavenges took twice as long on the bench corpus).
  if (last.model !== model) {
    last.model = model;
    last.groups = groupSteps(model);
  }
  return last.groups;
}

/** The word before a heading's number ("Step", "Phase", "Schritt"), if any. */
const STEP_WORD = /^[\s*_]*(\p{L}+)[^\S\n]*\d/u;

const last: { model: WorkflowModel | undefined; groups: NumberedStep[][] } = { model: undefined, groups: [] };

function groupSteps(model: WorkflowModel): NumberedStep[][] {
  const groups: NumberedStep[][] = [];
  const byKey = new Map<string, NumberedStep[]>();
  const add = (key: string, item: NumberedStep): void => {
    let list = byKey.get(key);
    if (!list) {
      byKey.set(key, (list = []));
      groups.push(list);
    }
    list.push(item);
  };
  const sectionAt = new Map<number, number>();
  model.sections.forEach((s, i) => sectionAt.set(s.start, i));
  const headingStepAt = new Map<number, Step>();
  const procedures = new Set<string>();
  for (const step of model.steps) {
    if (step.source === 'yaml') continue;
    if (step.source === 'heading') {
      const i = sectionAt.get(step.start);
      if (i !== undefined) {
        headingStepAt.set(i, step);
        procedures.add(`${model.sections[i].parent}:${model.sections[i].level}`);
      }
      continue;
    }
    if (step.number !== undefined && step.source === 'skill') add(`skill:${step.group}`, step);
  }
  // The numbered headings of each procedure, in document order.
  model.sections.forEach((s, i) => {
    const key = `${s.parent}:${s.level}`;
    if (!procedures.has(key) || s.number === undefined || !/^\d+$/.test(s.number)) return;
    // "Phase 1..3" and "Step 1..5" beside each other are two sequences.
    const sequence = `heading:${key}:${STEP_WORD.exec(s.heading.text)?.[1].toLowerCase() ?? ''}`;
    const step = headingStepAt.get(i);
    if (step && step.number !== undefined) return add(sequence, step);
    const at = s.heading.text.indexOf(s.title);
    const titleStart = at >= 0 ? s.heading.textStart + at : s.heading.textStart;
    add(sequence, {
      source: 'heading', start: s.start, title: s.title, titleStart, titleEnd: at >= 0 ? titleStart + s.title.length : s.heading.textEnd,
      number: Number(s.number), numberText: s.number,
    });
  });
  // One numbered heading is no sequence: "Phase 3: Planning" alone names its place in a larger process.
  return groups.filter((g) => g.length > 1 || g[0].source !== 'heading');
}
