/**
 * Deriving a template descriptor from a Markdown template file (a team's own, or one of the built-in ones).
 *
 * The rules, in the order they are applied:
 * - A BOM is ignored; CRLF, CR and LF line endings are all fine.
 * - Front matter (YAML or JSON) is not part of any section. Its `wfs-format` key forces the format and its
 *   `wfs-index-section` key names the index-entry section when that is not called "Index Entry". Front matter in
 *   another language (`---js`) is skipped, never evaluated; an opening `---` that never closes is a thematic break,
 *   as in documents.
 * - Headings inside code blocks, front matter or HTML blocks never count (the Markdown block scanner finds them).
 * - The first level-1 heading is the document title (the descriptor's name), not a section. Later level-1
 *   headings are ignored with a message.
 * - Every level-2 heading is a section. It is required unless its title ends with "(optional)".
 * - Deeper headings are sub-sections of the nearest shallower section. A sub-section is required when its parent
 *   is required and it is not itself marked "(optional)": an optional section's parts are optional too.
 * - A heading is an example, not a section, when its title holds a placeholder (`[Step Name]`, `<NAME>`,
 *   `{{name}}`, `${NAME}`), when it sits under a steps section (Steps, Procedure, ...: those headings show what a
 *   step looks like), or when it sits under another example. An example nested in a section is part of that
 *   section's body; an example at the same level as the section ends it.
 * - A section's guidance is every non-blank line of its own body (up to its first sub-section) except thematic
 *   breaks, normalized with `guidanceKey`. `guidanceText` is that body as written, with `\n` line endings and
 *   without surrounding blank lines or a trailing thematic break.
 * - The index entry: the section called "Index Entry" (or an alias, or the one `wfs-index-section` names). Each of
 *   its top-level `- **Label:**` items is a field, required unless its label says "(optional)". The field's
 *   guidance is the text after the label and every other line of its list item. A `One of: A, B, C` or
 *   `Allowed: A | B | C` line gives its allowed values; "e.g., ..." lines are examples and never restrict values.
 * - Steps: a step must have a command when the template's steps section shows a code block, a validation when it
 *   shows a Validation/Verification label, and a rollback when it shows a Rollback label.
 * - Format: `wfs-format` in the front matter; else 'catalog' with an index entry section, 'skill-sequence' with a
 *   "Skill ID Legend" section or `**Sequence**:` lines, 'file-header' with a `**FILE**:` line, 'frontmatter' when
 *   the file starts with front matter, else 'plain'.
 * - Section aliases come from `aliases.ts`; an alias that is itself another section of the same template is
 *   dropped, so the two stay distinct.
 *
 * Bad input never throws: a file that cannot be a template gives no descriptor and a message saying why; parts
 * that are ignored (a duplicate section, a second title) give a message next to the descriptor.
 */
import { FORMAT_IDS, LineFlag, type FormatId, type MdBlocks, type MdHeading } from '../model';
import { computeLineStarts, lineAt, lineEnd } from '../text';
import { hasDelimited, trimEndIndex } from '../textScan';
import type { Delimited } from '../textScan';
import { scanMarkdown } from '../parse/markdown';
import { parseFrontmatter } from '../parse/frontmatter';
import { fieldKey, guidanceKey, sectionKey, splitNumber, stripInline } from '../parse/normalize';
import { aliasesFor, indexFieldAliasesFor, sameSection, stepFieldRole } from './aliases';
import type { IndexFieldSpec, SectionSpec, TemplateDescriptor } from './types';

export interface DeriveResult {
  /** The descriptor, when the file is usable as a template. */
  template?: TemplateDescriptor;
  /** Why there is no descriptor, or (with a descriptor) which parts of the file were ignored. */
  errors: string[];
}

/** Templates larger than this are refused: a template is a page or two, so this is almost surely the wrong file. */
export const MAX_TEMPLATE_CHARS = 5 * 1024 * 1024;

/** Formats a Markdown template can describe. */
const MARKDOWN_FORMATS: readonly FormatId[] = FORMAT_IDS.filter((f) => f !== 'yaml-definition');

