/**
 * Completion: front-matter keys and values from the format's JSON Schema, FILE-header fields, index-entry
 * fields and their allowed values, the sections the template still lacks, step references in YAML routes,
 * skill ids and the names of the workspace's other workflows.
 *
 * Each kind of completion is found from the text of the cursor's line (the model is parsed from text that is
 * usually mid-edit, so the line is what tells what is being typed); the model supplies what can be offered.
 * Every entry replaces exactly the word being typed, on the cursor's line.
 */
import type { FileHeaderField, Section, Step, WorkflowModel } from '../model';
import { LineFlag } from '../model';
import type { CancellationToken, LintOptions } from '../options';
import { NEVER_CANCELLED } from '../options';
import type { WorkspaceView } from '../workspace';
import type { CompletionEntry } from './types';
import type { IndexFieldSpec, SectionSpec, TemplateDescriptor } from '../templates/types';
import { schemaFor } from '../schemas';
import { frontmatterSchemaName } from '../rules/frontmatter-schema';
import { HEADER_FIELDS } from '../rules/header-field-missing';
import { sameSection } from '../templates/aliases';
import { fieldKey } from '../parse/normalize';
import { stepKey } from '../parse/yamlDefinition';
import { lineAt, lineEnd } from '../text';
import { hasLineTerminator, isRegExpSpace, trailingRunStart } from '../textScan';

// ---------------------------------------------------------------------------------------------
// JSON Schema reading (shared with hover)
// ---------------------------------------------------------------------------------------------

/** The parts of a JSON Schema that completion and hover read. */
export interface JsonSchema {
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  examples?: unknown[];
  format?: string;
  minimum?: number;
  maximum?: number;
  required?: string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
}

/** The schema a document's front matter is checked against (the same choice as the frontmatter.schema rule). */
export function frontmatterSchemaOf(model: WorkflowModel): JsonSchema {
  const template = model.template;
  return schemaFor(frontmatterSchemaName(template?.format ?? 'plain')) as JsonSchema;
}

/** `schema` with a local `$ref` followed; the referring schema's own description wins over the target's. */
export function resolveSchema(root: JsonSchema, schema: JsonSchema | undefined): JsonSchema | undefined {
  let s = schema;
  const description = s?.description;
  for (let depth = 0; s?.$ref && depth < 10; depth++) {
    const m = /^#\/\$defs\/(.+)$/.exec(s.$ref);
    s = m ? root.$defs?.[m[1]] : undefined;
  }
  if (s && description !== undefined && s.description !== description) return { ...s, description };
  return s;
}

/** The schema of property `key` of an object schema (through anyOf/oneOf branches and additionalProperties). */
export function propertySchema(root: JsonSchema, schema: JsonSchema | undefined, key: string): JsonSchema | undefined {
  const s = resolveSchema(root, schema);
  if (!s) return undefined;
  const own = s.properties?.[key];
  if (own) return resolveSchema(root, own);
  for (const branch of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) {
    const found = propertySchema(root, branch, key);
    if (found) return found;
  }
  return typeof s.additionalProperties === 'object' ? resolveSchema(root, s.additionalProperties) : undefined;
}

/** The schema of the value at a path of keys and array indexes, or undefined when the schema says nothing. */
export function schemaAtPath(root: JsonSchema, path: readonly string[]): JsonSchema | undefined {
  let s: JsonSchema | undefined = root;
  for (const segment of path) {
    const r = resolveSchema(root, s);
    if (!r) return undefined;
    if (/^\d+$/.test(segment) && (r.items || r.anyOf?.some((b) => b.items))) {
      s = resolveSchema(root, r.items ?? r.anyOf?.find((b) => b.items)?.items);
    } else s = propertySchema(root, r, segment);
  }
  return resolveSchema(root, s);
}

/** A schema's type for people: "string", "array | string", "enum" for a bare enum. */
export function schemaTypeLabel(root: JsonSchema, schema: JsonSchema): string {
  const types = new Set<string>();
  const add = (s: JsonSchema | undefined): void => {
    const r = resolveSchema(root, s);
    if (!r) return;
    if (r.type !== undefined) for (const t of Array.isArray(r.type) ? r.type : [r.type]) types.add(t);
    else if (r.enum) types.add('enum');
    else if (r.properties) types.add('object');
    for (const b of [...(r.anyOf ?? []), ...(r.oneOf ?? [])]) add(b);
  };
  add(schema);
  return [...types].join(' | ');
}

