import type { FormatId } from '../model';

export interface SectionSpec {
  /** Title as the template writes it, e.g. "Index Entry (for catalog)". */
  title: string;
  /** Normalized key (see `sectionKey`). */
  key: string;
  /** Normalized keys of other titles that count as this section. */
  aliases: string[];
  required: boolean;
  /** Heading level in the template (2 for "##"). */
  level: number;
  /** Number as written in the template ("0", "2.1"), if any. */
  number?: string;
  /** Key of the section this one is nested in (for sub-sections); undefined for a level-2 section. */
  parentKey?: string;
  /** Normalized lines of the template's guidance text for this section: a document line equal to one is unfilled. */
  guidance: string[];
  /** The guidance text as written, for "insert missing section" fixes. */
  guidanceText: string;
}

export interface IndexFieldSpec {
  label: string;
  key: string;
  aliases: string[];
  required: boolean;
  /** Allowed values (compared case-insensitively, a trailing parenthetical ignored); undefined means any. */
  allowed?: string[];
  /** Normalized guidance lines that do not count as a value. */
  guidance: string[];
}

export interface TemplateDescriptor {
  id: string;
  name: string;
  format: FormatId;
  sections: SectionSpec[];
  indexEntry?: { sectionKey: string; fields: IndexFieldSpec[] };
  /** Normalized guidance lines of the template's preamble (between its title and first section). */
  preambleGuidance?: string[];
  /** What each step must have. */
  steps: { command: boolean; validation: boolean; rollback: boolean };
  /** Where a custom template came from (a path), for messages. */
  source?: string;
}