// `[Name]` (not a link `[text](url)`), `<NAME>`, `{{name}}`, `${NAME}`: the four spans of
// `/\[[^\]\n]+\](?!\()|<[A-Za-z][^>\n]*>|\{\{[^}\n]*\}\}|\$\{[^}\n]+\}/`, which rescans the line from each `[`.
const PLACEHOLDERS: readonly Delimited[] = [
  { open: '[', close: ']', nonEmpty: true, notFollowedBy: '(' },
  { open: '<', close: '>', first: (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) },
  { open: '{{', close: '}', closers: 2 },
  { open: '${', close: '}', nonEmpty: true },
];
// `- **Label:** rest` or `- **Label**: rest` (the list marker is already stripped by the scanner): the label
// here, what follows it read apart by fieldItem (`\s*(:?)\s*(.*)$` after it rescanned every split of the label
// when a U+2028 made `.*$` fail).
const FIELD_ITEM = /^(\*\*|__)([^]+?)\1/;
// `**Label**:`, `**Label:**`, `**Label** (if step fails):` or a plain `Label:` at the start of a line. A plain
// label ends with a letter: the blanks before the colon belong to `\s*` alone.
const LABEL_LINE = /^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:(\*\*|__)([^*_\n]+)\1\s*(?:\([^)\n]*\)\s*)?:|(\p{L}(?:[\p{L} ]{0,29}\p{L})?)\s*:)/u;
const ALLOWED_LINE = /^(?:one of|allowed(?: values)?)\s*:\s*(\S.*|[^\S\n\r\u2028\u2029])$/i;
const FILE_HEADER_LINE = /^\s*(?:\*\*FILE\*\*\s*:|\*\*FILE:\*\*)/;
const SEQUENCE_LINE = /^\s*(?:\*\*Sequence\*\*\s*:|\*\*Sequence:\*\*)/;

/** Derive the required structure of documents from a Markdown template file. Never throws. */
export function deriveTemplate(text: string, source: string): DeriveResult {
  const errors: string[] = [];
  try {
    return derive(text, source, errors);
  } catch (e) {
    // A bug here must not take the language server down: the team's template is reported as unusable instead.
    errors.push(`${source}: the template could not be read (${e instanceof Error ? e.message : String(e)}).`);
    return { errors };
  }
}

interface HeadingRole {
  heading: MdHeading;
  /** Index into `specs`, or -1 for a heading that is not a section (title, example, ignored). */
  spec: number;
  example: boolean;
}

