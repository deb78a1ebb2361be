/**
 * Conventions over a set of documents: group their shapes, derive each group's convention. The CLI and the
 * workspace index call the same function.
 */
import { deriveConvention } from './derive';
import type { ConventionGrouping } from './grouping';
import type { Convention, DocumentShape } from './types';

export type { Convention, ConventionSettings, DocumentShape } from './types';
export { documentShape } from './shape';
export { deriveConvention } from './derive';
export { ConventionGrouping } from './grouping';

/** One group: its documents' shapes, how many of its documents were left out (a template), and its convention. */
export interface GroupConvention {
  group: string;
  shapes: DocumentShape[];
  /** Documents of the group that have a template or are not Markdown workflows: they take no part. */
  skipped: number;
  convention?: Convention;
}

/**
 * Groups documents (by relative path) and derives each group's convention. `shape` is undefined for a document that
 * takes no part. Groups come in the order their first document comes.
 */
export function learnConventions(documents: Iterable<{ relPath: string; shape: DocumentShape | undefined }>, grouping: ConventionGrouping): Map<string, GroupConvention> {
  const groups = new Map<string, GroupConvention>();
  for (const { relPath, shape } of documents) {
    const name = grouping.groupOf(relPath);
    let group = groups.get(name);
    if (!group) groups.set(name, (group = { group: name, shapes: [], skipped: 0 }));
    if (shape) group.shapes.push(shape);
    else group.skipped++;
  }
  for (const group of groups.values()) {
    const convention = deriveConvention(group.group, group.shapes, grouping.settings);
    if (convention) group.convention = convention;
  }
  return groups;
}
