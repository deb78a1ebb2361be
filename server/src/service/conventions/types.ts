/**
 * Conventions: the unwritten template of a group of workflow documents (by default the documents of one folder),
 * learned from what most of them have. Pure data; derived in derive.ts from each document's shape (shape.ts).
 */

/** How much agreement makes a convention. */
export interface ConventionSettings {
  /** Share of the group's documents that must have a section or field (0.5–1; default 0.75). */
  threshold: number;
  /** Smallest group that gets a convention (default 4): a pattern of two or three documents is a coincidence. */
  minDocuments: number;
}

export const DEFAULT_CONVENTION_SETTINGS: Readonly<ConventionSettings> = Object.freeze({ threshold: 0.75, minDocuments: 4 });

/** What one document contributes to its group's convention: a few strings and counts, no text. */
export interface DocumentShape {
  uri: string;
  /** The document's sections (level 2 and deeper, step headings left out), in document order. */
  sections: ShapeSection[];
  /** Metadata field names, normalized (front-matter keys, "Owner:"-style header lines), each once. */
  fields: ShapeField[];
  /** How many steps the document has, and how many carry a Validation / a Rollback. */
  steps: number;
  validated: number;
  rolledBack: number;
}

export interface ShapeSection {
  /** The section's key with aliases and plural folded (Verification and Validation share one). */
  key: string;
  /** The heading text as written (numbering and emphasis removed). */
  title: string;
  level: number;
}

export interface ShapeField {
  key: string;
  /** The name as written ("owner", "Last updated"). */
  label: string;
  /** 'frontmatter' or 'header' (a metadata line such as **Owner**: …). */
  where: 'frontmatter' | 'header';
}

export interface ConventionSection {
  key: string;
  /** The heading text most documents of the group use. */
  title: string;
  /** The heading level most documents use. */
  level: number;
  /** How many documents of the group have it. */
  count: number;
}

export interface ConventionField {
  key: string;
  label: string;
  where: 'frontmatter' | 'header';
  count: number;
}

/** Whether steps usually carry a Validation or a Rollback, among documents with steps. */
export interface ConventionStepShape {
  /** Documents of the group that have steps. */
  documents: number;
  /** Documents most of whose steps carry a Validation (undefined: not a convention). */
  validation?: number;
  rollback?: number;
}

export interface Convention {
  /** The group's name as shown: "runbooks/" for a folder, the glob for a configured group. */
  group: string;
  /** What to call the documents in messages: "runbooks", "workflows", "documents". */
  noun: string;
  /** How many documents the convention was learned from. */
  documents: number;
  settings: ConventionSettings;
  /** How many documents have each section (by key), usual or not: for hovers. */
  sectionCounts: Record<string, number>;
  /** The usual sections, in their usual order. */
  sections: ConventionSection[];
  /**
   * For sections `a` before `b` in the usual order: how many documents that have both put `a` first, and how
   * many have both. Keyed `${a}\n${b}`.
   */
  order: Record<string, { before: number; both: number }>;
  fields: ConventionField[];
  steps?: ConventionStepShape;
}