/** The values a schema allows (enum, booleans) and suggests (examples), in that order. */
function schemaValues(root: JsonSchema, schema: JsonSchema): { value: string; allowed: boolean }[] {
  const out: { value: string; allowed: boolean }[] = [];
  const seen = new Set<string>();
  const push = (v: unknown, allowed: boolean): void => {
    const value = typeof v === 'string' ? v : JSON.stringify(v);
    if (!seen.has(value)) {
      seen.add(value);
      out.push({ value, allowed });
    }
  };
  const s = resolveSchema(root, schema);
  if (!s) return out;
  for (const v of s.enum ?? []) push(v, true);
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  if (types.includes('boolean')) {
    push(true, true);
    push(false, true);
  }
  for (const v of s.examples ?? []) push(v, false);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The cursor's line
// ---------------------------------------------------------------------------------------------

interface Cursor {
  offset: number;
  line: number;
  lineStart: number;
  lineEnd: number;
  /** The line's text before the cursor. */
  before: string;
  /** The line's text after the cursor. */
  after: string;
}

function cursorAt(model: WorkflowModel, offset: number): Cursor {
  const o = Math.max(0, Math.min(offset, model.text.length));
  const line = lineAt(model.lineStarts, o);
  const lineStart = model.lineStarts[line];
  const end = Math.max(lineEnd(model.text, model.lineStarts, line), lineStart);
  const at = Math.min(o, end);
  return { offset: at, line, lineStart, lineEnd: end, before: model.text.slice(lineStart, at), after: model.text.slice(at, end) };
}

/** How far an identifier continues after the cursor (so a completion replaces the whole word). */
function wordEnd(c: Cursor, pattern = /^[\w.-]*/): number {
  return c.offset + (pattern.exec(c.after)?.[0].length ?? 0);
}

/** A sort key that keeps groups apart and entries in their given order within a group. */
function sortKey(group: number, index: number): string {
  return `${group}${String(index).padStart(4, '0')}`;
}

export function completions(
  model: WorkflowModel,
  options: LintOptions,
  offset: number,
  workspace: WorkspaceView,
  token: CancellationToken = NEVER_CANCELLED,
): CompletionEntry[] {
  const c = cursorAt(model, offset);
  if (model.kind === 'yaml') return stepReferenceCompletions(model, c);
  const fm = model.frontmatter;
  if (fm && c.lineStart >= fm.start && (c.lineStart < fm.end || !fm.closed)) {
    if (fm.language !== 'yaml' || c.lineStart < fm.contentStart || (fm.closed && c.lineStart >= fm.contentEnd)) return [];
    return frontmatterCompletions(model, c);
  }
  if (model.md && (model.md.lineFlags[c.line] ?? 0) & LineFlag.Code) return [];

  const skills = skillCompletions(model, options, c);
  if (skills) return skills;
  const workflows = relatedWorkflowCompletions(model, c, workspace, token);
  if (workflows) return workflows;
  const header = fileHeaderCompletions(model, options, c);
  if (header) return header;
  const values = indexValueCompletions(model, c);
  if (values) return values;
  return [...indexFieldCompletions(model, c), ...sectionCompletions(model, c)];
}

// ---------------------------------------------------------------------------------------------
// Front matter
// ---------------------------------------------------------------------------------------------

function frontmatterCompletions(model: WorkflowModel, c: Cursor): CompletionEntry[] {
  const root = frontmatterSchemaOf(model);
  const keyTyped = /^[\w-]*$/.exec(c.before);
  if (keyTyped) {
    const end = wordEnd(c, /^[\w-]*/);
    const hasColon = /^[\w-]*\s*:/.test(c.after);
    const present = new Set((model.frontmatter?.entries ?? []).filter((e) => e.keyStart < c.lineStart || e.keyStart > c.lineEnd).map((e) => e.key));
    const required = new Set(root.required ?? []);
    const keys = Object.keys(root.properties ?? {}).filter((k) => !present.has(k));
    return keys.map((key, i) => {
      const schema = resolveSchema(root, root.properties![key])!;
      return {
        label: key,
        kind: 'property',
        detail: schemaTypeLabel(root, schema),
        documentation: schema.description,
        insertText: hasColon ? key : `${key}: `,
        replaceStart: c.offset - keyTyped[0].length,
        replaceEnd: end,
        sortText: sortKey(required.has(key) ? 0 : 1, i),
      } satisfies CompletionEntry;
    });
  }
  // The value does not start with a blank: the blanks are all the second group's, not split in every way.
  const valueTyped = /^([\w-]+)[ \t]*:([ \t]*)((?:[^#\t ][^#]*)?)$/.exec(c.before);
  if (!valueTyped) return [];
  const schema = propertySchema(root, root, valueTyped[1]);
  if (!schema) return [];
  const partial = valueTyped[3].replace(/^["']/, '');
  const space = valueTyped[2] === '' && valueTyped[3] === '' ? ' ' : '';
  return schemaValues(root, schema).map(({ value, allowed }, i) => ({
    label: value,
    kind: 'value',
    detail: allowed ? `${valueTyped[1]}: allowed value` : `${valueTyped[1]}: example`,
    insertText: space + value,
    replaceStart: c.offset - partial.length,
    replaceEnd: c.lineEnd,
    sortText: sortKey(allowed ? 0 : 1, i),
  }));
}

// ---------------------------------------------------------------------------------------------
// YAML definitions: step references
// ---------------------------------------------------------------------------------------------

/** Step keys whose values name other steps. */
const ROUTE_KEYS = new Set(['on_success', 'on_failure', 'on_error', 'next', 'then', 'dependsOn', 'depends_on', 'needs', 'fallback']);

function indentOf(line: string): number {
  return /^[ \t]*/.exec(line)![0].length;
}

/** The key of the block mapping that contains column `column` of `line` (the nearest less indented `key:` above). */
function parentKey(model: WorkflowModel, line: number, column: number): string | undefined {
  for (let l = line - 1; l >= 0; l--) {
    const text = model.text.slice(model.lineStarts[l], lineEnd(model.text, model.lineStarts, l));
    if (/^\s*(?:#.*)?$/.test(text)) continue;
    const m = yamlKeyLine(text);
    // `(?:\s+(.*))?$` after the colon: the end of the line, or blanks and a value on this line.
    const rest = m && m.colon + 1 < text.length ? afterBlanks(text, m.colon + 1) : undefined;
    const matched = m && (rest === undefined || (rest > m.colon + 1 && !hasLineTerminator(text, rest)));
    const keyColumn = matched ? m.column : indentOf(text);
    if (keyColumn >= column) continue;
    const value = rest === undefined ? '' : text.slice(rest).trim();
    if (!matched || (value !== '' && !value.startsWith('#'))) return undefined;
    return m.key.replace(/^["']|["']$/g, '');
  }
  return undefined;
}

function afterBlanks(text: string, from: number): number {
  while (from < text.length && isRegExpSpace(text.charCodeAt(from))) from++;
  return from;
}

/**
 * A YAML block-mapping line's key, as `/^(\s*)((?:-\s+)*)([^\s#:'"-][^:#]*?|"[^"]*"|'[^']*')\s*:/` reads it,
 * by hand: that expression, with what follows the colon, tried every split of a long key and its blanks. The
 * column is where the key starts (after the indentation and any `- ` markers); `colon` is the colon's offset.
 */
export function yamlKeyLine(text: string): { column: number; key: string; colon: number } | undefined {
  const n = text.length;
  let i = afterBlanks(text, 0);
  while (text[i] === '-' && i + 1 < n && isRegExpSpace(text.charCodeAt(i + 1))) i = afterBlanks(text, i + 1);
  const column = i;
  const first = text[i];
  if (first === '"' || first === "'") {
    const close = text.indexOf(first, i + 1);
    if (close === -1) return undefined;
    const colon = afterBlanks(text, close + 1);
    return text[colon] === ':' ? { column, key: text.slice(i, close + 1), colon } : undefined;
  }
  if (i >= n || isRegExpSpace(text.charCodeAt(i)) || first === '#' || first === ':' || first === '-') return undefined;
  let colon = i + 1;
  while (colon < n && text[colon] !== ':' && text[colon] !== '#') colon++;
  if (text[colon] !== ':') return undefined;
  // The key is the shortest: the blanks before the colon are not part of it.
  return { column, key: text.slice(i, Math.max(i + 1, trailingRunStart(text.slice(0, colon), isRegExpSpace))), colon };
}

function isRouteKey(model: WorkflowModel, key: string, line: number, keyColumn: number): boolean {
  return ROUTE_KEYS.has(key) || parentKey(model, line, keyColumn) === 'conditions';
}

function stepReferenceCompletions(model: WorkflowModel, c: Cursor): CompletionEntry[] {
  let partial: string;
  const keyed = /^(\s*)((?:-\s+)*)([A-Za-z_][\w.-]*)\s*:(\s*)((?:\S.*)?)$/.exec(c.before);
  if (keyed) {
    if (!isRouteKey(model, keyed[3], c.line, keyed[1].length + keyed[2].length)) return [];
    const value = keyed[5];
    if (value.startsWith('|') || value.startsWith('>') || value.includes('#')) return [];
    partial = value.startsWith('[') ? value.slice(trailingRunStart(value, (ch) => !isRegExpSpace(ch) && ch !== 44 && ch !== 91)) : value;
    if (keyed[4] === '' && value === '') return stepEntries(model, c, '', ' ');
  } else {
    const item = /^(\s*)-\s+(\S*)$/.exec(c.before);
    if (!item) return [];
    const parent = listParent(model, c.line, item[1].length);
    if (!parent || !isRouteKey(model, parent.key, parent.line, parent.column)) return [];
    partial = item[2];
  }
  return stepEntries(model, c, partial.replace(/^["']/, ''), '');
}

/** The `key:` that owns the block sequence whose item's dash is at column `dash` on `line` (siblings skipped). */
function listParent(model: WorkflowModel, line: number, dash: number): { key: string; line: number; column: number } | undefined {
  for (let l = line - 1; l >= 0; l--) {
    const text = model.text.slice(model.lineStarts[l], lineEnd(model.text, model.lineStarts, l));
    if (/^\s*(?:#.*)?$/.test(text)) continue;
    const indent = indentOf(text);
    // Earlier items of the same list, and their own lines, are siblings.
    if (indent > dash || (indent === dash && /^\s*-(?:\s|$)/.test(text))) continue;
    const m = yamlKeyLine(text);
    // `\s*(?:#.*)?$` after the colon: nothing but a comment.
    const rest = m ? afterBlanks(text, m.colon + 1) : 0;
    const matched = m && (rest === text.length || (text[rest] === '#' && !hasLineTerminator(text, rest)));
    return matched ? { key: m.key.replace(/^["']|["']$/g, ''), line: l, column: m.column } : undefined;
  }
  return undefined;
}

/** A YAML scalar as it must be written to read back as `value`. */
function yamlScalar(value: string): string {
  return /^[\w./-](?:[^:#,[\]{}]*[^\s:#,[\]{}])?$/.test(value) && !/^(?:true|false|null|yes|no|~|-?\d[\d.]*)$/i.test(value) ? value : JSON.stringify(value);
}

function stepEntries(model: WorkflowModel, c: Cursor, partial: string, prefix: string): CompletionEntry[] {
  const quoted = /["']$/.test(c.before.slice(0, c.before.length - partial.length));
  const own = ownStep(model, c);
  const out: CompletionEntry[] = [];
  const seen = new Set<string>();
  model.steps.forEach((step, i) => {
    const key = step.yaml ? stepKey(step) : '';
    if (!key || step === own || seen.has(key)) return;
    seen.add(key);
    out.push({
      label: key,
      kind: 'step',
      detail: stepDetail(model, step),
      documentation: step.yaml?.id !== undefined && step.yaml.name && step.yaml.name !== key ? step.yaml.name : undefined,
      insertText: prefix + (quoted ? key : yamlScalar(key)),
      replaceStart: c.offset - partial.length,
      replaceEnd: wordEnd(c, /^[^\s,\]"'#]*/),
      sortText: sortKey(0, i),
    });
  });
  return out;
}

/**
 * The step the cursor is in. A step's range ends with its last parsed value, and the entry being typed may not
 * be parsed yet, so an indented line before the next step's start still belongs to the step above.
 */
function ownStep(model: WorkflowModel, c: Cursor): Step | undefined {
  for (let i = model.steps.length - 1; i >= 0; i--) {
    const step = model.steps[i];
    if (step.start > c.offset) continue;
    if (c.offset <= step.end) return step;
    const column = step.start - model.lineStarts[lineAt(model.lineStarts, step.start)];
    return indentOf(c.before) > column ? step : undefined;
  }
  return undefined;
}

function stepDetail(model: WorkflowModel, step: Step): string {
  const type = step.yaml?.type ? ` (${step.yaml.type})` : '';
  return `step ${step.number ?? ''}${type}, line ${lineAt(model.lineStarts, step.start) + 1}`.replace('step  ', 'step ');
}

// ---------------------------------------------------------------------------------------------
// Skill ids (skill-sequence documents)
// ---------------------------------------------------------------------------------------------

/** The skill ids of the document's legend tables (a column headed "ID"), with the skill's name when a column has one. */
export function legendSkillEntries(model: WorkflowModel): { id: string; name?: string }[] {
  const out: { id: string; name?: string }[] = [];
  const cell = (span: { start: number; end: number } | undefined): string => (span ? model.text.slice(span.start, span.end).trim() : '');
  for (const table of model.md?.tables ?? []) {
    const headers = table.header.cells.map((h) => cell(h).replace(/[*_`]/g, '').toLowerCase());
    const col = headers.findIndex((h) => h === 'id' || h === 'skill id');
    if (col < 0) continue;
    const nameCol = headers.findIndex((h, i) => i !== col && (h === 'skill' || h === 'name' || h === 'skill name'));
    for (const row of table.rows) {
      const m = /`([^`]+)`/.exec(cell(row.cells[col]));
      if (!m) continue;
      const name = nameCol >= 0 ? cell(row.cells[nameCol]).replace(/[*_`]/g, '') : '';
      out.push(name ? { id: m[1].trim(), name } : { id: m[1].trim() });
    }
  }
  return out;
}

function innermostSection(model: WorkflowModel, offset: number): Section | undefined {
  let found: Section | undefined;
  for (const s of model.sections) if (s.start <= offset && offset <= s.end) found = s;
  return found;
}

function skillCompletions(model: WorkflowModel, options: LintOptions, c: Cursor): CompletionEntry[] | undefined {
  const m = /^\s*\d+[.)]\s+`([^`\s]*)$/.exec(c.before);
  if (!m) return undefined;
  const section = innermostSection(model, c.offset);
  const from = section ? section.bodyStart : 0;
  if (!/(?:\*\*|__)sequence(?:\*\*|__)?\s*:/i.test(model.text.slice(from, c.lineStart))) return undefined;
  const end = wordEnd(c, /^[^`\s]*/);
  const closing = model.text[end] === '`' ? '' : '`';
  const skills = new Map<string, string>();
  for (const s of legendSkillEntries(model)) if (!skills.has(s.id)) skills.set(s.id, s.name ? `${s.name} (skill legend)` : 'skill legend');
  for (const id of options.skills ?? []) if (!skills.has(id)) skills.set(id, 'skill from settings');
  return [...skills].map(([id, detail], i) => ({
    label: id,
    kind: 'skill',
    detail,
    insertText: id + closing,
    replaceStart: c.offset - m[1].length,
    replaceEnd: end,
    sortText: sortKey(0, i),
  }));
}

// ---------------------------------------------------------------------------------------------
// Related workflows (names of the workspace's other workflows)
// ---------------------------------------------------------------------------------------------

/** The name a workflow is referred to by: its index entry's workflow name, else its title, else its file name. */
export function workflowName(model: WorkflowModel): string {
  const field = model.indexEntry?.fields.find((f) => f.key === 'workflow name');
  const name = field?.value.replace(/`/g, '').trim();
  if (name) return name;
  if (model.title?.text) return model.title.text;
  return decodeURIComponent(model.uri.slice(model.uri.lastIndexOf('/') + 1)).replace(/\.(?:workflow|wf)?\.?(?:md|markdown|mdx|ya?ml|txt)$/i, '');
}

function workflowDescription(model: WorkflowModel): string | undefined {
  const field = model.indexEntry?.fields.find((f) => f.key === 'short description');
  if (field?.value) return field.value;
  const fm = model.frontmatter?.data?.description;
  if (typeof fm === 'string') return fm;
  const data = model.yaml?.data as { description?: unknown; metadata?: { description?: unknown } } | null | undefined;
  const yaml = data?.metadata?.description ?? data?.description;
  return typeof yaml === 'string' ? yaml : undefined;
}

// The label only: what follows it is read apart (`\s*:?\s*(.*)$` after it split the blanks in every way when a
// U+2028 made `.*$` fail: 116 s on a 923-character line). `(?::\s*)?` for `:?\s*` between two runs of blanks.
const RELATED_LABEL = /(?:\*\*|__)related workflows?\s*(?::\s*)?(?:\*\*|__)/i;

function relatedWorkflowCompletions(model: WorkflowModel, c: Cursor, workspace: WorkspaceView, token: CancellationToken): CompletionEntry[] | undefined {
  let listed: string;
  let partial: string;
  const labelled = RELATED_LABEL.exec(c.before);
  if (labelled) {
    listed = c.before.slice(labelled.index + labelled[0].length).replace(/^\s*(?::\s*)?/, '');
    partial = listed.slice(trailingRunStart(listed, (ch) => ch !== 44 && ch !== 59 && ch !== 96 && ch !== 91)).trimStart();
  } else {
    // `^\s*[-*+]\s+([`[]?)([^`\]]*)$` with the two ways to start the text apart, so blanks are not split.
    const item = /^\s*[-*+]\s+(?:[`[]([^`\]]*)|((?:[^`\]\s][^`\]]*)?))$/.exec(c.before);
    if (!item || !inRelatedWorkflowsList(model, c)) return undefined;
    listed = '';
    partial = item[1] ?? item[2];
  }
  const already = new Set(listed.split(/[,;]/).map((s) => s.replace(/[`[\]]/g, '').trim().toLowerCase()));
  const out: CompletionEntry[] = [];
  const seen = new Set<string>();
  for (const uri of workspace.uris()) {
    // Workflows not parsed yet are read from disk: a large workspace is a long loop.
    if (token.isCancellationRequested) return [];
    if (uri === model.uri) continue;
    const other = workspace.model(uri);
    if (!other) continue;
    const name = workflowName(other);
    if (!name || seen.has(name) || (already.has(name.toLowerCase()) && name !== partial)) continue;
    seen.add(name);
    out.push({
      label: name,
      kind: 'workflow',
      detail: decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1)),
      documentation: workflowDescription(other),
      insertText: name,
      replaceStart: c.offset - partial.length,
      replaceEnd: c.offset,
    });
  }
  out.sort((a, b) => a.label.localeCompare(b.label, 'en', { sensitivity: 'base' }));
  out.forEach((e, i) => (e.sortText = sortKey(0, i)));
  return out;
}

/** A list item in a "Related workflows" section, or nested under the index entry's Related workflows field. */
function inRelatedWorkflowsList(model: WorkflowModel, c: Cursor): boolean {
  const section = innermostSection(model, c.offset);
  // An indented item belongs to the index field above it (an empty item is not parsed yet, so not by its range).
  const entry = model.indexEntry;
  if (entry && section === model.sections[entry.section] && indentOf(c.before) > 0) {
    const above = entry.fields.filter((f) => f.labelStart < c.lineStart);
    if (above.length > 0 && above[above.length - 1].key === 'related workflows') return true;
  }
  // An empty `  - ` item under a label line is a setext underline until something is typed after it.
  return !!section && (section.key === 'related workflows' || section.key === 'related workflow');
}

// ---------------------------------------------------------------------------------------------
// FILE header
// ---------------------------------------------------------------------------------------------

function isoDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function fileHeaderCompletions(model: WorkflowModel, options: LintOptions, c: Cursor): CompletionEntry[] | undefined {
  const root = schemaFor('file-header') as JsonSchema;
  const today = isoDate(options.now ?? new Date());
  const header = model.fileHeader;
  const onHeaderLine = /\*\*FILE\*\*\s*:/.test(c.before + c.after) || (header !== undefined && header.line === c.line);
  if (!onHeaderLine) {
    // No header yet: offer the whole line under the title, as a snippet with a stop per field.
    if (header || model.format !== 'file-header') return undefined;
    const firstSection = model.sections.find((s) => s.level >= 2);
    if (firstSection && firstSection.start < c.lineStart) return undefined;
    const typed = /^\*{0,2}[A-Za-z-]*$/.exec(c.before);
    if (!typed || /\S/.test(c.after)) return undefined;
    const text = `**FILE**: \${1:path} | **PURPOSE**: \${2:purpose} | **OWNER**: \${3:owner} | **LAST-AUDITED**: \${4:${today}}`;
    return [
      {
        label: '**FILE**: … | **PURPOSE**: … | **OWNER**: … | **LAST-AUDITED**: …',
        kind: 'field',
        detail: 'FILE header line',
        documentation: root.description,
        insertText: text,
        isSnippet: true,
        replaceStart: c.lineStart,
        replaceEnd: c.lineEnd,
        sortText: sortKey(0, 0),
      },
    ];
  }
  const segment = /(?:^|\|)([^|]*)$/.exec(c.before)![1];
  const value = /^\s*\*\*([A-Z][A-Z -]*)\*\*\s*:(\s*)((?:[^|\s][^|]*)?)$/.exec(segment);
  if (value) {
    if (value[1].trim() !== 'LAST-AUDITED') return [];
    const partial = value[3];
    return [
      {
        label: today,
        kind: 'value',
        detail: 'today',
        documentation: root.properties?.['LAST-AUDITED']?.description,
        insertText: (value[2] === '' && partial === '' ? ' ' : '') + today,
        replaceStart: c.offset - partial.length,
        replaceEnd: wordEnd(c, /^[^|\s]*/),
        sortText: sortKey(0, 0),
      },
    ];
  }
  const name = /^(\s*)(\*\*)?([A-Za-z-]*)$/.exec(segment);
  if (!name) return [];
  const present = new Set((header?.fields ?? []).filter((f: FileHeaderField) => f.keyEnd < c.offset - name[3].length || f.keyStart > c.offset).map((f) => f.key.toUpperCase()));
  const lead = segment === '' && c.before !== '' ? ' ' : '';
  const end = wordEnd(c, /^[A-Za-z-]*/);
  // Re-typing an existing field name keeps its closing marks and colon.
  const closing = model.text.startsWith('**', end) ? '' : '**: ';
  return HEADER_FIELDS.filter((f) => !present.has(f)).map((field, i) => {
    const schema = root.properties?.[field];
    return {
      label: field,
      kind: 'field',
      detail: schema ? schemaTypeLabel(root, schema) : undefined,
      documentation: schema?.description,
      insertText: name[2] ? `${field}${closing}` : `${lead}**${field}${closing}`,
      replaceStart: c.offset - name[3].length,
      replaceEnd: end,
      sortText: sortKey(0, i),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Index entry: field labels and allowed values
// ---------------------------------------------------------------------------------------------

function indexSection(model: WorkflowModel): Section | undefined {
  const entry = model.indexEntry;
  return entry ? model.sections[entry.section] : undefined;
}

export function indexFieldSpec(template: TemplateDescriptor | undefined, label: string): IndexFieldSpec | undefined {
  const key = fieldKey(label);
  return template?.indexEntry?.fields.find((f) => f.key === key || f.aliases.includes(key));
}

/**
 * A field's guidance as the template writes it: the lines of its list item after the label, quote markers and
 * the allowed-values line left out.
 */
export function indexFieldGuidance(template: TemplateDescriptor, spec: IndexFieldSpec): string {
  const section = template.sections.find((s) => s.key === template.indexEntry?.sectionKey);
  if (!section) return '';
  const lines = section.guidanceText.split('\n');
  const out: string[] = [];
  let inField = false;
  for (const line of lines) {
    const item = /^[-*+]\s+(?:\*\*|__)([^]+?)(?:\*\*|__)/.exec(line);
    if (item) {
      if (inField) break;
      inField = fieldKey(item[1]) === spec.key;
      // What follows the label and its colon (`\s*:?(.*)$` there rescanned the line from every closing mark).
      const rest = line.slice(item[0].length).replace(/^\s*:?/, '').trim();
      if (inField && rest) out.push(rest);
      continue;
    }
    if (!inField) continue;
    if (/^\S/.test(line) && line.trim() !== '') break;
    const text = line.trim().replace(/^>\s*/, '');
    if (text === '' || /^(?:one of|allowed(?: values)?)\s*:/i.test(text)) continue;
    out.push(text);
  }
  return out.join('  \n');
}

function indexValueCompletions(model: WorkflowModel, c: Cursor): CompletionEntry[] | undefined {
  const m = /^\s*(?:[-*+]\s+)?(\*\*|__)(.+?)\1(\s*)((?:[^*_\s][^*_]*)?)$/.exec(c.before);
  if (!m) return undefined;
  const label = m[2].replace(/[:：]\s*$/, '');
  const colonInside = m[2] !== label;
  const afterLabel = colonInside ? m[4] : m[4].replace(/^\s*:/, '');
  if (!colonInside && !/^\s*:/.test(m[4])) return undefined;
  const section = indexSection(model);
  if (!section || c.offset < section.bodyStart || c.offset > section.ownEnd) return undefined;
  const spec = indexFieldSpec(model.template, label);
  if (!spec) return undefined;
  if (!spec.allowed) return [];
  const partial = afterLabel.trimStart();
  const space = m[3] === '' && afterLabel === '' ? ' ' : '';
  return spec.allowed.map((value, i) => ({
    label: value,
    kind: 'value',
    detail: `${spec.label}: allowed value`,
    insertText: space + value,
    replaceStart: c.offset - partial.length,
    replaceEnd: c.lineEnd,
    sortText: sortKey(0, i),
  }));
}

/**
 * An index field being typed: `/^( ?)([-*+][ \t]+)?(\*\*|__)?([^*_:]*)$/` read greedily by hand (the first
 * reading is the only one that can match, and the expression tried every split of the blanks after the marker).
 */
function indexFieldLine(before: string): { marker: string; emphasis: string; word: string } | undefined {
  let i = before.startsWith(' ') ? 1 : 0;
  let marker = '';
  if ('-*+'.includes(before[i] ?? '\n') && (before[i + 1] === ' ' || before[i + 1] === '\t')) {
    let j = i + 1;
    while (before[j] === ' ' || before[j] === '\t') j++;
    marker = before.slice(i, j);
    i = j;
  }
  const emphasis = before.startsWith('**', i) || before.startsWith('__', i) ? before.slice(i, i + 2) : '';
  const word = before.slice(i + emphasis.length);
  return /[*_:]/.test(word) ? undefined : { marker, emphasis, word };
}

function indexFieldCompletions(model: WorkflowModel, c: Cursor): CompletionEntry[] {
  const template = model.template;
  const section = indexSection(model);
  if (!template?.indexEntry || !section || c.lineStart < section.bodyStart || c.offset > section.ownEnd) return [];
  const m = indexFieldLine(c.before);
  if (!m || (m.emphasis && !m.marker)) return [];
  // `- ` and `- **` are completed from there; a bare word without a marker gets the marker too.
  const word = m.word;
  if (!m.marker && !/^(?:[A-Za-z]\w*)?$/.test(word)) return [];
  const present = new Set(
    model.indexEntry!.fields.filter((f) => f.labelStart < c.lineStart || f.labelStart > c.lineEnd).map((f) => f.key),
  );
  const missing = template.indexEntry.fields.filter((f) => !present.has(f.key) && !f.aliases.some((a) => present.has(a)));
  const end = wordEnd(c, /^[^*_:]*/);
  // Re-typing an existing label keeps its colon and closing marks.
  const closing = /^\s*(?:[:：]|\*\*|__)/.test(model.text.slice(end, c.lineEnd)) ? '' : ':** ';
  return missing.map((spec, i) => {
    const text = m.emphasis ? `${spec.label}${closing}` : m.marker ? `**${spec.label}${closing}` : `- **${spec.label}${closing}`;
    const guidance = indexFieldGuidance(template, spec);
    const allowed = spec.allowed ? `Allowed values: ${spec.allowed.join(', ')}` : '';
    return {
      label: spec.label,
      kind: 'field',
      detail: spec.required ? 'index field (required)' : 'index field (optional)',
      documentation: [guidance, allowed].filter(Boolean).join('\n\n') || undefined,
      insertText: text,
      replaceStart: c.offset - word.length,
      replaceEnd: end,
      sortText: sortKey(0, i),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Sections the template still lacks
// ---------------------------------------------------------------------------------------------

/** The heading line a template section is written with: "## 0. Index Entry (for catalog)", "### 2.1 Narrative". */
export function headingLine(spec: SectionSpec): string {
  const number = spec.number === undefined ? '' : spec.number.includes('.') ? `${spec.number} ` : `${spec.number}. `;
  return `${'#'.repeat(spec.level)} ${number}${spec.title}`;
}

function sectionCompletions(model: WorkflowModel, c: Cursor): CompletionEntry[] {
  const template = model.template;
  if (!template || template.sections.length === 0) return [];
  const m = /^( {0,3})(#{0,6})([^#]*)$/.exec(c.before);
  if (!m) return [];
  const hashes = m[2].length;
  // Without `#`, only an empty line asks for a heading.
  if (hashes === 0 && (m[3] !== '' || c.after.trim() !== '')) return [];
  if (hashes > 0 && m[3] !== '' && !/^\s/.test(m[3])) return [];
  // The heading being typed on this line is not a section the document already has.
  const sections = model.sections.filter((s) => s.heading.line !== c.line);
  const present = template.sections.map((spec) => sections.find((s) => sameSection(spec.key, spec.aliases, s.key)));
  // Sections that belong after the cursor (in template order) are offered first.
  let anchor = -1;
  present.forEach((s, i) => {
    if (s && s.start < c.lineStart) anchor = i;
  });
  const out: CompletionEntry[] = [];
  template.sections.forEach((spec, i) => {
    if (present[i] || spec.level < hashes || spec.level === 1) return;
    const heading = headingLine(spec);
    out.push({
      label: heading,
      kind: 'section',
      detail: spec.required ? 'required section' : 'optional section',
      documentation: spec.guidanceText ? spec.guidanceText.split(/\n\s*\n/)[0] : undefined,
      insertText: heading,
      replaceStart: c.lineStart + m[1].length,
      replaceEnd: c.lineEnd,
      sortText: sortKey(i > anchor ? 1 : 2, i),
    });
  });
  return out;
}
