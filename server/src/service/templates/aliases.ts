/**
 * Aliases: other titles that count as the same section, and other labels that count as the same step field.
 *
 * Real documents name the same section many ways ("Verification" for "Validation", "Voraussetzungen" for
 * "Prerequisites"); templates name one of them. Every title in a group counts as every other one.
 * Keys are normalized with `sectionKey` / `fieldKey`, so they are written here as plain titles and normalized once.
 */
import type { IndexFieldSpec } from './types';
import { fieldKey, sectionKey } from '../parse/normalize';

/** Groups of section titles that mean the same section. Written as titles; normalized when the module loads. */
const SECTION_ALIAS_GROUPS: readonly (readonly string[])[] = [
  ['Validation', 'Verification', 'Verify', 'Checks', 'Validation Steps'],
  ['Trigger', 'Triggers', 'When to use', 'When to run'],
  ['Prerequisites', 'Preconditions', 'Requirements', 'Before you begin', 'Voraussetzungen', '前提条件'],
  ['Rollback', 'Rollback Procedure', 'Rollback Plan', 'Rollback Steps', 'Undo'],
  ['Steps', 'Procedure', 'Workflow', 'Instructions', 'Ablauf', 'Schritte', 'ワークフロー', '手順'],
  ['Overview', 'Summary', 'Purpose', 'Description', 'Übersicht', 'Zusammenfassung', '概要'],
  ['Error Handling', 'Failure Modes', 'Troubleshooting', 'Fehlerbehandlung'],
  ['Monitoring', 'Observability'],
  ['Outputs', 'Results', 'Deliverables'],
  ['Success Criteria', 'Exit Criteria', 'Definition of Done', 'Acceptance Criteria'],
  ['Change Log', 'Changelog', 'History', 'Revision History'],
  ['Decision Points', 'Decisions'],
  ['Dependencies', 'Related Workflows'],
  ['Index Entry', 'Catalog Entry'],
];

/** Groups of index-entry field labels that mean the same field. */
const INDEX_FIELD_ALIAS_GROUPS: readonly (readonly string[])[] = [
  ['Workflow name', 'Name', 'Title'],
  ['Short description', 'Description', 'Summary'],
  ['Primary owners', 'Owner', 'Owners'],
  ['Risk level', 'Risk'],
  ['Primary systems touched', 'Systems touched', 'Systems'],
];

/**
 * Labels of step fields, by role (normalized with `fieldKey`). The model builder uses them to find a step's
 * Validation, Rollback, Actor, Duration, Actions and Purpose however a document writes them.
 */
export const STEP_FIELD_ALIASES: Readonly<Record<'validation' | 'rollback' | 'actor' | 'duration' | 'actions' | 'purpose', string[]>> =
  Object.freeze({
    validation: ['validation', 'verification', 'verify', 'check', 'checks', 'expected result', 'expected'],
    rollback: ['rollback', 'undo', 'revert', 'rollback procedure', 'rollback plan'],
    actor: ['actor', 'owner', 'who', 'responsible'],
    duration: ['duration', 'time', 'eta', 'estimated time', 'estimate'],
    actions: ['actions', 'action', 'run', 'command', 'commands'],
    purpose: ['purpose', 'goal', 'why'],
  });

function buildTable(groups: readonly (readonly string[])[], normalize: (s: string) => string): Map<string, readonly string[]> {
  const table = new Map<string, string[]>();
  for (const group of groups) {
    const keys = [...new Set(group.map(normalize))];
    for (const key of keys) {
      const others = keys.filter((k) => k !== key);
      const known = table.get(key);
      // A title in two groups counts as the members of both.
      table.set(key, known ? [...new Set([...known, ...others])] : others);
    }
  }
  return table;
}

const SECTION_ALIASES = buildTable(SECTION_ALIAS_GROUPS, sectionKey);
const INDEX_FIELD_ALIASES = buildTable(INDEX_FIELD_ALIAS_GROUPS, fieldKey);

const SECTION_ALIAS_ROOTS = new Map<string, string>();
for (const group of [...SECTION_ALIAS_GROUPS].reverse()) for (const title of group) SECTION_ALIAS_ROOTS.set(sectionKey(title), sectionKey(group[0]));

/** The key of the first title of the alias group a section key belongs to ("verification" gives "validation"); the key itself when it has no aliases. */
export function sectionAliasRoot(key: string): string {
  return SECTION_ALIAS_ROOTS.get(key) ?? key;
}

/** Normalized keys of the other section titles that count as the section with this key; [] for an unknown key. */
export function aliasesFor(key: string): string[] {
  return [...(SECTION_ALIASES.get(key) ?? [])];
}

/** Normalized keys of the other labels that count as the index-entry field with this key. */
export function indexFieldAliasesFor(key: string): string[] {
  return [...(INDEX_FIELD_ALIASES.get(key) ?? [])];
}

/** The role of a step field label ("Verification" is 'validation'), or undefined for any other label. */
export function stepFieldRole(label: string): keyof typeof STEP_FIELD_ALIASES | undefined {
  const key = fieldKey(label);
  for (const role of Object.keys(STEP_FIELD_ALIASES) as (keyof typeof STEP_FIELD_ALIASES)[]) {
    if (STEP_FIELD_ALIASES[role].includes(key)) return role;
  }
  return undefined;
}

// A plural "s" on the last word is not a different section ("Trigger" / "Triggers", "Output" / "Outputs").
/** A key without a final plural "s" (sameSection compares these). */
export function singular(key: string): string {
  return key.length > 3 && key.endsWith('s') && !key.endsWith('ss') ? key.slice(0, -1) : key;
}

/**
 * Whether a document section (by its normalized key) is the template section with `specKey` and `aliases`.
 * Exact keys, aliases, and the same words with or without a final plural "s" match.
 */
export function sameSection(specKey: string, aliases: readonly string[], docKey: string): boolean {
  if (docKey === specKey || aliases.includes(docKey)) return true;
  const doc = singular(docKey);
  if (doc === singular(specKey)) return true;
  for (const alias of aliases) if (doc === singular(alias)) return true;
  return false;
}

const indexFieldTables = new WeakMap<readonly IndexFieldSpec[], Map<string, IndexFieldSpec>>();

/**
 * The index-entry field spec a document's field key stands for: the first spec (in template order) whose key or
 * alias it is. A table built once per template, as this runs for every index field of every catalog document.
 */
export function indexFieldSpecFor(fields: readonly IndexFieldSpec[], key: string): IndexFieldSpec | undefined {
  let table = indexFieldTables.get(fields);
  if (!table) {
    table = new Map();
    for (const spec of fields) for (const k of [spec.key, ...spec.aliases]) if (!table.has(k)) table.set(k, spec);
    indexFieldTables.set(fields, table);
  }
  return table.get(key);
}
