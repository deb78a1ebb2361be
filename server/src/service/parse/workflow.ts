/**
 * parseWorkflow: one document's text to its WorkflowModel (format, sections, steps, fields, TODOs...).
 * Runs once per (uri, version); rules and later features only read the model.
 */
import type {
  FileHeader,
  FormatId,
  IndexEntry,
  IndexField,
  MdBlocks,
  Section,
  SkillWorkflow,
  Suppression,
  TodoMarker,
  WorkflowModel,
} from '../model';
import { FORMAT_IDS, LineFlag } from '../model';
import type { LintOptions } from '../options';
import type { IndexFieldSpec, TemplateDescriptor } from '../templates/types';
import { builtinTemplate } from '../templates/builtin';
import { indexFieldSpecFor } from '../templates/aliases';
import { computeLineStarts, detached, lineAt, lineEnd } from '../text';
import { isRegExpSpace as isRegexSpace, trailingRunStart, trimEndIndex } from '../textScan';
import { parseFrontmatter } from './frontmatter';
import { isAgentDocument, isReferenceDocument, workflowKind } from './kind';
import { scanMarkdown } from './markdown';
import { MarkdownSteps, type HeadingTitle } from './markdownSteps';
import { scanMetadataHeader } from './metadataHeader';
import { findPlaceholders } from './placeholders';
import { fieldKey, GUIDANCE_PREFIX_LENGTH, guidanceKey, guidanceKeyPrefix, splitNumber, stripInline, titleKey } from './normalize';
import { isAuthorGuidance, isMostlyPlaceholders, isUnfilledCell, isUnfilledLine, stripPlaceholders } from './unfilled';
import { alternativeMark, STEP_KEYWORD, STEPS_SECTION_KEYS } from './vocabulary';
import { parseYamlDefinition } from './yamlDefinition';

const TODO_RE = /\b(TODO|TBD|FIXME|XXX)\b/g;
// Not followed by a letter or digit: `\b` there kept `__N/A__` and `_n/a_` from matching (`_` is a word character).
const NOT_APPLICABLE = /^(?:[-*+]\s+|\d+[.)]\s+)?(?:\*\*|__|\*|_)?(not applicable(?: for this workflow)?|n\/a)(?![a-z0-9])(?:\*\*|__|\*|_)?/i;

const titleCache = new Map<string, HeadingTitle>();

/** A heading text's number, title and key, memoized: the same titles recur across sections and documents. */
function titleInfo(heading: string): HeadingTitle {
  let info = titleCache.get(heading);
  if (info) return info;
  // The cache outlives the document: its key and the strings cut from it must not hold the document's text.
  const text = detached(heading);
  const { number, title } = splitNumber(text);
  const trimmed = stripInline(text).trim();
  // A title that starts with a printable ASCII character starts with no emoji or blank to remove.
  const c0 = trimmed.charCodeAt(0);
  const plain = c0 > 32 && c0 < 127 ? trimmed : trimmed.replace(/^[\p{Extended_Pictographic}\u{FE0F}\u{200D}\s]+/u, '');
  const keyword = /\d/.test(plain) ? STEP_KEYWORD.exec(plain) : null;
  info = { number, title, key: titleKey(title) };
  if (keyword) info.stepNumber = keyword[1];
  else {
    const alternative = alternativeMark(plain);
    if (alternative !== undefined) info.alternative = alternative;
  }
  if (titleCache.size > 20000) titleCache.clear();
  titleCache.set(text, info);
  return info;
}

const EMPTY_SET: Set<string> = new Set();
const guidanceSets = new WeakMap<TemplateDescriptor, Set<string>>();

/** Every guidance line of a template (sections and preamble), computed once per template. */
function guidanceOf(template: TemplateDescriptor): Set<string> {
  let set = guidanceSets.get(template);
  if (!set) {
    set = new Set(template.preambleGuidance ?? []);
    for (const s of template.sections) for (const g of s.guidance) set.add(g);
    guidanceSets.set(template, set);
  }
  return set;
}

const prefixSets = new WeakMap<ReadonlySet<string>, Set<number>>();

/**
 * `keys.has(guidanceKey(line))`, but most lines are turned away by the first characters of their key (a lookup
 * of one number) before the whole key is built: this runs for the first content line of every section.
 */
