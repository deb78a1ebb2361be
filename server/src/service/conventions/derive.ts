/**
 * Deriving a group's convention from its documents' shapes: the sections, metadata fields and step layout that at
 * least `threshold` of the documents share, in a group of at least `minDocuments`.
 */
import { DEFAULT_CONVENTION_SETTINGS } from './types';
import type { Convention, ConventionField, ConventionSection, ConventionSettings, ConventionStepShape, DocumentShape } from './types';

/** The group's convention; undefined for a group smaller than `settings.minDocuments`. */
export function deriveConvention(group: string, shapes: readonly DocumentShape[], settings: ConventionSettings = DEFAULT_CONVENTION_SETTINGS): Convention | undefined {
  const total = shapes.length;
  if (total < settings.minDocuments || total === 0) return undefined;
  const needed = requiredCount(total, settings.threshold);

  // Sections: how many documents have each, with which heading texts and levels.
  const stats = new Map<string, { count: number; titles: Map<string, number>; levels: Map<number, number>; rank: number }>();
  for (const shape of shapes) {
    shape.sections.forEach((s, i) => {
      let stat = stats.get(s.key);
      if (!stat) stats.set(s.key, (stat = { count: 0, titles: new Map(), levels: new Map(), rank: 0 }));
      stat.count++;
      stat.titles.set(s.title, (stat.titles.get(s.title) ?? 0) + 1);
      stat.levels.set(s.level, (stat.levels.get(s.level) ?? 0) + 1);
      stat.rank += i / Math.max(1, shape.sections.length);
    });
  }
  const chosen: (ConventionSection & { rank: number })[] = [];
  for (const [key, stat] of stats) {
    if (stat.count < needed) continue;
    chosen.push({ key, title: mostCommon(stat.titles, (a, b) => (a < b ? -1 : a > b ? 1 : 0)), level: mostCommon(stat.levels, (a, b) => a - b), count: stat.count, rank: stat.rank / stat.count });
  }

  // Order: how often each chosen section comes before each other one, among documents that have both.
  const before = new Map<string, number>();
  const chosenKeys = new Set(chosen.map((s) => s.key));
  for (const shape of shapes) {
    const present = shape.sections.filter((s) => chosenKeys.has(s.key));
    for (let i = 0; i < present.length; i++) {
      for (let j = i + 1; j < present.length; j++) {
        const pair = `${present[i].key}\n${present[j].key}`;
        before.set(pair, (before.get(pair) ?? 0) + 1);
      }
    }
  }
  const firstCount = (a: string, b: string): number => before.get(`${a}\n${b}`) ?? 0;
  // A section's score is how many others it usually precedes (a majority of the documents that have both); ties
  // go to the average relative position, then to the key, so the order never depends on the order of the input.
  const wins = new Map(chosen.map((s) => [s.key, chosen.filter((o) => o.key !== s.key && firstCount(s.key, o.key) > firstCount(o.key, s.key)).length]));
  chosen.sort((a, b) => (wins.get(b.key) ?? 0) - (wins.get(a.key) ?? 0) || a.rank - b.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const order: Convention['order'] = {};
  for (let i = 0; i < chosen.length; i++) {
    for (let j = i + 1; j < chosen.length; j++) {
      const a = chosen[i].key;
      const b = chosen[j].key;
      const first = firstCount(a, b);
      const both = first + firstCount(b, a);
      if (both > 0) order[`${a}\n${b}`] = { before: first, both };
    }
  }

  // Metadata fields.
  const fieldStats = new Map<string, { count: number; labels: Map<string, number>; where: Map<ConventionField['where'], number> }>();
  for (const shape of shapes) {
    for (const f of shape.fields) {
      let stat = fieldStats.get(f.key);
      if (!stat) fieldStats.set(f.key, (stat = { count: 0, labels: new Map(), where: new Map() }));
      stat.count++;
      stat.labels.set(f.label, (stat.labels.get(f.label) ?? 0) + 1);
      stat.where.set(f.where, (stat.where.get(f.where) ?? 0) + 1);
    }
  }
  const fields: ConventionField[] = [];
  for (const [key, stat] of fieldStats) {
    if (stat.count < needed) continue;
    fields.push({ key, label: mostCommon(stat.labels, (a, b) => (a < b ? -1 : a > b ? 1 : 0)), where: mostCommon(stat.where, (a, b) => (a < b ? -1 : a > b ? 1 : 0)), count: stat.count });
  }
  fields.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  const sections: ConventionSection[] = chosen.map(({ key, title, level, count }) => ({ key, title, level, count }));
  const sectionCounts: Record<string, number> = {};
  for (const [key, stat] of stats) sectionCounts[key] = stat.count;
  const convention: Convention = { group, noun: nounOf(group), documents: total, settings: { ...settings }, sectionCounts, sections, order, fields };
  const steps = stepShape(shapes, settings);
  if (steps) convention.steps = steps;
  return convention;
}

/** The smallest count that reaches `threshold` of `total` (3 of 4 at 75 %). */
export function requiredCount(total: number, threshold: number): number {
  // The epsilon keeps 0.75 * 4 at 3 despite floating point.
  return Math.max(1, Math.ceil(threshold * total - 1e-9));
}

/** Whether steps usually carry a Validation or a Rollback: most steps of at least `threshold` of the documents with steps. */
function stepShape(shapes: readonly DocumentShape[], settings: ConventionSettings): ConventionStepShape | undefined {
  const withSteps = shapes.filter((s) => s.steps > 0);
  if (withSteps.length < settings.minDocuments) return undefined;
  const needed = requiredCount(withSteps.length, settings.threshold);
  const validation = withSteps.filter((s) => s.validated * 2 >= s.steps).length;
  const rollback = withSteps.filter((s) => s.rolledBack * 2 >= s.steps).length;
  if (validation < needed && rollback < needed) return undefined;
  const out: ConventionStepShape = { documents: withSteps.length };
  if (validation >= needed) out.validation = validation;
  if (rollback >= needed) out.rollback = rollback;
  return out;
}

/** The most frequent value; among equally frequent ones, the first by `compare`. */
function mostCommon<T>(counts: ReadonlyMap<T, number>, compare: (a: T, b: T) => number): T {
  let best: T | undefined;
  let bestCount = -1;
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && compare(value, best as T) < 0)) {
      best = value;
      bestCount = count;
    }
  }
  return best as T;
}

/** "runbooks" for the group "ops/runbooks/", "documents" for the top folder or a glob. */
export function nounOf(group: string): string {
  if (!group.endsWith('/')) return 'documents';
  const name = group.slice(group.lastIndexOf('/', group.length - 2) + 1, -1).toLowerCase();
  // Only a plain plural folder name reads as a noun ("runbooks", "workflows"); ".github" or "v2" does not.
  return name.length > 3 && name.endsWith('s') && /^[a-z][a-z-]*$/.test(name) ? name : 'documents';
}