function derive(input: unknown, source: string, errors: string[]): DeriveResult {
  if (typeof input !== 'string') {
    errors.push(`${source}: the template is not text.`);
    return { errors };
  }
  if (input.length > MAX_TEMPLATE_CHARS) {
    errors.push(
      `${source}: the template is too large (${(input.length / 1048576).toFixed(1)} MB; a template may be at most ${MAX_TEMPLATE_CHARS / 1048576} MB).`,
    );
    return { errors };
  }
  // Offsets are not kept in a descriptor, so the BOM can simply be dropped.
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const garbage = binaryReason(text);
  if (garbage) {
    errors.push(`${source}: the template is not a Markdown text file (${garbage}).`);
    return { errors };
  }
  if (text.trim() === '') {
    errors.push(`${source}: the template is empty: it needs at least one level-2 heading (## Section).`);
    return { errors };
  }

  const lineStarts = computeLineStarts(text);
  const lineText = (line: number): string => text.slice(lineStarts[line], lineEnd(text, lineStarts, line));
  const at = (line: number): string => `${source}:${line + 1}`;

  // Front matter.
  let fm = parseFrontmatter(text, lineStarts);
  let bodyLine = 0;
  let forcedFormat: FormatId | undefined;
  let indexSectionTitle: string | undefined;
  if (fm && !fm.closed) {
    // Like documents: an opening `---` that never closes is a thematic break, not front matter.
    errors.push(`${at(0)}: the file starts with "---" but the front matter is never closed; the line is read as a thematic break.`);
    fm = undefined;
  }
  if (fm && fm.language !== 'yaml' && fm.language !== 'json') {
    // Front matter in a programming language is never evaluated, so its keys cannot be read.
    errors.push(`${at(0)}: the front matter is "${fm.language}", not YAML or JSON; it is not read (and never run).`);
  } else if (fm && fm.errors.length > 0) {
    const first = fm.errors[0];
    errors.push(`${at(lineAt(lineStarts, first.start))}: the front matter is not valid: ${first.message}; its wfs-* keys may be missed.`);
  }
  if (fm) {
    bodyLine = fm.endLine;
    const data = fm.language === 'yaml' || fm.language === 'json' ? fm.data : undefined;
    const format = data?.['wfs-format'];
    if (format !== undefined) {
      if (typeof format !== 'string' || !MARKDOWN_FORMATS.includes(format as FormatId)) {
        const why = format === 'yaml-definition' ? ' (YAML definitions have no Markdown template)' : '';
        errors.push(`${at(0)}: wfs-format "${String(format)}" is not a Markdown format${why}; use one of: ${MARKDOWN_FORMATS.join(', ')}.`);
        return { errors };
      }
      forcedFormat = format as FormatId;
    }
    const indexSection = data?.['wfs-index-section'];
    if (typeof indexSection === 'string' && indexSection.trim() !== '') indexSectionTitle = indexSection;
  }

  const md = scanMarkdown(text, lineStarts, bodyLine);
  const specs: SectionSpec[] = [];
  const roles: HeadingRole[] = [];
  let title: { text: string; line: number } | undefined;
  // Open headings, innermost last: what the next deeper heading is nested in.
  const stack: HeadingRole[] = [];
  // Sibling keys seen per parent spec (-1 for top level), to catch duplicates.
  const seen = new Map<number, Map<string, number>>();
  const stepsKeys = ['steps', ...aliasesFor('steps')];

  for (const heading of md.headings) {
    if (heading.line < bodyLine) continue;
    while (stack.length && stack[stack.length - 1].heading.level >= heading.level) stack.pop();
    const parent = stack[stack.length - 1];
    const role: HeadingRole = { heading, spec: -1, example: false };
    roles.push(role);
    stack.push(role);
    const raw = stripInline(heading.text).trim();

    if (heading.level === 1) {
      if (!title) title = { text: raw, line: heading.line };
      else errors.push(`${at(heading.line)}: a second level-1 heading ("${raw}"): only the first is the title (line ${title.line + 1}); this one is ignored.`);
      continue;
    }
    if (heading.level > 2 && (!parent || parent.heading.level === 1)) {
      errors.push(`${at(heading.line)}: heading "${raw}" comes before the first level-2 section; it is ignored.`);
      role.example = true;
      continue;
    }
    const parentSpec = parent && parent.spec >= 0 ? specs[parent.spec] : undefined;
    if ((parent && parent.example) || PLACEHOLDERS.some((p) => hasDelimited(heading.text, p)) || (parentSpec && stepsKeys.some((k) => sameSection(k, [], parentSpec.key)))) {
      role.example = true;
      continue;
    }

    const mark = optionalMarkStart(raw);
    const optional = mark !== -1;
    const { number, title: sectionTitle } = splitNumber(optional ? raw.slice(0, mark) : raw);
    const key = sectionKey(sectionTitle);
    if (key === '') {
      errors.push(`${at(heading.line)}: heading "${raw}" has no words to match documents by; it is ignored.`);
      role.example = true;
      continue;
    }
    const parentIndex = parentSpec ? parent.spec : -1;
    let siblings = seen.get(parentIndex);
    if (!siblings) seen.set(parentIndex, (siblings = new Map()));
    const first = siblings.get(key);
    if (first !== undefined) {
      errors.push(`${at(heading.line)}: duplicate section "${sectionTitle}" (first on line ${first + 1}); this one is ignored.`);
      role.example = true;
      continue;
    }
    siblings.set(key, heading.line);
    role.spec = specs.length;
    const spec: SectionSpec = {
      title: sectionTitle,
      key,
      aliases: [],
      required: !optional && (parentSpec ? parentSpec.required : true),
      level: heading.level,
      guidance: [],
      guidanceText: '',
    };
    if (number !== undefined) spec.number = number;
    if (parentSpec) spec.parentKey = parentSpec.key;
    specs.push(spec);
  }

  if (specs.length === 0) {
    const inCode = md.codeBlocks.length > 0 ? ' (headings inside code blocks do not count)' : '';
    errors.push(`${source}: the template has no sections: it needs at least one level-2 heading (## Section) outside code blocks${inCode}.`);
    return { errors };
  }

  // Aliases, without the keys of the template's own sections: those stay distinct sections.
  const ownKeys = new Set(specs.map((s) => s.key));
  for (const spec of specs) spec.aliases = aliasesFor(spec.key).filter((k) => !ownKeys.has(k));

  // Each section's own body: from its heading to the next heading that is a section or not nested in it.
  const bodyEnd = new Map<number, number>();
  for (let i = 0; i < roles.length; i++) {
    const role = roles[i];
    if (role.spec < 0) continue;
    let end = lineStarts.length;
    for (let j = i + 1; j < roles.length; j++) {
      const next = roles[j];
      if (next.spec >= 0 || next.heading.level <= role.heading.level || next.heading.level === 1) {
        end = next.heading.line;
        break;
      }
    }
    bodyEnd.set(role.spec, end);
    const spec = specs[role.spec];
    const lines = bodyLines(role.heading.endLine, end, lineText, md);
    spec.guidance = guidanceOf(lines.filter((l) => !l.rule).map((l) => l.text));
    spec.guidanceText = guidanceTextOf(lines);
  }
  const headingOf = (spec: number): MdHeading => roles.find((r) => r.spec === spec)!.heading;
  // The preamble (between the title and the first section) is guidance too, e.g. seed 002's completion guidelines.
  const titleHeading = title ? md.headings.find((h) => h.line === title!.line) : undefined;
  const preamble = bodyLines(titleHeading ? titleHeading.endLine : bodyLine, headingOf(0).line, lineText, md);
  const preambleGuidance = guidanceOf(preamble.filter((l) => !l.rule).map((l) => l.text));
  // A level-2 section's whole range, sub-sections included.
  const sectionEnd = (spec: number): number => {
    const start = headingOf(spec);
    for (const r of roles) if (r.heading.line > start.line && r.heading.level <= start.level) return r.heading.line;
    return lineStarts.length;
  };

  // The index entry.
  let indexEntry: TemplateDescriptor['indexEntry'];
  const indexSpec = findIndexSection(specs, indexSectionTitle);
  if (indexSectionTitle && indexSpec < 0) {
    errors.push(`${at(0)}: wfs-index-section names "${indexSectionTitle}", but no level-2 section has that title.`);
  }
  if (indexSpec >= 0) {
    const heading = headingOf(indexSpec);
    const fields = indexFields(text, md, heading.endLine, sectionEnd(indexSpec), lineText, at, errors);
    if (fields.length === 0) errors.push(`${at(heading.line)}: the index entry section "${specs[indexSpec].title}" has no "- **Field:**" lines.`);
    indexEntry = { sectionKey: specs[indexSpec].key, fields };
  }

  // What steps must have, from the template's steps section.
  const steps = { command: false, validation: false, rollback: false };
  const stepsSpec = specs.findIndex((s) => s.level === 2 && stepsKeys.some((k) => sameSection(k, [], s.key)));
  if (stepsSpec >= 0) {
    const from = headingOf(stepsSpec).endLine;
    const to = sectionEnd(stepsSpec);
    steps.command = md.codeBlocks.some((b) => b.line >= from && b.line < to);
    for (let line = from; line < to; line++) {
      if (md.lineFlags[line] & (LineFlag.Code | LineFlag.Blank)) continue;
      const m = LABEL_LINE.exec(lineText(line));
      const role = m ? stepFieldRole(m[2] ?? m[3]) : undefined;
      if (role === 'validation') steps.validation = true;
      else if (role === 'rollback') steps.rollback = true;
    }
  }

  const format = forcedFormat ?? detectFormat(specs, indexSpec, !!fm && (fm.language === 'yaml' || fm.language === 'json'), md, bodyLine, lineStarts.length, lineText);
  if (format === 'catalog' && !indexEntry) errors.push(`${source}: the template is a catalog template but has no "Index Entry" section.`);

  const name = title?.text || (typeof fm?.data?.title === 'string' ? fm.data.title : '') || source;
  const template: TemplateDescriptor = { id: `custom:${source}`, name, format, sections: specs, steps, source };
  if (preambleGuidance.length) template.preambleGuidance = preambleGuidance;
  if (indexEntry) template.indexEntry = indexEntry;
  return { template, errors };
}