export function isGuidanceLine(keys: ReadonlySet<string>, line: string): boolean {
  let prefixes = prefixSets.get(keys);
  if (!prefixes) {
    prefixes = new Set();
    for (const key of keys) {
      // A key that does not start with GUIDANCE_PREFIX_LENGTH ASCII characters is only found by the whole lookup.
      if (key.length < GUIDANCE_PREFIX_LENGTH) continue;
      let packed = 0;
      for (let i = 0; i < GUIDANCE_PREFIX_LENGTH && packed >= 0; i++) packed = key.charCodeAt(i) < 128 ? packed * 128 + key.charCodeAt(i) : -1;
      if (packed >= 0) prefixes.add(packed);
    }
    prefixSets.set(keys, prefixes);
  }
  const prefix = guidanceKeyPrefix(line);
  if (prefix >= 0 && !prefixes.has(prefix)) return false;
  return keys.has(guidanceKey(line));
}

const fieldGuidanceSets = new WeakMap<IndexFieldSpec, Set<string>>();

function fieldGuidance(spec: IndexFieldSpec): Set<string> {
  let set = fieldGuidanceSets.get(spec);
  if (!set) fieldGuidanceSets.set(spec, (set = new Set(spec.guidance)));
  return set;
}

export function detectFormatFromFrontmatter(data: Record<string, unknown> | undefined): FormatId | undefined {
  const forced = data?.['wfs-format'] ?? data?.['workflow-format'];
  return typeof forced === 'string' && (FORMAT_IDS as readonly string[]).includes(forced) ? (forced as FormatId) : undefined;
}

export function parseWorkflow(uri: string, version: number, text: string, options: LintOptions = {}): WorkflowModel {
  const lineStarts = computeLineStarts(text);
  const kind = workflowKind(uri, text) ?? (options.format === 'yaml-definition' ? 'yaml' : 'markdown');
  if (kind === 'yaml') {
    const parsed = parseYamlDefinition(text, lineStarts);
    return {
      uri, version, text, lineStarts, kind: 'yaml', format: 'yaml-definition', formatSource: 'detected',
      title: parsed.title, sections: [], steps: parsed.steps, todos: findYamlTodos(text, lineStarts), placeholders: [], skillWorkflows: [],
      yaml: parsed.yaml, suppressions: parsed.suppressions,
    };
  }
  return new MarkdownModelBuilder(uri, version, text, lineStarts, options).build();
}

function findYamlTodos(text: string, lineStarts: readonly number[]): TodoMarker[] {
  // TODOs in YAML comments only: values are data. Find the markers, then check for a '#' before them on the line.
  const todos: TodoMarker[] = [];
  const re = /\b(TODO|TBD|FIXME|XXX)\b/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    // The line's start from lineStarts (a backward search for '\r' would scan to the text's start every time).
    const lineStart = lineStarts[lineAt(lineStarts, m.index)];
    const hash = text.indexOf('#', lineStart);
    if (hash === -1 || hash > m.index || (hash > lineStart && !isRegexSpace(text.charCodeAt(hash - 1)))) continue;
    let end = text.indexOf('\n', m.index);
    if (end === -1) end = text.length;
    while (end > m.index && isRegexSpace(text.charCodeAt(end - 1))) end--;
    todos.push({ kind: m[1], text: text.slice(m.index, end), start: m.index, end });
    re.lastIndex = end;
  }
  return todos;
}

/** Front matter that declares a workflow of the front-matter convention (seed 000). */
function declaresWorkflow(data: Record<string, unknown> | undefined): boolean {
  if (!data) return false;
  const type = String(data.type ?? '').toLowerCase();
  const subtype = String(data.subtype ?? '').toLowerCase();
  if (/workflow/.test(type) || /^workflows?$/.test(subtype)) return true;
  return 'title' in data && ('frequency' in data || 'automation_level' in data);
}

const LEADING_EMOJI = /^[\p{Extended_Pictographic}\u{FE0F}\u{200D}\u{20E3}\s]+/u;
const EDGE_CHARACTER = /^[\s\p{Extended_Pictographic}\u{FE0F}\u{200D}]$/u;

/** `s` without leading and trailing emoji and blanks; the trailing run found backwards, a code point at a time. */
function withoutEdgeEmoji(s: string): string {
  const lead = LEADING_EMOJI.exec(s)?.[0].length ?? 0;
  let end = s.length;
  while (end > lead) {
    const low = s.charCodeAt(end - 1);
    const width = low >= 0xdc00 && low <= 0xdfff && end - 2 >= lead ? 2 : 1;
    if (!EDGE_CHARACTER.test(s.slice(end - width, end))) break;
    end -= width;
  }
  return s.slice(lead, end);
}

