/**
 * parseWorkflow: one document's text to its WorkflowModel (format, sections, steps, fields, TODOs...).
 * Runs once per (uri, version); rules and later features only read the model.
 */
import type {
  Command,
  Field,
  FileHeader,
  FileHeaderField,
  FormatId,
  IndexEntry,
  IndexField,
  MdBlocks,
  MdCodeBlock,
  Section,
  SkillWorkflow,
  Step,
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
import { replaceDelimited, trailingRunStart, trimEndIndex } from '../textScan';
import type { Delimited } from '../textScan';
import { parseFrontmatter } from './frontmatter';
import { workflowKind } from './kind';
import { scanMarkdown } from './markdown';
import { fieldKey, GUIDANCE_PREFIX_LENGTH, guidanceKey, guidanceKeyPrefix, splitNumber, stripInline, titleKey } from './normalize';
import { parseYamlDefinition } from './yamlDefinition';

const SHELL_LANGS = new Set([
  'bash', 'sh', 'shell', 'zsh', 'console', 'shell-session', 'shellscript', 'shell-script', 'terminal', 'fish', 'ksh',
  'powershell', 'pwsh', 'ps1', 'bat', 'cmd',
]);

// "Step 3", "Schritt 2", "Step 3.5", "Step 2b": sub-numbered steps (3.5, 2b) are insertions and have no `number`.
const STEP_KEYWORD = /^(?:step|schritt|stap|étape|etape|paso|passo|fase|ステップ|手順)\s*(\d+(?:\.\d+)*[a-z]?)(?![\p{L}\p{N}])/iu;
const STEPS_SECTION_KEYS = new Set([
  'steps', 'procedure', 'workflow', 'instructions', 'ablauf', 'schritte', 'ワークフロー', '手順', 'workflow steps',
  'deployment steps', 'release steps', 'procedure steps', 'recovery steps', 'rollback steps',
]);
// No leading `\s*`: the title before the match is trimmed anyway, and `\s*` there rescans a long run of blanks
// from each of its characters.
const MODE_SUFFIX = /\((automated|automatic|auto|manual|human|semi-automated)\)\s*$/i;
// A labelled line, `**Label**:` or `- __Label (hint)__:`. This regex is the definition; the model runs
// matchFieldLine, the same match written by hand so that no line is copied.
export const FIELD_LINE = /^\s{0,3}(?:(?:[-*+]|\d+[.)])\s+)?(?:\*\*|__)([^*_\n]{1,60})(?:\*\*|__)\s*(?:\([^)\n]*\)\s*)?[:：]?(?:\*\*|__)?[:：]?/;
// A plain label the model knows ("Run: ..."), matched in place: sticky, and `[^\S\r\n]` for `\s` so that a
// match never runs past the line's end.
const PLAIN_FIELD_AT = /[^\S\r\n]{0,3}(?:[-*+][^\S\r\n]+)?(Run|Validation|Verification|Verify|Rollback|Actor|Duration|Purpose|Actions|Check)[^\S\r\n]*[:：]/iy;
const TODO_RE = /\b(TODO|TBD|FIXME|XXX)\b/g;
// Not followed by a letter or digit: `\b` there kept `__N/A__` and `_n/a_` from matching (`_` is a word character).
const NOT_APPLICABLE = /^(?:[-*+]\s+|\d+[.)]\s+)?(?:\*\*|__|\*|_)?(not applicable(?: for this workflow)?|n\/a)(?![a-z0-9])(?:\*\*|__|\*|_)?/i;
const HTML_TAGS = new Set(['br', 'hr', 'img', 'a', 'b', 'i', 'u', 'p', 'div', 'span', 'details', 'summary', 'sup', 'sub', 'kbd', 'code', 'pre', 'em', 'strong', 'small', 'table', 'tr', 'td', 'th']);

/** A heading text's number, title and key, memoized: the same titles recur across sections and documents. */
interface TitleInfo {
  number?: string;
  title: string;
  key: string;
  /** The step number text when the heading is a "Step 3"-style heading. */
  stepNumber?: string;
}
const titleCache = new Map<string, TitleInfo>();

function titleInfo(heading: string): TitleInfo {
  let info = titleCache.get(heading);
  if (info) return info;
  // The cache outlives the document: its key and the strings cut from it must not hold the document's text.
  const text = detached(heading);
  const { number, title } = splitNumber(text);
  // Only a heading with a digit that starts (after emphasis or emoji) like a step keyword can be "Step 3".
  const keyword = /\d/.test(text) && /^[\s*_]*(?:[sSeEpPfF]|[^\x00-\x7f])/.test(text) ? STEP_KEYWORD.exec(splitNumberPrefixless(stripInline(text).trim())) : null;
  info = { number, title, key: titleKey(title), stepNumber: keyword ? keyword[1] : undefined };
  if (titleCache.size > 20000) titleCache.clear();
  titleCache.set(text, info);
  return info;
}