/** Why a text is not a Markdown file, or undefined when it looks like text. */
function binaryReason(text: string): string | undefined {
  if (text.indexOf('\0') !== -1) return 'it contains NUL characters, so it is probably a binary file';
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    // Control characters other than tab, LF, FF and CR, and the replacement character of invalid UTF-8.
    if ((c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 0xfffd) bad++;
  }
  if (bad > 8 && bad * 20 > sample.length) return 'it is mostly control characters or invalid UTF-8';
  return undefined;
}

interface BodyLine {
  line: number;
  text: string;
  blank: boolean;
  rule: boolean;
}

function bodyLines(from: number, to: number, lineText: (line: number) => string, md: MdBlocks): BodyLine[] {
  const out: BodyLine[] = [];
  for (let line = from; line < to; line++) {
    const t = lineText(line);
    const flags = md.lineFlags[line] ?? 0;
    out.push({ line, text: t, blank: t.trim() === '', rule: !!(flags & LineFlag.ThematicBreak) && !(flags & LineFlag.Code) });
  }
  return out;
}

function guidanceOf(lines: readonly string[]): string[] {
  const out = new Set<string>();
  for (const line of lines) {
    const key = guidanceKey(line);
    if (key !== '') out.add(key);
  }
  return [...out];
}

function guidanceTextOf(lines: BodyLine[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start].blank) start++;
  for (;;) {
    while (end > start && lines[end - 1].blank) end--;
    // The `---` that separates sections in many templates is not part of the section.
    if (end > start && lines[end - 1].rule) end--;
    else break;
  }
  return lines
    .slice(start, end)
    .map((l) => l.text)
    .join('\n');
}