/**
 * The title a reader gives the document: its first H1 without emphasis and decorative emoji; an H1 that is only
 * a slash command ("/rollback") gets the front matter's description after it; without an H1, the front matter's
 * title (or name), else the first heading.
 */
function documentTitle(md: MdBlocks, frontmatter: WorkflowModel['frontmatter']): WorkflowModel['title'] {
  const entry = (key: string) => frontmatter?.entries.find((e) => e.key === key && typeof e.value === 'string' && e.value.trim() !== '');
  const h1 = md.headings.find((h) => h.level === 1) ?? (entry('title') || entry('name') ? undefined : md.headings[0]);
  if (h1) {
    const text = withoutEdgeEmoji(stripInline(h1.text)).trim() || stripInline(h1.text);
    const description = entry('description');
    if (/^\/[\w:-]+$/.test(text) && description) {
      return { text: `${text} — ${String(description.value).trim().split(/\r?\n/)[0]}`, start: h1.textStart, end: h1.textEnd };
    }
    return { text, start: h1.textStart, end: h1.textEnd };
  }
  const fm = entry('title') ?? entry('name');
  return fm ? { text: String(fm.value).trim(), start: fm.valueStart, end: fm.valueEnd } : undefined;
}

class MarkdownModelBuilder {
  private md!: MdBlocks;
  private sections: Section[] = [];
  private template: TemplateDescriptor | undefined;
  private allGuidance: Set<string> = EMPTY_SET;
  /** titleInfo of each heading (md.headings[i], so also sections[i]): looked up once, read by several passes. */
  private titles: HeadingTitle[] = [];
  /** Line -> index of the html block that starts there (comments are not content). */
  private commentLines = new Set<number>();
  private frontmatter: WorkflowModel['frontmatter'];

  constructor(
    private readonly uri: string,
    private readonly version: number,
    private readonly text: string,
    private readonly lineStarts: number[],
    private readonly options: LintOptions,
  ) {}

  build(): WorkflowModel {
    const { text, lineStarts } = this;
    const frontmatter = parseFrontmatter(text, lineStarts);
    this.frontmatter = frontmatter;
    const bodyLine = frontmatter && frontmatter.closed ? frontmatter.endLine : 0;
    this.md = scanMarkdown(text, lineStarts, bodyLine);
    this.titles = this.md.headings.map((h) => titleInfo(h.text));
    for (const h of this.md.htmlBlocks) {
      if (text.startsWith('<!--', firstNonSpace(text, h.start))) for (let l = h.line; l < h.endLine; l++) this.commentLines.add(l);
    }

    let format: FormatId;
    let formatSource: WorkflowModel['formatSource'];
    const fromFrontmatter = detectFormatFromFrontmatter(frontmatter?.data);
    if (this.options.format && this.options.format !== 'yaml-definition') {
      format = this.options.format;
      formatSource = 'override';
    } else if (fromFrontmatter && fromFrontmatter !== 'yaml-definition') {
      format = fromFrontmatter;
      formatSource = 'frontmatter';
    } else {
      format = this.detectFormat(frontmatter?.data, bodyLine);
      formatSource = 'detected';
    }
    this.template = this.resolveTemplate(format, formatSource, frontmatter?.data, bodyLine);
    if (this.template) this.allGuidance = guidanceOf(this.template);

    this.buildSections();
    const fileHeader = this.findFileHeader(bodyLine);
    const indexEntry = this.findIndexEntry();
    const skillWorkflows: SkillWorkflow[] = [];
    const finder = new MarkdownSteps({
      text, lineStarts, md: this.md, sections: this.sections, titles: this.titles, commentLines: this.commentLines,
      bodyStart: bodyLine < lineStarts.length ? lineStarts[bodyLine] : text.length,
    });
    const title = documentTitle(this.md, frontmatter);
    // A reference document (a README, an index) is not a workflow, whatever header it carries: no steps to run.
    const reference = format === 'reference' || (formatSource === 'detected' && isReferenceDocument(this.uri, title?.text, frontmatter?.data));
    const steps = reference ? [] : format === 'skill-sequence' ? finder.findSkillSteps(skillWorkflows) : finder.find({ agent: format === 'agent', templated: this.template !== undefined });

    return {
      uri: this.uri,
      version: this.version,
      text,
      lineStarts,
      kind: 'markdown',
      format,
      formatSource,
      template: this.template,
      title,
      frontmatter,
      md: this.md,
      sections: this.sections,
      steps,
      todos: this.findTodos(),
      placeholders: findPlaceholders(text, lineStarts, this.md, frontmatter),
      fileHeader,
      indexEntry,
      skillWorkflows,
      suppressions: this.findSuppressions(),
    };
  }

