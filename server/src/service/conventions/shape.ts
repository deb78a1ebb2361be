/**
 * A document's shape: the little a convention needs to know of it (section keys and titles, metadata field names,
 * step counts). Read from the parsed model, never from the text again; kept by the workspace index per file.
 */
import type { Section, WorkflowModel } from '../model';
import { sectionAliasRoot, singular } from '../templates/aliases';
import { fieldKey } from '../parse/normalize';
import { detached } from '../text';
import type { DocumentShape, ShapeField, ShapeSection } from './types';

const shapes = new WeakMap<WorkflowModel, DocumentShape | null>();

/**
 * The document's shape, or undefined when the document takes no part in conventions: YAML definitions,
 * reference pages, and documents with a template (the template's own rules check them).
 */
export function documentShape(model: WorkflowModel): DocumentShape | undefined {
  let shape = shapes.get(model);
  if (shape === undefined) shapes.set(model, (shape = learnsConventions(model) ? readShape(model) : null));
  return shape ?? undefined;
}

export function learnsConventions(model: WorkflowModel): boolean {
  return model.kind === 'markdown' && !model.template && model.format !== 'reference';
}

const sectionLists = new WeakMap<WorkflowModel, { key: string; section: Section }[]>();

/**
 * The sections a convention compares, in document order, each key once; not the title (the first level-1
 * heading: the document's own name). Step headings stay: "## Steps" with commands of its own is both, and a
 * numbered step's title ("### 1. Build the image") is rarely shared by enough documents to count.
 */
export function conventionSections(model: WorkflowModel): readonly { key: string; section: Section }[] {
  let out = sectionLists.get(model);
  if (out) return out;
  out = [];
  const title = model.sections.find((s) => s.level === 1);
  const seen = new Set<string>();
  for (const s of model.sections) {
    if (s === title || s.key === '') continue;
    const key = conventionKey(s.key);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ key, section: s });
  }
  sectionLists.set(model, out);
  return out;
}

function readShape(model: WorkflowModel): DocumentShape {
  // Copies, not slices: the index keeps a shape per file, and a slice would keep the file's whole text alive.
  const sections: ShapeSection[] = conventionSections(model).map(({ key, section }) => ({ key: detached(key), title: detached(section.title), level: section.level }));
  const fields: ShapeField[] = [];
  const fieldSeen = new Set<string>();
  const addField = (label: string, where: ShapeField['where']): void => {
    const key = fieldKey(label);
    if (key === '' || fieldSeen.has(key)) return;
    fieldSeen.add(key);
    fields.push({ key: detached(key), label: detached(label), where });
  };
  for (const entry of model.frontmatter?.entries ?? []) addField(entry.key, 'frontmatter');
  for (const field of model.fileHeader?.fields ?? []) addField(field.key, 'header');
  let steps = 0;
  let validated = 0;
  let rolledBack = 0;
  for (const step of model.steps) {
    if (step.source === 'yaml' || step.source === 'skill') continue;
    steps++;
    if (step.validation) validated++;
    if (step.rollback) rolledBack++;
  }
  return { uri: detached(model.uri), sections, fields, steps, validated, rolledBack };
}

const keys = new Map<string, string>();

/**
 * One key for a section and its aliases, plural folded: "Verification" and "Validation", "Trigger" and
 * "Triggers" count as one section (the first title of the alias group, singular).
 */
export function conventionKey(key: string): string {
  let out = keys.get(key);
  if (out === undefined) {
    out = singular(sectionAliasRoot(key));
    // A plural whose singular is an alias ("Preconditions" is not listed, "Precondition" would be).
    if (out === singular(key)) out = singular(sectionAliasRoot(singular(key)));
    // Bounded: keys come from user text.
    if (keys.size < 10_000) keys.set(detached(key), (out = detached(out)));
  }
  return out;
}