function findIndexSection(specs: readonly SectionSpec[], named: string | undefined): number {
  if (named) {
    const key = sectionKey(named);
    return specs.findIndex((s) => s.key === key);
  }
  const aliases = aliasesFor('index entry');
  return specs.findIndex((s) => s.level === 2 && sameSection('index entry', aliases, s.key));
}

function indexFields(
  text: string,
  md: MdBlocks,
  from: number,
  to: number,
  lineText: (line: number) => string,
  at: (line: number) => string,
  errors: string[],
): IndexFieldSpec[] {
  const items: { line: number; endLine: number; label: string; rest: string }[] = [];
  for (const item of md.listItems) {
    if (item.line < from || item.line >= to || item.depth !== 0) continue;
    const line = text.slice(item.contentStart, item.firstLineEnd).trim();
    const m = FIELD_ITEM.exec(line);
    if (!m) continue;
    let label = m[2].trim();
    const after = /^\s*(:?)\s*/.exec(line.slice(m[0].length))!;
    // Only `**Label:**` or `**Label**:` is a field; plain bold text is not.
    if (!label.endsWith(':') && !label.endsWith('：') && after[1] !== ':') continue;
    label = label.replace(/[:：]\s*$/, '').trim();
    if (label !== '') items.push({ line: item.line, endLine: item.endLine, label, rest: line.slice(m[0].length + after[0].length) });
  }
  const fields: IndexFieldSpec[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < items.length; i++) {
    const { line, rest } = items[i];
    const mark = optionalMarkStart(items[i].label);
    const optional = mark !== -1;
    const label = optional ? items[i].label.slice(0, mark).trim() : items[i].label;
    const key = fieldKey(label);
    if (key === '') continue;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push(`${at(line)}: duplicate index field "${label}" (first on line ${first + 1}); this one is ignored.`);
      continue;
    }
    seen.set(key, line);
    // The field's lines are its list item's lines (a nested `> guidance` or `One of:` line included).
    const end = Math.min(items[i].endLine, i + 1 < items.length ? items[i + 1].line : to);
    const lines = [rest];
    for (let l = line + 1; l < end; l++) {
      if ((md.lineFlags[l] ?? 0) & LineFlag.ThematicBreak) continue;
      lines.push(lineText(l));
    }
    const field: IndexFieldSpec = { label, key, aliases: indexFieldAliasesFor(key), required: !optional, guidance: guidanceOf(lines) };
    for (const l of lines) {
      const allowed = allowedValues(l);
      if (allowed) {
        field.allowed = allowed;
        break;
      }
    }
    fields.push(field);
  }
  return fields;
}