  /**
   * The template the document is checked against. A team's template applies to its format (a plain one to every
   * workflow format). A built-in template applies when the document follows its convention: a FILE header that
   * names a workflow, front matter that declares a workflow, an index entry, skill sequences, or a format set by
   * the user. Other documents only carry the same kind of metadata (an Owner line, a `title:`): they are read
   * in that format, and no sections are required of them.
   */
  private resolveTemplate(format: FormatId, source: WorkflowModel['formatSource'], data: Record<string, unknown> | undefined, bodyLine: number): TemplateDescriptor | undefined {
    const team = this.options.template;
    if (team && (team.format === format || (team.format === 'plain' && format !== 'yaml-definition' && format !== 'reference'))) return team;
    if (source === 'detected') {
      if (format === 'frontmatter' && !declaresWorkflow(data)) return undefined;
      if (format === 'file-header') {
        const header = this.findFileHeader(bodyLine);
        if (!header || header.kind !== 'file' || !this.isWorkflowHeader(header)) return undefined;
      }
    }
    return builtinTemplate(format);
  }

  // ---------------------------------------------------------------------------------------------
  // Format detection
  // ---------------------------------------------------------------------------------------------

  /**
   * The format, from the strongest sign to the weakest: an index entry (catalog); a FILE header; a README, index
   * or reference page (not a workflow); skill sequences; an agent's workflow (by its folder or its front matter);
   * metadata front matter; a metadata header (Owner, Status, Last updated lines); otherwise plain.
   */
  private detectFormat(data: Record<string, unknown> | undefined, bodyLine: number): FormatId {
    if (this.titles.some((t) => t.key === 'index entry')) return 'catalog';
    const header = this.findFileHeader(bodyLine);
    if (header?.kind === 'file') return 'file-header';
    if (isReferenceDocument(this.uri, documentTitle(this.md, this.frontmatter)?.text, data)) return 'reference';
    if (this.hasSkillSequences()) return 'skill-sequence';
    if (isAgentDocument(this.uri, data)) return 'agent';
    if (data && Object.keys(data).some((k) => k !== 'wfs-format' && k !== 'workflow-format')) return 'frontmatter';
    if (header) return 'file-header';
    return 'plain';
  }

  /**
   * Teams put the FILE header on every file (prompts, READMEs...); it marks a workflow when its FILE path or the
   * document's own path names workflows or runbooks, or the document has a Steps section.
   */
  private isWorkflowHeader(header: FileHeader): boolean {
    const file = header.fields.find((f) => f.key.toUpperCase() === 'FILE')?.value ?? '';
    if (/workflow|runbook|playbook|procedure/i.test(file) || /workflows?[\\/]|runbooks?[\\/]/i.test(this.uri)) return true;
    return this.titles.some((t) => STEPS_SECTION_KEYS.has(t.key));
  }

