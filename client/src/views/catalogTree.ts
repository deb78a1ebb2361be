/**
 * The Catalog view's model, free of VS Code: groups catalog entries by category, status or risk, orders them,
 * and words their problem and TODO counts. The view (catalogView.ts) only turns these into tree items.
 */
import type { CatalogEntry } from '../../../server/src/protocol';

export type CatalogGrouping = 'category' | 'status' | 'risk' | 'none';

export const CATALOG_GROUPINGS: readonly { id: CatalogGrouping; label: string }[] = [
  { id: 'category', label: 'Category' },
  { id: 'status', label: 'Status' },
  { id: 'risk', label: 'Risk' },
  { id: 'none', label: 'None (a flat list)' },
];

export interface CatalogGroup {
  /** The value grouped on, as written by the first document that has it; '' for documents without one. */
  key: string;
  label: string;
  entries: CatalogEntry[];
  problems: number;
  todos: number;
}

export function isCatalogGrouping(value: unknown): value is CatalogGrouping {
  return CATALOG_GROUPINGS.some((g) => g.id === value);
}

/** Errors and warnings: what the badge counts (information-level problems such as TODOs are counted apart). */
export function problemCount(entry: CatalogEntry): number {
  return entry.problems.errors + entry.problems.warnings;
}

const RISK_ORDER = ['high', 'medium', 'low'];

function byTitle(a: CatalogEntry, b: CatalogEntry): number {
  return a.title.localeCompare(b.title) || a.uri.localeCompare(b.uri);
}

/**
 * The entries in groups: one group per value (compared case-insensitively), sorted by name (risk from high to
 * low), documents without a value last, entries sorted by title. `none` gives one group holding everything.
 */
export function groupCatalog(entries: readonly CatalogEntry[], by: CatalogGrouping): CatalogGroup[] {
  const sorted = [...entries].sort(byTitle);
  if (by === 'none') return [makeGroup('', 'All workflows', sorted)];
  const groups = new Map<string, { key: string; entries: CatalogEntry[] }>();
  for (const entry of sorted) {
    const value = entry[by]?.trim() ?? '';
    const id = value.toLowerCase();
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { key: value, entries: [] }));
    group.entries.push(entry);
  }
  const rank = (key: string): number => {
    if (key === '') return Number.MAX_SAFE_INTEGER;
    const i = by === 'risk' ? RISK_ORDER.indexOf(key.toLowerCase()) : -1;
    return i >= 0 ? i : RISK_ORDER.length;
  };
  return [...groups.values()]
    .sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key))
    .map((g) => makeGroup(g.key, g.key || `No ${by}`, g.entries));
}

function makeGroup(key: string, label: string, entries: CatalogEntry[]): CatalogGroup {
  return {
    key,
    label,
    entries,
    problems: entries.reduce((n, e) => n + problemCount(e), 0),
    todos: entries.reduce((n, e) => n + e.todoCount, 0),
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "2 errors, 1 warning · 3 TODOs"; '' when there is nothing to report. */
export function countsText(problems: { errors: number; warnings: number }, todos: number): string {
  const parts: string[] = [];
  if (problems.errors) parts.push(plural(problems.errors, 'error'));
  if (problems.warnings) parts.push(plural(problems.warnings, 'warning'));
  const text = parts.join(', ');
  if (!todos) return text;
  return text ? `${text} · ${plural(todos, 'TODO')}` : plural(todos, 'TODO');
}

/** An entry's description in the tree: its counts, or its step count when it has nothing open. */
export function entryDescription(entry: CatalogEntry): string {
  return countsText(entry.problems, entry.todoCount) || (entry.stepCount ? plural(entry.stepCount, 'step') : '');
}

/** A group's description: how many workflows, and their counts. */
export function groupDescription(group: CatalogGroup): string {
  const counts = [group.problems ? plural(group.problems, 'problem') : '', group.todos ? plural(group.todos, 'TODO') : ''].filter(Boolean);
  return [plural(group.entries.length, 'workflow'), ...counts].join(' · ');
}

/** A file decoration badge (at most two characters): the problem count, else the TODO count; undefined when both are 0. */
export function entryBadge(entry: CatalogEntry): string | undefined {
  const n = problemCount(entry) || entry.todoCount;
  if (n === 0) return undefined;
  return n > 99 ? '99' : String(n);
}