/** The values of a `One of: A, B, C` or `Allowed: A | B | C` line, or undefined for any other line. */
export function allowedValues(line: string): string[] | undefined {
  const plain = line
    .replace(/^\s*(?:>\s*)+/, '')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '')
    .replace(/[*_`]/g, '')
    .trim();
  const m = ALLOWED_LINE.exec(plain);
  if (!m) return undefined;
  const list = m[1].trim().replace(/\.$/, '');
  const parts = list.includes('|') ? list.split('|') : splitOutsideParens(list);
  // "A, B or C": the last item holds two values.
  const last = parts.length ? parts[parts.length - 1] : '';
  if (!list.includes('|') && / or /i.test(last) && !hasParenthesizedOr(last)) parts.splice(parts.length - 1, 1, ...last.split(/ or /i));
  const values = parts.map((p) => p.trim().replace(/\.$/, '').trim()).filter((p) => p !== '');
  return values.length ? values : undefined;
}

/**
 * Whether `/\(.* or .*\)/i` matches: a `(`, then ` or `, then `)`, on one line. The expression tries every
 * pair of splits (59 s for an 8 KB template line); the earliest `(` and ` or ` after it are always the best.
 */
function hasParenthesizedOr(s: string): boolean {
  for (const line of s.split(/[\n\r\u2028\u2029]/)) {
    const open = line.indexOf('(');
    if (open === -1) continue;
    const or = / or /gi;
    or.lastIndex = open + 1;
    const m = or.exec(line);
    if (m && line.indexOf(')', m.index + 4) !== -1) return true;
  }
  return false;
}

/**
 * Where a trailing `(optional)` or `[optional]` mark starts (with the blanks before it), or -1:
 * `/\s*[([]\s*optional\s*[)\]]\s*[:：]?\s*$/i` read from the end, which rescanned every blank run.
 */
export function optionalMarkStart(s: string): number {
  let i = trimEndIndex(s);
  if (s[i - 1] === ':' || s[i - 1] === '：') i = trimEndIndex(s.slice(0, i - 1));
  if (s[i - 1] !== ')' && s[i - 1] !== ']') return -1;
  i = trimEndIndex(s.slice(0, i - 1));
  if (i < 8 || s.slice(i - 8, i).toLowerCase() !== 'optional') return -1;
  i = trimEndIndex(s.slice(0, i - 8));
  if (s[i - 1] !== '(' && s[i - 1] !== '[') return -1;
  return trimEndIndex(s.slice(0, i - 1));
}

function splitOutsideParens(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if ((c === ',' || c === ';') && depth === 0) {
      parts.push(list.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(list.slice(start));
  return parts;
}

function detectFormat(
  specs: readonly SectionSpec[],
  indexSpec: number,
  hasFrontmatter: boolean,
  md: MdBlocks,
  bodyLine: number,
  lineCount: number,
  lineText: (line: number) => string,
): FormatId {
  if (indexSpec >= 0) return 'catalog';
  if (specs.some((s) => s.key === 'skill id legend')) return 'skill-sequence';
  let fileHeader = false;
  for (let line = bodyLine; line < lineCount; line++) {
    if ((md.lineFlags[line] ?? 0) & LineFlag.Code) continue;
    const t = lineText(line);
    if (SEQUENCE_LINE.test(t)) return 'skill-sequence';
    if (FILE_HEADER_LINE.test(t)) fileHeader = true;
  }
  if (fileHeader) return 'file-header';
  return hasFrontmatter ? 'frontmatter' : 'plain';
}