const labelCache = new Map<string, string>();

/** fieldKey, memoized: labels ("Validation", "Actor") repeat in every step. */
function labelKey(label: string): string {
  let key = labelCache.get(label);
  if (key === undefined) {
    // As in titleInfo: nothing the cache keeps may be a view into the document's text.
    const own = detached(label);
    key = fieldKey(own);
    if (labelCache.size > 20000) labelCache.clear();
    labelCache.set(own, key);
  }
  return key;
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
      title: parsed.title, sections: [], steps: parsed.steps, todos: findYamlTodos(text, lineStarts), skillWorkflows: [],
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

class MarkdownModelBuilder {
  private md!: MdBlocks;
  private sections: Section[] = [];
  private template: TemplateDescriptor | undefined;
  private allGuidance: Set<string> = EMPTY_SET;
  /** titleInfo of each heading (md.headings[i], so also sections[i]): looked up once, read by several passes. */
  private titles: TitleInfo[] = [];
  /** Line -> index of the html block that starts there (comments are not content). */
  private commentLines = new Set<number>();

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
    this.template = this.resolveTemplate(format);
    if (this.template) this.allGuidance = guidanceOf(this.template);

    this.buildSections();
    const fileHeader = this.findFileHeader(bodyLine);
    const indexEntry = this.findIndexEntry();
    const skillWorkflows: SkillWorkflow[] = [];
    const steps = format === 'skill-sequence' ? this.findSkillSteps(skillWorkflows) : this.findSteps(format);
    const h1 = this.md.headings.find((h) => h.level === 1);
    const fmTitle = frontmatter?.entries.find((e) => e.key === 'title' && typeof e.value === 'string');
    const title = h1
      ? { text: stripInline(h1.text), start: h1.textStart, end: h1.textEnd }
      : fmTitle
        ? { text: String(fmTitle.value), start: fmTitle.valueStart, end: fmTitle.valueEnd }
        : undefined;

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
      fileHeader,
      indexEntry,
      skillWorkflows,
      suppressions: this.findSuppressions(),
    };
  }

  private resolveTemplate(format: FormatId): TemplateDescriptor | undefined {
    const team = this.options.template;
    if (team && (team.format === format || (team.format === 'plain' && format !== 'yaml-definition'))) return team;
    return builtinTemplate(format);
  }

  // ---------------------------------------------------------------------------------------------
  // Format detection
  // ---------------------------------------------------------------------------------------------

  private detectFormat(data: Record<string, unknown> | undefined, bodyLine: number): FormatId {
    if (this.titles.some((t) => t.key === 'index entry')) return 'catalog';
    const header = this.findFileHeader(bodyLine);
    if (header && this.isWorkflowHeader(header)) return 'file-header';
    if (this.hasSkillSequences()) return 'skill-sequence';
    if (data) {
      const type = String(data.type ?? '').toLowerCase();
      const subtype = String(data.subtype ?? '').toLowerCase();
      if (/workflow/.test(type) || /^workflows?$/.test(subtype)) return 'frontmatter';
      if ('title' in data && ('frequency' in data || 'automation_level' in data)) return 'frontmatter';
    }
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
        blank = false;
        otherContent = true;
        continue;
      }
      const raw = text.slice(lineStarts[line], lineEnd(text, lineStarts, line));
      const content = raw.charCodeAt(0) === 62 || raw.charCodeAt(0) === 32 ? raw.replace(/^\s*(?:>\s*)*/, '') : raw;
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

  // ---------------------------------------------------------------------------------------------
  // Fields
  // ---------------------------------------------------------------------------------------------

  /** Labelled fields (`**Label**: value`) in [start, end). A field's value runs to the next field or the end. */
  private fieldsIn(start: number, end: number): Field[] {
    const { text, lineStarts, md } = this;
    const fields: Field[] = [];
    const first = lineAt(lineStarts, start);
    const last = end >= text.length ? lineStarts.length - 1 : lineAt(lineStarts, Math.max(start, end - 1));
    for (let line = first; line <= last; line++) {
      const flags = md.lineFlags[line];
      if (flags & (LineFlag.Code | LineFlag.Blank | LineFlag.Heading | LineFlag.Html)) continue;
      const ls = lineStarts[line];
      if (!mayStartField(text, ls)) continue;
      const le = lineEnd(text, lineStarts, line);
      let label: string;
      let rawLabel: string;
      let after: number;
      const fieldEnd = matchFieldLine(text, ls, le);
      if (fieldEnd >= 0) {
        rawLabel = text.slice(fieldLabel.start, fieldLabel.end);
        label = trimColon(rawLabel.trim());
        // A bold phrase that is not followed by a colon is emphasis, not a label.
        if (!hasColon(text, ls, fieldEnd) && !atParenOrEnd(text, fieldEnd, le)) continue;
        after = fieldEnd;
      } else {
        PLAIN_FIELD_AT.lastIndex = ls;
        const m = PLAIN_FIELD_AT.exec(text);
        if (!m) continue;
        rawLabel = label = m[1];
        after = ls + m[0].length;
      }
      // The label's first occurrence on the line (for a label that also occurs earlier, as before: "1. **1**:").
      const labelStart = text.indexOf(rawLabel, ls);
      const key = labelKey(label);
      if (!key) continue;
      let valueStart = after;
      while (valueStart < le && (text.charCodeAt(valueStart) === 32 || text.charCodeAt(valueStart) === 9)) valueStart++;
      fields.push({
        label, key, labelStart, labelEnd: labelStart + label.length, value: '', valueStart, valueEnd: le, commands: [],
      });
    }
    // Each field's extent runs to the next field (or the end); its value is that text, its commands the blocks in it.
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      const extentEnd = i + 1 < fields.length ? lineStartOf(lineStarts, fields[i + 1].labelStart) : end;
      f.valueEnd = Math.max(f.valueStart, trimEndOffset(text, f.valueStart, extentEnd));
      f.value = text.slice(f.valueStart, f.valueEnd).trim();
      f.commands = this.commandsIn(f.valueStart, extentEnd);
    }
    return fields;
  }

  /** Shell code blocks that start in [start, end). */
  private commandsIn(start: number, end: number): Command[] {
    const out: Command[] = [];
    const blocks = this.sortedBlocks();
    for (let i = firstAtOrAfter(blocks, start); i < blocks.length && blocks[i].start < end; i++) {
      if (isShellBlock(blocks[i])) out.push(this.toCommand(blocks[i]));
    }
    return out;
  }

  private blocksByStart: MdCodeBlock[] | undefined;

  private sortedBlocks(): MdCodeBlock[] {
    return (this.blocksByStart ??= [...this.md.codeBlocks].sort((a, b) => a.start - b.start));
  }

  private toCommand(b: MdCodeBlock): Command {
    return {
      lang: b.lang, code: blockCode(this.text, this.lineStarts, b), start: b.start, end: b.end,
      contentStart: b.contentStart, contentEnd: b.contentEnd, inline: false,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Steps
  // ---------------------------------------------------------------------------------------------

  private findSteps(format: FormatId): Step[] {
    const { sections } = this;
    const steps: Step[] = [];
    for (let i = 0; i < sections.length; i++) {
      const s = sections[i];
      const keyword = this.titles[i].stepNumber;
      const inStepsSection = s.parent >= 0 && STEPS_SECTION_KEYS.has(sections[s.parent].key);
      if (!keyword && !(inStepsSection && s.number !== undefined && !s.number.includes('.'))) continue;
      // A step inside another step (e.g. "#### 1. Sub-step" under "### Step 2") is part of it.
      if (steps.length && steps[steps.length - 1].end > s.start && steps[steps.length - 1].source === 'heading') continue;
      steps.push(this.headingStep(s, this.titles[i].title, keyword ?? s.number!));
    }
    if (steps.length === 0) this.findListSteps(steps);
    if (steps.length === 0 && format === 'plain') this.findSectionSteps(steps);
    return steps;
  }

  /**
   * A plain runbook with no numbered steps (sections with shell blocks, like a day-2 ops runbook): each section
   * whose own content has a shell block is a step, so its commands can still be run one section at a time.
   */
  private findSectionSteps(steps: Step[]): void {
    for (let i = 0; i < this.sections.length; i++) {
      const s = this.sections[i];
      if (this.commandsIn(s.bodyStart, s.ownEnd).length === 0) continue;
      const h = s.heading;
      const title = this.titles[i].title;
      const offset = this.text.slice(h.textStart, h.textEnd).indexOf(title);
      const titleStart = offset >= 0 ? h.textStart + offset : h.textStart;
      const step: Step = {
        title, titleStart, titleEnd: offset >= 0 ? titleStart + title.length : h.textEnd, start: s.start, end: s.ownEnd,
        source: 'heading', commands: [], fields: [], hasAction: false,
      };
      this.fillStep(step, s.bodyStart, s.ownEnd);
      steps.push(step);
    }
  }

  private headingStep(s: Section, headingTitle: string, numberText: string): Step {
    const number = /^\d+$/.test(numberText) ? Number(numberText) : undefined;
    const { text } = this;
    const h = s.heading;
    let title = headingTitle;
    let mode: Step['mode'];
    const modeMatch = MODE_SUFFIX.exec(title);
    if (modeMatch) {
      title = title.slice(0, modeMatch.index).trim();
      mode = /manual|human/i.test(modeMatch[1]) ? 'manual' : 'automated';
    }
    const rawTitle = text.slice(h.textStart, h.textEnd);
    const titleOffset = rawTitle.indexOf(title);
    const titleStart = titleOffset >= 0 ? h.textStart + titleOffset : h.textStart;
    const step: Step = {
      number, numberText, title, titleStart, titleEnd: titleOffset >= 0 ? titleStart + title.length : h.textEnd,
      start: s.start, end: s.end, source: 'heading', mode, commands: [], fields: [], hasAction: false,
    };
    this.fillStep(step, s.bodyStart, s.end);
    return step;
  }

  /** `1. **Name**` ordered list items in a Steps-like section (plain runbooks). */
  private findListSteps(steps: Step[]): void {
    const { sections, md, text } = this;
    for (const s of sections) {
      if (!STEPS_SECTION_KEYS.has(s.key)) continue;
      const items = md.listItems.filter((li) => li.start >= s.bodyStart && li.start < s.ownEnd);
      if (items.length === 0) continue;
      const minDepth = Math.min(...items.map((li) => li.depth));
      const top = items.filter((li) => li.depth === minDepth && li.ordered);
      const bold = top.filter((li) => text.startsWith('**', li.contentStart) || text.startsWith('__', li.contentStart));
      if (bold.length === 0 || bold.length < top.length / 2) continue;
      for (const li of bold) {
        const close = text.indexOf(text.slice(li.contentStart, li.contentStart + 2), li.contentStart + 2);
        const titleEnd = close > 0 && close < li.firstLineEnd ? close : li.firstLineEnd;
        const title = text.slice(li.contentStart + 2, titleEnd).trim();
        const end = li.endLine < this.lineStarts.length ? this.lineStarts[li.endLine] : text.length;
        const step: Step = {
          number: li.number, numberText: li.number !== undefined ? String(li.number) : undefined, title,
          titleStart: li.contentStart + 2, titleEnd: li.contentStart + 2 + title.length, start: li.start, end: Math.min(end, s.end),
          source: 'list', commands: [], fields: [], hasAction: false,
        };
        this.fillStep(step, Math.min(li.firstLineEnd + 1, step.end), step.end);
        steps.push(step);
      }
    }
  }

  private fillStep(step: Step, bodyStart: number, end: number): void {
    const { text, lineStarts, md } = this;
    const fields = this.fieldsIn(bodyStart, end);
    for (const f of fields) {
      const k = f.key;
      if (k === 'actor' || k === 'who' || k === 'owner') step.actor = stripInline(firstLineOf(f.value)).trim();
      else if (k === 'duration' || k === 'time' || k === 'eta' || k === 'estimated time') step.duration = stripInline(firstLineOf(f.value)).trim();
      else if (k === 'validation' || k === 'verification' || k === 'verify' || k === 'check' || k === 'checks') step.validation ??= f;
      else if (k === 'rollback' || k === 'undo' || k === 'revert') step.rollback ??= f;
      else step.fields.push(f);
    }
    if (!step.mode && step.actor) step.mode = /human|manual|operator|person|team/i.test(step.actor) ? 'manual' : /system|automat|ci|bot/i.test(step.actor) ? 'automated' : undefined;
    // Commands: shell blocks of the step that are not part of its Validation or Rollback.
    const validationCommands = step.validation?.commands;
    const rollbackCommands = step.rollback?.commands;
    for (const c of this.commandsIn(bodyStart, end)) {
      if (!startsAt(validationCommands, c.start) && !startsAt(rollbackCommands, c.start)) step.commands.push(c);
    }
    // Inline commands: "Run: `npm test`".
    let inline = false;
    for (const f of fields) {
      if (f.key !== 'run' && f.key !== 'command') continue;
      const m = /`([^`\n]+)`/.exec(f.value);
      if (!m) continue;
      const at = f.valueStart + text.slice(f.valueStart, f.valueEnd).indexOf(m[0]);
      step.commands.push({ lang: 'sh', code: m[1], start: at, end: at + m[0].length, contentStart: at + 1, contentEnd: at + 1 + m[1].length, inline: true });
      inline = true;
    }
    // Blocks come in document order already; only inline commands need sorting in.
    if (inline) step.commands.sort((a, b) => a.start - b.start);
    // hasAction: any real content besides Actor/Duration lines.
    const first = lineAt(lineStarts, bodyStart);
    const last = end >= text.length ? lineStarts.length : lineAt(lineStarts, end);
    for (let line = first; line < last && !step.hasAction; line++) {
      if (lineStarts[line] < bodyStart) continue;
      const flags = md.lineFlags[line];
      if (flags & (LineFlag.Blank | LineFlag.ThematicBreak) || this.commentLines.has(line)) continue;
      if (flags & LineFlag.Code) {
        step.hasAction = true;
        break;
      }
      const raw = text.slice(lineStarts[line], lineEnd(text, lineStarts, line));
      if (isUnfilledLine(stripQuoteMarkers(raw))) continue;
      if (/^\s*(?:[-*+]\s+)?\*\*(?:actor|duration)(?:\*\*\s*:|:\*\*)/i.test(raw)) continue;
      step.hasAction = true;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Skill sequences (seed 004)
  // ---------------------------------------------------------------------------------------------

  private findSkillSteps(groups: SkillWorkflow[]): Step[] {
    const { text, md, lineStarts, sections } = this;
    const steps: Step[] = [];
    for (let si = 0; si < sections.length; si++) {
      const s = sections[si];
      const fields = this.fieldsIn(s.bodyStart, s.ownEnd);
      const seq = fields.find((f) => f.key === 'sequence');
      if (!seq) continue;
      const exit = fields.find((f) => f.key === 'exit criteria');
      const seqEnd = exit ? lineStartOf(lineStarts, exit.labelStart) : s.ownEnd;
      const items = md.listItems.filter((li) => li.start > seq.labelStart && li.start < seqEnd && li.ordered);
      if (items.length === 0) continue;
      const depth = Math.min(...items.map((li) => li.depth));
      const group: SkillWorkflow = { title: s.title, section: si, sequenceStart: seq.labelStart, steps: [], exitCriteria: exit };
      for (const li of items) {
        if (li.depth !== depth) continue;
        const m = /^`([^`\n]+)`/.exec(text.slice(li.contentStart, li.firstLineEnd));
        const end = li.endLine < lineStarts.length ? Math.min(lineStarts[li.endLine], seqEnd) : seqEnd;
        const rest = text.slice(li.contentStart, li.firstLineEnd);
        const title = stripInline(rest.replace(/^`[^`]*`\s*(?:\([^)]*\)\s*)?[:：]?\s*/, '')).trim() || (m ? m[1] : rest.trim());
        const step: Step = {
          number: li.number, numberText: li.number !== undefined ? String(li.number) : undefined, title,
          titleStart: li.contentStart, titleEnd: li.firstLineEnd, start: li.start, end, source: 'skill', commands: [], fields: [],
          hasAction: true, group: groups.length,
          skill: m ? { id: m[1].trim(), start: li.contentStart + 1, end: li.contentStart + 1 + m[1].length } : undefined,
        };
        group.steps.push(steps.length);
        steps.push(step);
      }
      groups.push(group);
    }
    return steps;
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
      const fkey = labelKey(label);
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
    const { text, lineStarts } = this;
    const limitOffset = bodyLine + 15 < lineStarts.length ? lineStarts[bodyLine + 15] : text.length;
    // Only the first 15 lines can hold the header: search them, not the whole text.
    const from = lineStarts[Math.min(bodyLine, lineStarts.length - 1)];
    if (from >= limitOffset || text.slice(from, limitOffset).indexOf('**FILE**') === -1) return undefined;
    const limit = Math.min(lineStarts.length, bodyLine + 15);
    for (let line = bodyLine; line < limit; line++) {
      if (this.md.lineFlags[line] & LineFlag.Code) continue;
      const ls = lineStarts[line];
      const le = lineEnd(text, lineStarts, line);
      const raw = text.slice(ls, le);
      if (!/\*\*FILE\*\*\s*:/.test(raw)) continue;
      const fields: FileHeaderField[] = [];
      const re = /\*\*([A-Z][A-Z -]*)\*\*\s*:\s*([^|]*)/g;
      for (let m = re.exec(raw); m; m = re.exec(raw)) {
        const keyStart = ls + m.index + 2;
        const valueRaw = m[2];
        const vs = ls + m.index + m[0].length - valueRaw.length;
        const value = valueRaw.trim();
        const valueStart = vs + (valueRaw.length - valueRaw.trimStart().length);
        fields.push({ key: m[1].trim(), value, keyStart, keyEnd: keyStart + m[1].trim().length, valueStart, valueEnd: valueStart + value.length });
      }
      return { line, start: ls, end: le, fields };
    }
    return undefined;
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
      // Skip markers inside inline code (`TODO`): an odd number of backticks before it on the line.
      if (countChar(text, 96 /* ` */, lineStarts[line], m.index) % 2 === 1) continue;
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

/**
 * A fenced block's code: its content lines without the container prefix. Inside a list item or a block quote
 * each content line still carries the item's indentation or the `>` markers, which the command must not.
 */
export function blockCode(text: string, lineStarts: readonly number[], b: MdCodeBlock): string {
  const first = lineAt(lineStarts, b.start);
  const prefix = text.slice(lineStarts[first], b.start);
  if (prefix.trim() === '' && prefix.length === 0) return text.slice(b.contentStart, b.contentEnd);
  const quotes = (prefix.match(/>/g) ?? []).length;
  const indent = prefix.replace(/^(?:\s{0,3}>\s?)+/, '').length;
  if (b.contentEnd <= b.contentStart) return '';
  const lastLine = lineAt(lineStarts, Math.max(b.contentStart, b.contentEnd - 1));
  const out: string[] = [];
  for (let line = lineAt(lineStarts, b.contentStart); line <= lastLine; line++) {
    let raw = text.slice(lineStarts[line], lineEnd(text, lineStarts, line));
    for (let q = 0; q < quotes; q++) raw = raw.replace(/^\s{0,3}>\s?/, '');
    let strip = 0;
    while (strip < indent && raw.charCodeAt(strip) === 32) strip++;
    out.push(raw.slice(strip));
  }
  return out.join('\n');
}

/** Index of the first block starting at or after `offset` (blocks sorted by start). */
function firstAtOrAfter(blocks: readonly MdCodeBlock[], offset: number): number {
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function firstNonSpace(text: string, from: number): number {
  while (from < text.length && (text.charCodeAt(from) === 32 || text.charCodeAt(from) === 9)) from++;
  return from;
}

/** Cheap test before the field regexes: after indentation and a list marker, a field starts with `**`, `__` or a letter. */
function mayStartField(text: string, at: number): boolean {
  let i = at;
  while (text.charCodeAt(i) === 32) i++;
  let c = text.charCodeAt(i);
  if ((c === 45 || c === 42 || c === 43) && text.charCodeAt(i + 1) === 32) {
    i += 2;
    while (text.charCodeAt(i) === 32) i++;
    c = text.charCodeAt(i);
  } else if (c >= 48 && c <= 57) {
    while (c >= 48 && c <= 57) c = text.charCodeAt(++i);
    if (c !== 46 && c !== 41) return false;
    i++;
    while (text.charCodeAt(i) === 32) i++;
    c = text.charCodeAt(i);
  }
  if (c === 42 || c === 95) return text.charCodeAt(i + 1) === c;
  // Plain labels the model knows: Run, Validation, Verification, Verify, Rollback, Actor, Duration, Purpose, Actions, Check.
  return c === 82 || c === 86 || c === 65 || c === 68 || c === 80 || c === 67 || c === 114 || c === 118 || c === 97 || c === 100 || c === 112 || c === 99;
}

/** `label` without one trailing colon (ASCII or full-width), trimmed again. */
function trimColon(label: string): string {
  const last = label.charCodeAt(label.length - 1);
  return last === 58 || last === 0xff1a ? label.slice(0, -1).trim() : label;
}

function hasColon(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 58 || c === 0xff1a) return true;
  }
  return false;
}

/** `/^\s*(?:\(|$)/` on text[from, le): only spaces, then `(` or the line's end. */
function atParenOrEnd(text: string, from: number, le: number): boolean {
  while (from < le && isRegexSpace(text.charCodeAt(from))) from++;
  return from === le || text.charCodeAt(from) === 40;
}

/** The label span of the last matchFieldLine (a scratch object, so a match allocates nothing). */
const fieldLabel = { start: 0, end: 0 };

/**
 * FIELD_LINE on the line text[ls, le), without copying the line: the match's end offset (the label span in
 * fieldLabel), or -1. This runs for every bold line of every step. Each part of the regex in turn:
 */
export function matchFieldLine(text: string, ls: number, le: number): number {
  let i = ls;
  // `\s{0,3}`: a fourth space can start neither a list marker nor `**`, so the match then fails below.
  while (i < le && i - ls < 3 && isRegexSpace(text.charCodeAt(i))) i++;
  // `(?:(?:[-*+]|\d+[.)])\s+)?`: when the marker and its spaces are there, `**` must come right after them (no
  // backtracking helps: a marker character followed by a space cannot start `**`).
  let j = i;
  const c = text.charCodeAt(i);
  if (i < le && (c === 45 || c === 42 || c === 43)) j = i + 1;
  else if (c >= 48 && c <= 57) {
    while (j < le && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
    j = j < le && (text.charCodeAt(j) === 46 || text.charCodeAt(j) === 41) ? j + 1 : i;
  }
  if (j > i && j < le && isRegexSpace(text.charCodeAt(j))) {
    while (j < le && isRegexSpace(text.charCodeAt(j))) j++;
    i = j;
  }
  // `(?:\*\*|__)([^*_\n]{1,60})(?:\*\*|__)`: the label runs to the first `*` or `_`, which must start `**` or `__`.
  if (!isDoubleMark(text, i, le)) return -1;
  const labelStart = i + 2;
  let q = labelStart;
  while (q < le && text.charCodeAt(q) !== 42 && text.charCodeAt(q) !== 95) q++;
  if (q === labelStart || q - labelStart > 60 || !isDoubleMark(text, q, le)) return -1;
  fieldLabel.start = labelStart;
  fieldLabel.end = q;
  // The rest is optional, so the greedy path is the match: `\s*(?:\([^)\n]*\)\s*)?[:：]?(?:\*\*|__)?[:：]?`.
  let r = q + 2;
  while (r < le && isRegexSpace(text.charCodeAt(r))) r++;
  if (r < le && text.charCodeAt(r) === 40) {
    const close = text.indexOf(')', r + 1);
    if (close !== -1 && close < le) {
      r = close + 1;
      while (r < le && isRegexSpace(text.charCodeAt(r))) r++;
    }
  }
  if (r < le && (text.charCodeAt(r) === 58 || text.charCodeAt(r) === 0xff1a)) r++;
  if (isDoubleMark(text, r, le)) r += 2;
  if (r < le && (text.charCodeAt(r) === 58 || text.charCodeAt(r) === 0xff1a)) r++;
  return r;
}

/** `**` or `__` at i, inside the line. */
function isDoubleMark(text: string, i: number, le: number): boolean {
  const c = text.charCodeAt(i);
  return i + 1 < le && (c === 42 || c === 95) && text.charCodeAt(i + 1) === c;
}

/** The text up to the first line break (a field's first line; no split of the whole value). */
function firstLineOf(s: string): string {
  const nl = s.indexOf('\n');
  return nl === -1 ? s : s.slice(0, nl);
}

function startsAt(commands: readonly Command[] | undefined, start: number): boolean {
  if (commands) for (const c of commands) if (c.start === start) return true;
  return false;
}

/** `raw` without leading whitespace and `>` markers; the regex only runs when the line starts with one. */
function stripQuoteMarkers(raw: string): string {
  const c = raw.charCodeAt(0);
  return c === 62 || isRegexSpace(c) ? raw.replace(/^\s*(?:>\s*)*/, '') : raw;
}

/** The characters of the regex class `\s`. */
function isRegexSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** How many times the character `code` occurs in text[from, to). */
function countChar(text: string, code: number, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === code) n++;
  return n;
}

function lineStartOf(lineStarts: readonly number[], offset: number): number {
  return lineStarts[lineAt(lineStarts, offset)];
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

function splitNumberPrefixless(text: string): string {
  return text.replace(/^[\p{Extended_Pictographic}\u{FE0F}\u{200D}\s]+/u, '');
}

function isShellBlock(b: MdCodeBlock): boolean {
  return b.fenced && SHELL_LANGS.has(b.lang);
}

// `{{name}}`, `${NAME}` and `[Name]` (not a link), as `/\{\{[^}\n]*\}\}/g`, `/\$\{[^}\n]*\}/g`, `/\[[^\]\n]*\](?!\()/g`.
const MUSTACHE: Delimited = { open: '{{', close: '}', closers: 2 };
const SHELL_VARIABLE: Delimited = { open: '${', close: '}' };
const BRACKETED: Delimited = { open: '[', close: ']', notFollowedBy: '(' };

/** Remove placeholders: `[Step Name]`, `<WORKFLOW_NAME>`, `{{var}}`, `${VAR}`, a lone `X`. */
export function stripPlaceholders(s: string): string {
  const tagged = replaceDelimited(replaceDelimited(s, MUSTACHE, ' '), SHELL_VARIABLE, ' ').replace(
    /`?<([A-Za-z_][\w ./|-]*)>`?/g,
    (all, name: string) => (HTML_TAGS.has(name.toLowerCase()) ? all : ' '),
  );
  return replaceDelimited(tagged, BRACKETED, ' ')
    .replace(/(^|[\s~])X(?=$|[\s.,;:)])/g, '$1 ');
}

/**
 * A line with nothing but list markers, a label, placeholders, empty checkboxes and punctuation.
 * A character scan (no allocation): this runs for every line of every section.
 */
export function isUnfilledLine(line: string): boolean {
  const n = line.length;
  let i = skipListMarker(line, 0);
  i = skipLabel(line, i);
  while (i < n) {
    const c = line.charCodeAt(i);
    if (c === 91 /* [ */) {
      const close = line.indexOf(']', i + 1);
      // `[text](url)` is a link: its text is content. `[ ]`, `[x]` and `[Placeholder]` are not.
      if (close === -1 || line.charCodeAt(close + 1) === 40 /* ( */) return false;
      i = close + 1;
      continue;
    }
    if (c === 60 /* < */) {
      const m = /^<([A-Za-z_][\w ./|-]*)>/.exec(line.slice(i, i + 80));
      if (m && !HTML_TAGS.has(m[1].toLowerCase())) {
        i += m[0].length;
        continue;
      }
    }
    if ((c === 123 /* { */ && line.charCodeAt(i + 1) === 123) || (c === 36 /* $ */ && line.charCodeAt(i + 1) === 123)) {
      const close = line.indexOf('}', i + 2);
      if (close !== -1) {
        i = close + (c === 123 && line.charCodeAt(close + 1) === 125 ? 2 : 1);
        continue;
      }
    }
    if (c === 88 /* X */ && !isWordChar(line.charCodeAt(i - 1)) && !isWordChar(line.charCodeAt(i + 1))) {
      i++;
      continue;
    }
    if (isWordChar(c) || c > 127) {
      // Any letter or digit outside a placeholder is content (non-ASCII: letters of other scripts, emoji aside).
      if (c <= 127 || /[\p{L}\p{N}]/u.test(line[i])) return false;
    }
    i++;
  }
  return true;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function skipSpaces(line: string, i: number): number {
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  return i;
}

/** Skip a leading list marker ("- ", "* ", "+ ", "1. ", "2) "). */
function skipListMarker(line: string, i: number): number {
  i = skipSpaces(line, i);
  const c = line.charCodeAt(i);
  if ((c === 45 || c === 42 || c === 43) && (line.charCodeAt(i + 1) === 32 || i + 1 === line.length)) return skipSpaces(line, i + 1);
  let j = i;
  while (j < line.length && line.charCodeAt(j) >= 48 && line.charCodeAt(j) <= 57) j++;
  if (j > i && (line.charCodeAt(j) === 46 || line.charCodeAt(j) === 41)) return skipSpaces(line, j + 1);
  return i;
}

/** Skip a leading "**Label**:", "**Label:**" or plain "Label: " (a label is not content). */
function skipLabel(line: string, i: number): number {
  const c = line.charCodeAt(i);
  if ((c === 42 || c === 95) && line.charCodeAt(i + 1) === c) {
    const close = line.indexOf(c === 42 ? '**' : '__', i + 2);
    if (close !== -1 && close - i <= 62) {
      let j = skipSpaces(line, close + 2);
      if (line.charCodeAt(j) === 58 || line.charCodeAt(j) === 0xff1a) j++;
      return j;
    }
    return i;
  }
  // A plain label: up to 40 letters, digits, spaces, '/', '&', '-' and then ':' + space.
  const colon = line.indexOf(':', i);
  if (colon > i && colon - i <= 41 && (colon + 1 === line.length || line.charCodeAt(colon + 1) === 32)) {
    if (/^[\p{L}][\p{L}\p{N} /&-]*$/u.test(line.slice(i, colon))) return colon + 1;
  }
  return i;
}

function hasReason(rest: string): boolean {
  const words = rest.replace(/^[\s.,;:—–\-*_]+/, '').match(/\p{L}{3,}/gu);
  return !!words && words.length >= 1;
}