  private hasSkillSequences(): boolean {
    const { text } = this;
    // A sequence needs an ordered item that starts with a backtick: checking the items first spares most
    // documents a search of their whole text.
    if (!this.md.listItems.some((li) => li.ordered && text.charCodeAt(li.contentStart) === 96 /* ` */)) return false;
    let i = text.indexOf('**Sequence**');
    if (i === -1) return false;
    // At least one "**Sequence**:" label followed by an ordered list whose items start with `skill-id`.
    for (; i !== -1; i = text.indexOf('**Sequence**', i + 1)) {
      const line = lineAt(this.lineStarts, i);
      if (this.md.lineFlags[line] & LineFlag.Code) continue;
      const item = this.md.listItems.find((li) => li.line > line && li.line <= line + 2 && li.ordered);
      if (item && text.charCodeAt(item.contentStart) === 96 /* ` */) return true;
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // Sections
  // ---------------------------------------------------------------------------------------------

  private buildSections(): void {
    const { md, text, lineStarts } = this;
    const sections = this.sections;
    const stack: number[] = [];
    const headings = md.headings;
    for (let hi = 0; hi < headings.length; hi++) {
      const h = headings[hi];
      const { number, title, key } = this.titles[hi];
      const start = h.start;
      const bodyStart = h.endLine < lineStarts.length ? lineStarts[h.endLine] : text.length;
      while (stack.length && sections[stack[stack.length - 1]].level >= h.level) {
        const closed = sections[stack.pop()!];
        closed.end = start;
      }
      const parent = stack.length ? stack[stack.length - 1] : -1;
      const index = sections.length;
      sections.push({
        heading: h, level: h.level, title, key, number, start, bodyStart,
        ownEnd: text.length, end: text.length, parent, children: [], ownBlank: true, blank: true,
      });
      if (parent >= 0) sections[parent].children.push(index);
      if (index > 0) {
        const prev = sections[index - 1];
        prev.ownEnd = Math.min(prev.ownEnd, start);
      }
      stack.push(index);
    }
    // Sections in reverse so children are decided before parents.
    for (let i = sections.length - 1; i >= 0; i--) {
      const s = sections[i];
      s.ownEnd = Math.max(s.bodyStart, Math.min(s.ownEnd, s.end));
      const content = this.analyseContent(s);
      s.ownBlank = content.blank;
      if (content.notApplicable) s.notApplicable = content.notApplicable;
      s.blank = s.ownBlank && s.children.every((c) => sections[c].blank);
    }
  }

  /**
   * The guidance lines that count as unfilled. Any section's guidance counts anywhere, so a renamed or
   * moved section's template text is still recognised as unfilled.
   */
  private guidanceFor(): Set<string> | undefined {
    return this.template ? this.allGuidance : undefined;
  }

  /** Decide whether a span of lines holds real content. */
  private analyseContent(s: Section): { blank: boolean; notApplicable?: Section['notApplicable'] } {
    const { text, lineStarts, md } = this;
    const firstLine = lineAt(lineStarts, s.bodyStart);
    const lastLine = s.ownEnd >= text.length ? lineStarts.length : lineAt(lineStarts, s.ownEnd);
    const guidance = this.guidanceFor();
    let blank = true;
    let na: Section['notApplicable'];
    let otherContent = false;
    for (let line = firstLine; line < lastLine; line++) {
      if (lineStarts[line] >= s.ownEnd && line > firstLine) break;
      const flags = md.lineFlags[line];
      if (flags & LineFlag.Blank || flags & LineFlag.ThematicBreak) continue;
      if (this.commentLines.has(line)) continue;
      if (flags & LineFlag.Code) {
        // A block of comments and placeholders ("# Command", "[command here]") is a slot, not content.
        if (!this.unfilledCodeLine(line)) {
          blank = false;
          otherContent = true;
        }
        continue;
      }
      const raw = text.slice(lineStarts[line], lineEnd(text, lineStarts, line));
      if (flags & LineFlag.Table) {
        // A table's header names its columns; a row of placeholders and date masks is unfilled.
        if (this.tableHeaderLines.has(line) || /^[\s:|-]+$/.test(raw) || splitCells(raw).every(isUnfilledCell)) continue;
        blank = false;
        otherContent = true;
        break;
      }
      // A note in a block quote that starts with an emoji ("> ⚡ **Time-critical:** ...") is the template's.
      if (/^\s*>\s*[\p{Extended_Pictographic}]/u.test(raw)) continue;
      const content = raw.charCodeAt(0) === 62 || raw.charCodeAt(0) === 32 ? raw.replace(/^\s*(?:>\s*)*/, '') : raw;
      if (isAuthorGuidance(content) || isMostlyPlaceholders(content)) continue;
      const naMatch = NOT_APPLICABLE.exec(content);
      if (naMatch) {
        const start = lineStarts[line] + raw.indexOf(content) + content.indexOf(naMatch[1]);
        const rest = content.slice(naMatch[0].length);
        na = { start, end: lineStarts[line] + raw.trimEnd().length, hasReason: hasReason(rest) };
        blank = false;
        continue;
      }
      // Cheap tests first; the guidance lookup only for what would otherwise be content.
      if (isUnfilledLine(content)) continue;
      if (guidance && isGuidanceLine(guidance, raw)) continue;
      blank = false;
      otherContent = true;
      // The section has content; a later "Not applicable" line would have a reason anyway.
      break;
    }
    if (na && !na.hasReason && otherContent) na.hasReason = true;
    return { blank, notApplicable: na };
  }

  private tableHeaderCache: Set<number> | undefined;

  /** Lines of table headers. */
  private get tableHeaderLines(): Set<number> {
    return (this.tableHeaderCache ??= new Set(this.md.tables.map((t) => t.header.line)));
  }

  private codeLineCache: Map<number, boolean> | undefined;

  /** Whether a code line belongs to a block that holds only comments, placeholders and blank lines. */
  private unfilledCodeLine(line: number): boolean {
    if (!this.codeLineCache) {
      this.codeLineCache = new Map();
      const { text, lineStarts } = this;
      for (const b of this.md.codeBlocks) {
        const code = text.slice(b.contentStart, b.contentEnd);
        // Only the slot's own words in comments ("# Command", "# Command to run"): comments that say what to do
        // ("# 1. Acknowledge the alert") are instructions.
        const unfilled = code.split(/\r?\n|\r/).every((l) => {
          const t = l.trim();
          return t === '' || /^(?:#|\/\/|--)\s*(?:your\s+)?commands?(?:\s+(?:to run|here))?\s*$/i.test(t) || isUnfilledLine(t);
        });
        for (let l = b.line; l < b.endLine; l++) this.codeLineCache.set(l, unfilled);
        void lineStarts;
      }
    }
    return this.codeLineCache.get(line) ?? false;
  }

  // ---------------------------------------------------------------------------------------------
  // Index entry, FILE header
  // ---------------------------------------------------------------------------------------------

  private findIndexEntry(): IndexEntry | undefined {
    const spec = this.template?.indexEntry;
    const key = spec?.sectionKey ?? 'index entry';
    const si = this.sections.findIndex((s) => s.key === key || s.key === 'index entry');
    if (si < 0) return undefined;
    const s = this.sections[si];
    const { md, text, lineStarts } = this;
    const items = md.listItems.filter((li) => li.start >= s.bodyStart && li.start < s.ownEnd);
    if (items.length === 0) return { section: si, fields: [] };
    const depth = Math.min(...items.map((li) => li.depth));
    const top = items.filter((li) => li.depth === depth);
    const fields: IndexField[] = [];
    for (let i = 0; i < top.length; i++) {
      const li = top[i];
      const first = text.slice(li.contentStart, li.firstLineEnd);
      const m = /^(\*\*|__)(.+?)\1\s*[:：]?/.exec(first);
      if (!m) continue;
      const label = m[2].replace(/[:：]\s*$/, '').trim();
      const labelStart = li.contentStart + 2;
      const itemEnd = li.endLine < lineStarts.length ? Math.min(lineStarts[li.endLine], s.ownEnd) : s.ownEnd;
      const fkey = fieldKey(label);
      const fieldSpec = spec ? indexFieldSpecFor(spec.fields, fkey) : undefined;
      const guidance = fieldSpec ? fieldGuidance(fieldSpec) : EMPTY_SET;
      // The value: the rest of the first line, then the item's other lines, minus guidance and quotes.
      let value = '';
      let valueStart = -1;
      let valueEnd = -1;
      const firstLine = lineAt(lineStarts, li.start);
      const lastLine = itemEnd >= text.length ? lineStarts.length : lineAt(lineStarts, itemEnd);
      for (let line = firstLine; line < lastLine; line++) {
        const ls = lineStarts[line];
        const le = lineEnd(text, lineStarts, line);
        let from = line === firstLine ? li.contentStart + m[0].length : ls;
        if (from >= le) continue;
        const raw = text.slice(from, le);
        if (/^\s*>/.test(raw)) continue;
        if (md.lineFlags[line] & LineFlag.Blank) continue;
        // Comments (a wfs-disable directive, a note to editors) are not part of the value.
        if (this.commentLines.has(line) || /^\s*<!--.*-->\s*$/.test(raw)) continue;
        if (isGuidanceLine(guidance, raw) || (line !== firstLine && isGuidanceLine(this.allGuidance, raw))) continue;
        if (/^\s*(?:e\.g\.|eg\.|for example)/i.test(raw)) continue;
        if (isUnfilledLine(raw)) continue;
        while (from < le && isRegexSpace(text.charCodeAt(from))) from++;
        if (valueStart < 0) valueStart = from;
        valueEnd = trimEndOffset(text, from, le);
        value += (value ? '\n' : '') + stripPlaceholders(text.slice(from, valueEnd)).trim();
      }
      const after = li.contentStart + m[0].length;
      fields.push({
        label, key: fkey, labelStart, labelEnd: labelStart + label.length, value: value.trim(),
        valueStart: valueStart < 0 ? after : valueStart, valueEnd: valueStart < 0 ? after : valueEnd, end: trimEndOffset(text, li.start, itemEnd),
      });
    }
    return { section: si, fields };
  }

  private fileHeaderCache: { header: FileHeader | undefined } | undefined;

  private findFileHeader(bodyLine: number): FileHeader | undefined {
    return (this.fileHeaderCache ??= { header: this.scanFileHeader(bodyLine) }).header;
  }

  private scanFileHeader(bodyLine: number): FileHeader | undefined {
    return scanMetadataHeader(this.text, this.lineStarts, this.md, bodyLine);
  }

  // ---------------------------------------------------------------------------------------------
  // TODOs and suppressions
  // ---------------------------------------------------------------------------------------------

  private findTodos(): TodoMarker[] {
    const { text, lineStarts, md } = this;
    const todos: TodoMarker[] = [];
    TODO_RE.lastIndex = 0;
    for (let m = TODO_RE.exec(text); m; m = TODO_RE.exec(text)) {
      const line = lineAt(lineStarts, m.index);
      const le = lineEnd(text, lineStarts, line);
      if (md.lineFlags[line] & LineFlag.Code) {
        TODO_RE.lastIndex = le;
        continue;
      }
      const lineText = text.slice(lineStarts[line], le);
      if (this.template && isGuidanceLine(this.allGuidance, lineText)) {
        TODO_RE.lastIndex = le;
        continue;
      }
      // Skip markers inside inline code (`TODO`), and words that only mention or resemble a marker.
      const before = text.slice(lineStarts[line], m.index);
      if ((before.split('`').length - 1) % 2 === 1) continue;
      if (!isTodoMarker(before, text.slice(m.index + m[1].length, le), m[1])) continue;
      const end = trimEndOffset(text, m.index, le).valueOf();
      const rest = todoText(text.slice(m.index, end));
      todos.push({ kind: m[1], text: rest, start: m.index, end: m.index + rest.length });
      TODO_RE.lastIndex = le;
    }
    return todos;
  }

  private findSuppressions(): Suppression[] {
    const { text, lineStarts, md } = this;
    const out: Suppression[] = [];
    if (text.indexOf('wfs-') === -1) return out;
    const open = new Map<string, number>();
    const pending: { rules: string[]; start: number }[] = [];
    for (const m of suppressionComments(text)) {
      const line = lineAt(lineStarts, m.index);
      if (md.lineFlags[line] & LineFlag.Code) continue;
      const rules = m.rules.split(/[\s,]+/).filter(Boolean);
      if (m.kind === 'disable-next-line') {
        const next = line + 1;
        if (next < lineStarts.length) out.push({ rules, start: lineStarts[next], end: lineEnd(text, lineStarts, next) });
      } else if (m.kind === 'disable-line') {
        out.push({ rules, start: lineStarts[line], end: lineEnd(text, lineStarts, line) });
      } else if (m.kind === 'disable') {
        pending.push({ rules, start: m.index });
        for (const r of rules.length ? rules : ['*']) open.set(r, m.index);
      } else {
        // wfs-enable closes the matching disables (all of them when no rule is named).
        for (let i = pending.length - 1; i >= 0; i--) {
          const p = pending[i];
          const matches = rules.length === 0 || (p.rules.length > 0 && p.rules.every((r) => rules.includes(r)));
          if (matches) {
            out.push({ rules: p.rules, start: p.start, end: m.index });
            pending.splice(i, 1);
          }
        }
      }
    }
    for (const p of pending) out.push({ rules: p.rules, start: p.start, end: text.length });
    return out;
  }
}

// -----------------------------------------------------------------------------------------------
// Small text predicates
// -----------------------------------------------------------------------------------------------

function firstNonSpace(text: string, from: number): number {
  while (from < text.length && (text.charCodeAt(from) === 32 || text.charCodeAt(from) === 9)) from++;
  return from;
}

const SUPPRESSION_HEAD = /<!--\s*wfs-(disable-next-line|disable-line|disable|enable)\b/y;

/**
 * The `<!-- wfs-<kind> rules -->` comments of a text, as `/<!--\s*wfs-(kinds)\b([^>]*?)-->/g` finds them. That
 * expression scans to the end of the text from every comment start without a `>` after it (35 s for
 * `<!--wfs-enable<n` repeated); here the next `>` is found from a position that only moves forward.
 */
function* suppressionComments(text: string): Generator<{ index: number; kind: string; rules: string }> {
  let gt = -2;
  for (let at = text.indexOf('<!--'); at !== -1; at = text.indexOf('<!--', at + 1)) {
    SUPPRESSION_HEAD.lastIndex = at;
    const head = SUPPRESSION_HEAD.exec(text);
    if (!head) continue;
    const rules = at + head[0].length;
    if (gt !== -1 && gt < rules) gt = text.indexOf('>', rules);
    if (gt === -1) return;
    // `[^>]*?-->`: the comment ends at the first `>`, which must close a `-->`.
    if (gt - 2 < rules || !text.startsWith('-->', gt - 2)) continue;
    yield { index: at, kind: head[1], rules: text.slice(rules, gt - 2) };
    at = gt;
  }
}

/** A TODO's text: a closing `-->` and trailing `*` left out (by hand: `/\s*-->\s*$/` rescans long blank runs). */
function todoText(marker: string): string {
  let end = trimEndIndex(marker);
  if (marker.startsWith('-->', end - 3)) end = trimEndIndex(marker.slice(0, end - 3));
  else end = marker.length;
  return marker.slice(0, trailingRunStart(marker.slice(0, end), (c) => c === 42));
}

function trimEndOffset(text: string, start: number, end: number): number {
  while (end > start && isRegexSpace(text.charCodeAt(end - 1))) end--;
  return end;
}

/**
 * Whether a TODO, TBD, FIXME or XXX word is a marker of open work: where a marker stands (at the start of the
 * text, a list item, a table cell or a field's value: "- Owner: TBD") or followed by what it is about ("TODO: ...",
 * "FIXME(dns) ..."). Not a marker: a mention ("search for \"TODO\"", "TODO markers"), the Spanish and Portuguese
 * word in capitals ("BORRA TODO"), and XXX anywhere but a marker's place (`ADR-XXX` is a placeholder).
 */
function isTodoMarker(before: string, after: string, kind: string): boolean {
  if (/["“'‘«]$/.test(before) && /^["”'’»]/.test(after)) return false;
  if (/^\s*(?:markers?|comments?|items?|tags?|lists?|entries|notes?|counts?|scans?)\b/i.test(after)) return false;
  const lead = before
    .replace(/^\s*(?:>\s*)*/, '')
    .replace(/^(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/, '')
    .replace(/^(?:<!--\s*|\/\/\s*|#\s+)/, '')
    .replace(/^(?:\*\*|__|\*|_)+/, '');
  const atStart = lead.trim() === '' || /\|\s*$/.test(lead) || /^[^:：]{1,40}[:：]\s*(?:(?:\*\*|__)\s*)?$/.test(lead);
  const followed = /^(?:\*\*|__)?\s*(?:[:：(\]—–-]|$)/.test(after);
  if (kind === 'XXX') return atStart && /^\s*[:：]/.test(after);
  // A word in capitals before it: shouted prose in another language ("BORRA TODO"), not a marker.
  if (endsWithCapitalWord(before) && !/\b(?:TODO|TBD|FIXME)\s+$/.test(before)) return false;
  return atStart || followed;
}

const UPPER = /^\p{Lu}$/u;

function isAsciiWord(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * `/\b\p{Lu}{2,}\s+$/u.test(s)` by a backward scan: blanks at the end, before them two or more capitals (any
 * script), with a word boundary where the match starts. The expression retried from every capital of a long run.
 */
export function endsWithCapitalWord(s: string): boolean {
  const blanks = trimEndIndex(s);
  if (blanks === s.length) return false;
  // The run of capitals before the blanks, as code unit offsets of each capital's start.
  const starts: number[] = [];
  let i = blanks;
  while (i > 0) {
    const low = s.charCodeAt(i - 1);
    const width = low >= 0xdc00 && low <= 0xdfff && i >= 2 ? 2 : 1;
    if (!UPPER.test(s.slice(i - width, i))) break;
    i -= width;
    starts.push(i);
  }
  // A match starts at a capital with at least one more after it, on a word boundary.
  for (let k = 1; k < starts.length; k++) {
    const p = starts[k];
    if (isAsciiWord(s.charCodeAt(p - 1)) !== isAsciiWord(s.charCodeAt(p))) return true;
  }
  return false;
}

/** The cells of a table row as written (pipes at the ends optional; `\\|` is not a separator). */
function splitCells(row: string): string[] {
  const inner = row.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/);
}

function hasReason(rest: string): boolean {
  const words = rest.replace(/^[\s.,;:—–\-*_]+/, '').match(/\p{L}{3,}/gu);
  return !!words && words.length >= 1;
}
