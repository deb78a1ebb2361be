/**
 * What the convention.* rules share: how a message names the siblings that support it, where a finding about the
 * whole document is shown, and the usual order's rank of each section.
 */
import type { WorkflowModel } from '../model';
import type { Convention } from './types';

/** "11 of 12 runbooks in runbooks/". */
export function support(convention: Convention, count: number, of = convention.documents): string {
  return `${count} of ${of} ${convention.noun} in ${convention.group}`;
}

/** A document-wide finding is shown on the title's text (or at the top when there is no title). */
export function documentAnchor(model: WorkflowModel): { start: number; end: number } {
  const title = model.sections.find((s) => s.level === 1)?.heading;
  return title ? { start: title.textStart, end: title.textEnd } : { start: 0, end: 0 };
}

/** Each usual section's place in the usual order, by key. */
export function ranks(convention: Convention): Map<string, number> {
  return new Map(convention.sections.map((s, i) => [s.key, i]));
}

/** How many documents that have both put `first` before `second` (keys), and how many have both. */
export function orderSupport(convention: Convention, first: string, second: string): { before: number; both: number } {
  const forward = convention.order[`${first}\n${second}`];
  if (forward) return forward;
  const backward = convention.order[`${second}\n${first}`];
  return backward ? { before: backward.both - backward.before, both: backward.both } : { before: 0, both: 0 };
}
