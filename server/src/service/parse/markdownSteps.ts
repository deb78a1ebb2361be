/**
 * The steps of a Markdown document, as a reader finds them.
 *
 * A document writes its steps in many ways: headings (`### Step 3: …`, `### 3. …`, `## 3) …`, `### 3.1 …`,
 * `## Phase 2`, `### Option A — …`, or plain headings over a block of commands), items of numbered lists,
 * checklists (`- [ ] …`), bold paragraphs (`**Step 1 — …**`, `**Check the sync status:**` over a block), rows of a
 * table of steps, or a sentence ending with a colon over a block of commands. These are the candidate units.
 *
 * Which of them are the steps is decided per section, from the innermost out, by general rules:
 * - A heading is a step when it says so (a step word and a number, or an alternative such as "Option B"), when
 *   it is numbered among numbered siblings, or when its own content holds commands. Titles of sections that hold
 *   no procedure (overview, prerequisites, contacts, advice, criteria...) are never steps; sections of reference
 *   material (useful commands, appendix...) and deprecated sections hold no steps at all.
 * - The runnable unit is the smallest one with its own commands: a step whose numbered sub-steps, list items or
 *   bold paragraphs carry their own commands is replaced by them (and stays a step itself only when it also has
 *   commands of its own). Sub-units without commands are the step's content ("Step 2" with a checklist).
 * - In a section that is not a step, a numbered list is a list of steps, and so are checklists, bold
 *   paragraphs and bullet items that carry their own commands.
 * - The introduction (the title section's own content) is not a step.
 */
import type { Command, Field, MdBlocks, MdCodeBlock, MdListItem, MdTable, Section, SkillWorkflow, Step } from '../model';
import { LineFlag } from '../model';
import { detached, lineAt, lineEnd } from '../text';
import { hasLineTerminator, isRegExpSpace } from '../textScan';
import { fieldKey, splitNumber, stripInline } from './normalize';
import { isUnfilledLine } from './unfilled';
import {
  alternativeMark, commentPrefix, isAdviceTitle, isContextTitle, isDeprecatedTitle, isNotProcedureTitle, isProcedureTitle, isReferenceTitle, isStepsTitle, looksLikeCommandLine, STEPS_SECTION_KEYS,
  QUERY_LANGS, SHELL_LANGS, STEP_KEYWORD,
} from './vocabulary';

/** What the step finder needs of a heading's text (computed once per heading by the model builder). */
export interface HeadingTitle {
  number?: string;
  title: string;
  key: string;
  /** The number of a "Step 3"-style heading. */
  stepNumber?: string;
  /** The mark of an "Option B"-style heading. */
  alternative?: string;
  /**
   * The vocabulary's answers about this title (TitleWord bits), each asked once: titles are shared by every parse
   * of a document and by the documents that use them (see titleInfo), so this is their memo.
   */
  asked?: number;
  says?: number;
}

/** The vocabulary's tests of a section title. */
const enum TitleWord {
  Procedure = 1,
  Reference = 2,
  Advice = 4,
  NotProcedure = 8,
  Steps = 16,
  Context = 32,
  Deprecated = 64,
}

function titleSays(t: HeadingTitle, word: TitleWord): boolean {
  const asked = t.asked ?? 0;
  if (!(asked & word)) {
    const yes =
      word === TitleWord.Procedure ? isProcedureTitle(t.key)
      : word === TitleWord.Reference ? isReferenceTitle(t.key)
      : word === TitleWord.Advice ? isAdviceTitle(t.key)
      : word === TitleWord.NotProcedure ? isNotProcedureTitle(t.key)
      : word === TitleWord.Steps ? isStepsTitle(t.key)
      : word === TitleWord.Context ? isContextTitle(t.key)
      : isDeprecatedTitle(t.title);
    t.asked = asked | word;
    t.says = (t.says ?? 0) | (yes ? word : 0);
  }
  return ((t.says ?? 0) & word) !== 0;
}

/** The parts of a parsed Markdown document the steps are found in. */
export interface MarkdownParts {
  text: string;
  lineStarts: number[];
  md: MdBlocks;
  sections: Section[];
  titles: readonly HeadingTitle[];
  /** Lines of HTML comments: not content. */
  commentLines: ReadonlySet<number>;
  /** Where the body starts (after the front matter). */
  bodyStart: number;
}

// No leading `\s*`: the title before the match is trimmed anyway, and `\s*` there rescans a long run of blanks
// from each of its characters.
const MODE_SUFFIX = /\((automated|automatic|auto|manual|human|semi-automated)\)\s*$/i;
// A labelled line, `**Label**:` or `- __Label (hint)__:`. This regex is the definition; the finder runs
// matchFieldLine, the same match written by hand so that no line is copied.
export const FIELD_LINE = /^\s{0,3}(?:(?:[-*+]|\d+[.)])\s+)?(?:\*\*|__)([^*_\n]{1,60})(?:\*\*|__)\s*(?:\([^)\n]*\)\s*)?[:：]?(?:\*\*|__)?[:：]?/;
// A plain label the model knows ("Run: ..."), matched in place: sticky, and `[^\S\r\n]` for `\s` so that a
// match never runs past the line's end.
const PLAIN_FIELD_AT = /[^\S\r\n]{0,3}(?:[-*+][^\S\r\n]+)?(Run|Validation|Verification|Verify|Rollback|Actor|Duration|Purpose|Actions|Check|Expected|Expected result|Expected output)[^\S\r\n]*[:：]/iy;

/** Labels of a step's parts: a bold paragraph with one of these is a field of its step, never a step of its own. */
const FIELD_KEYS = new Set([
  'validation', 'verification', 'verify', 'check', 'checks', 'expected', 'expected result', 'expected results', 'expected output',
  'success criteria', 'acceptance criteria', 'rollback', 'undo', 'revert', 'actor', 'who', 'owner', 'duration', 'time', 'eta',
  'estimated time', 'purpose', 'actions', 'action', 'steps', 'command', 'commands', 'run', 'note', 'notes', 'important', 'warning',
  'caution', 'tip', 'info', 'example', 'examples', 'output', 'result', 'results', 'why', 'goal', 'objective', 'context',
  'prerequisites', 'requirements', 'impact', 'severity', 'status', 'risk', 'trigger', 'when', 'if', 'then', 'else', 'or',
  'options', 'usage', 'description', 'summary', 'see also', 'reference', 'references', 'related', 'exit criteria', 'sequence',
  'timeout', 'retries', 'inputs', 'outputs', 'files', 'file', 'location', 'path', 'url', 'version', 'last updated', 'date',
  '예상 결과', '確認', '注意', '备注', '注意事项', 'erwartet', 'hinweis', 'résultat attendu', 'resultado esperado',
  'immediate actions', 'common causes and solutions', 'diagnosis', 'solution', 'fix', 'cause', 'symptoms', 'rollback decision',
]);

/** A label that names a platform ("Linux/macOS:", "Windows (PowerShell):") introduces a variant of its step. */
const PLATFORM = /^(?:(?:linux|macos|mac|osx|windows|win|ubuntu|debian|centos|rhel|fedora|alpine|unix|wsl|powershell|bash|zsh|cmd)(?:\s*(?:and|or|\/)\s*|\s+|$))+$/;

const VALIDATION_KEYS = new Set(['validation', 'verification', 'verify', 'check', 'checks', 'expected', 'expected result', 'expected results', 'expected output', 'success criteria', 'acceptance criteria', '예상 결과', 'erwartet', 'résultat attendu', 'resultado esperado']);
const ROLLBACK_KEYS = new Set(['rollback', 'undo', 'revert']);

/** How a heading, list item or paragraph presents itself as a step. */
type Mark = 'keyword' | 'alternative' | 'numbered' | 'plain';

/** A candidate step inside one section's own content (a list item, a bold paragraph, a table row...). */
interface Unit {
  source: 'list' | 'paragraph' | 'table';
  mark: Mark;
  /** A checklist item (`- [ ]`). */
  task: boolean;
  /** An item of a numbered list. */
  ordered: boolean;
  start: number;
  end: number;
  /** Where the unit's content starts (after its title line). */
  bodyStart: number;
  title: string;
  titleStart: number;
  titleEnd: number;
  number?: number;
  numberText?: string;
  /** Blocks of commands of its own (nested units' excluded). */
  commands: number;
  /** Inline commands in its prose ("Run `make test`"). */
  inline: number;
  /** A sentence ending with a colon over a block ("Then restart the service:"). */
  leadIn?: boolean;
  /** Why it is a step, once it is one. */
  reason?: string;
  /** Units nested in this one (the items of a sub-list). */
  children: Unit[];
}

/** A step found in a section, before it is filled in; `reason` says why it is one (shown by `wfs steps`). */
type Found = { kind: 'heading'; section: number; reason: string } | { kind: 'unit'; unit: Unit };

export class MarkdownSteps {
  private readonly text: string;
  private readonly lineStarts: number[];
  private readonly md: MdBlocks;
  private readonly sections: Section[];
  private readonly titles: readonly HeadingTitle[];
  private readonly commentLines: ReadonlySet<number>;
  private readonly bodyStart: number;
  /** Code blocks by start, and whether each is a block of commands. */
  private readonly blocks: MdCodeBlock[];
  private readonly commandBlock: boolean[];
  /** Each section's mark, decided once (asked many times). */
  private readonly marks: (Mark | undefined)[];
  /** How many numbered headings of the procedure each parent (-1: the top) has at each level, counted once. */
  private numberedSiblings: Map<number, number> | undefined;

  constructor(parts: MarkdownParts) {
    this.text = parts.text;
    this.lineStarts = parts.lineStarts;
    this.md = parts.md;
    this.sections = parts.sections;
    this.titles = parts.titles;
    this.commentLines = parts.commentLines;
    this.bodyStart = parts.bodyStart;
    this.blocks = [...parts.md.codeBlocks].sort((a, b) => a.start - b.start);
    this.commandBlock = this.blocks.map((b) => this.isCommandBlock(b));
    this.marks = new Array<Mark | undefined>(this.sections.length);
  }

  /** isNotProcedureTitle of section i's title. */
  private notProcedureTitle(i: number): boolean {
    return titleSays(this.titles[i], TitleWord.NotProcedure);
  }

  // ---------------------------------------------------------------------------------------------
  // Command blocks
  // ---------------------------------------------------------------------------------------------

  /**
   * A block the reader runs: a shell, PowerShell, cmd or SQL block with at least one line that is not a comment,
   * or an untagged (or indented) block whose first line reads as a command. A block of comments only describes
   * what to do; it runs nothing, so it is not a command.
   */
  private isCommandBlock(b: MdCodeBlock): boolean {
    const lang = b.lang;
    const tagged = SHELL_LANGS.has(lang) || QUERY_LANGS.has(lang);
    if (lang !== '' && !tagged) return false;
    const { text, lineStarts } = this;
    const comment = commentPrefix(lang);
    let assignments = 0;
    // The block's lines are the document's lines (the same line endings), cut to its content one at a time: most
    // blocks are decided by their first line.
    for (let n = lineAt(lineStarts, b.contentStart), at = b.contentStart; at < b.contentEnd; n++, at = n < lineStarts.length ? lineStarts[n] : text.length) {
      const raw = text.slice(at, Math.min(lineEnd(text, lineStarts, n), b.contentEnd));
      const c0 = raw.charCodeAt(0);
      // The pattern removes nothing from a line that starts with neither a blank nor `>`.
      const line = c0 === 62 || isRegExpSpace(c0) ? raw.replace(/^\s*(?:>\s?)*/, '') : raw;
      if (line.trim() === '' || comment.test(line)) continue;
      // `NAME=value` lines alone are the contents of an environment file, not commands.
      if (/^[A-Z_][A-Z0-9_]*=/.test(line.trim())) {
        assignments++;
        continue;
      }
      if (tagged) return true;
      // Untagged: the first line that is not a comment decides.
      return looksLikeCommandLine(line);
    }
    // One or two assignments set variables for the commands that follow ("REPO=org/app"); a list of them is a
    // configuration file's contents.
    return tagged && assignments > 0 && assignments < 3;
  }

  /** The command blocks that start in [start, end), as the model's commands. */
  commandsIn(start: number, end: number): Command[] {
    const out: Command[] = [];
    for (let i = firstAtOrAfter(this.blocks, start); i < this.blocks.length && this.blocks[i].start < end; i++) {
      if (this.commandBlock[i]) out.push(this.toCommand(this.blocks[i]));
    }
    return out;
  }

  private countCommands(start: number, end: number): number {
    let n = 0;
    for (let i = firstAtOrAfter(this.blocks, start); i < this.blocks.length && this.blocks[i].start < end; i++) if (this.commandBlock[i]) n++;
    return n;
  }

  private toCommand(b: MdCodeBlock): Command {
    return {
      lang: b.lang, code: blockCode(this.text, this.lineStarts, b), start: b.start, end: b.end,
      contentStart: b.contentStart, contentEnd: b.contentEnd, inline: false,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Fields
  // ---------------------------------------------------------------------------------------------

  /** Labelled fields (`**Label**: value`) in [start, end). A field's value runs to the next field or the end. */
  fieldsIn(start: number, end: number): Field[] {
    const { text, lineStarts, md } = this;
    const fields: Field[] = [];
    const first = lineAt(lineStarts, start);
    const last = end >= text.length ? lineStarts.length - 1 : lineAt(lineStarts, Math.max(start, end - 1));
    for (let line = first; line <= last; line++) {
      const flags = md.lineFlags[line];
      if (flags & (LineFlag.Code | LineFlag.Blank | LineFlag.Heading | LineFlag.Html)) continue;
      const ls = lineStarts[line];
      if (ls < start) continue;
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

  // ---------------------------------------------------------------------------------------------
  // Finding the steps
  // ---------------------------------------------------------------------------------------------

  /** The document's steps, in document order. */
  find(options: { agent?: boolean; templated?: boolean } = {}): Step[] {
    this.templated = options.templated === true;
    const steps = this.findSteps();
    if (steps.length > 0 || !options.agent) return steps;
    // An agent's command that lists no steps describes them under "What it does" or "Overview": for an agent,
    // what the command does is its procedure.
    this.contextIsProcedure = true;
    return this.findSteps();
  }

  /** Set for an agent's document without other steps: numbered lists of context sections are its steps. */
  private contextIsProcedure = false;
  /**
   * Set for a document that follows a template (seed 000, 001, 002 or a team's): its numbered sections are the
   * template's structure, and its steps are the ones under its Steps section (or written "Step 3" anywhere).
   */
  private templated = false;

  private findSteps(): Step[] {
    const { sections } = this;
    const found: Found[] = [];
    // Content before the first heading (a document without headings, or a preamble).
    const firstHeading = sections.length ? sections[0].start : this.text.length;
    const preamble = this.unitsIn(this.bodyStart, firstHeading);
    // Without headings, the document's lists are its procedure.
    const withoutHeadings = sections.length === 0;
    let before = this.standalone(preamble, { procedure: withoutHeadings, context: false });
    if (withoutHeadings && before.length === 0) before = tag(preamble.filter((u) => u.source === 'list' && !isLinkOnly(this.text, u)), 'an item of a document without headings');
    for (const u of before) found.push({ kind: 'unit', unit: u });
    const results = this.decideSections();
    if (this.templated) {
      found.length = 0;
      const stepsSections = sections.map((_, i) => i).filter((i) => STEPS_SECTION_KEYS.has(this.titles[i].key) && !this.insideStepsSection(i));
      if (stepsSections.length > 0) for (const i of stepsSections) found.push(...results[i]);
      else for (let i = 0; i < sections.length; i++) if (this.titles[i].stepNumber !== undefined) found.push(this.heading(i));
    } else for (let i = 0; i < sections.length; i++) if (sections[i].parent < 0) found.push(...results[i]);
    return found.map((f) => {
      const step = f.kind === 'heading' ? this.headingStep(f.section) : this.unitStep(f.unit);
      const reason = f.kind === 'heading' ? f.reason : f.unit.reason;
      if (reason) step.reason = reason;
      return step;
    });
  }

  /** Each section's steps (its own and its sub-sections'), decided from the innermost section out. */
  private decideSections(): Found[][] {
    const { sections, titles } = this;
    const results: Found[][] = sections.map(() => []);
    const firstH1 = sections.findIndex((s) => s.level === 1);
    // Sections inside a section of context (overview, prerequisites...): their lists are not steps either.
    // The document's title names the document, not a section of it: its words exclude nothing.
    // A heading that says it is a step ("Step 6: Summary") is one, whatever its title's words.
    const notProcedure = (i: number): boolean => i !== firstH1 && titles[i].stepNumber === undefined && this.notProcedureTitle(i);
    const inContext = new Uint8Array(sections.length);
    // Sections inside a section of the procedure ("Resolution > Immediate mitigation"): their lists are steps.
    const inProcedure = new Uint8Array(sections.length);
    for (let i = 0; i < sections.length; i++) {
      const p = sections[i].parent;
      if (p >= 0 && (inContext[p] || notProcedure(p))) inContext[i] = 1;
      if (p >= 0 && p !== firstH1 && (inProcedure[p] || titleSays(titles[p], TitleWord.Procedure))) inProcedure[i] = 1;
    }
    // A document that is one section (a title over a list) has that list as its procedure.
    for (let i = sections.length - 1; i >= 0; i--) {
      const s = sections[i];
      const t = titles[i];
      if (i !== firstH1 && t.stepNumber === undefined && (titleSays(t, TitleWord.Reference) || titleSays(t, TitleWord.Advice))) continue;
      if (titleSays(t, TitleWord.Deprecated)) continue;
      // An agent's "What it does" list is its procedure when it lists no other steps (see find).
      const describesSteps = this.contextIsProcedure && titleSays(t, TitleWord.Context);
      const context = !describesSteps && (inContext[i] === 1 || notProcedure(i));
      const childSteps: Found[] = [];
      const mark = this.headingMark(i);
      // Sub-steps that make a step a container: numbered sub-sections ("3.1"), alternatives, and units. Under a
      // "Step 2", sub-sections that say "Phase 1" or hold commands without a number are its content.
      let strongChildren = false;
      for (const c of s.children) {
        for (const f of results[c]) {
          childSteps.push(f);
          if (f.kind === 'unit') strongChildren = true;
          else {
            const m = this.headingMark(f.section);
            if (m === 'numbered' || m === 'alternative' || (m === 'keyword' && mark !== 'keyword')) strongChildren = true;
          }
        }
      }
      // The title section's own content is the document's introduction.
      const intro = i === firstH1 && s.children.length > 0;
      const units = intro ? [] : this.unitsIn(s.bodyStart, s.ownEnd);
      let descend = this.descendInto(units, mark === 'keyword');
      // A plain section over sentences that each lead into their own block ("Stop the service:", "Then copy
      // the data:") is a sequence of those steps.
      if ((mark === 'plain' || mark === 'alternative') && descend.length === 0) {
        const leadIns = units.filter((u) => u.leadIn && u.commands > 0);
        // Every block of the section led into by its own sentence: those sentences are the steps. One alone is the
        // step only when the section holds nothing else (no list, no sub-steps): otherwise it is the section's own.
        const alone = leadIns.length === 1 && units.length === 1 && childSteps.length === 0 && sumCommands(leadIns) === this.countCommands(s.bodyStart, s.ownEnd);
        if (leadIns.length >= 2 || alone) descend = tag(leadIns, 'a sentence that leads into its own block of commands');
      }
      // A numbered section that is only a list, or an outline of titled phases ("- Identify" over its own
      // bullets), groups those steps; a "Step 3" keeps its list as its content.
      if (mark === 'numbered' && descend.length === 0 && s.children.length === 0) descend = tag(this.groupedList(units, s.bodyStart, s.ownEnd), 'an item of the list a numbered section holds');
      // An alternative ("Option A", "Path B") is a branch of its own: its numbered list is its steps.
      if (mark === 'alternative' && descend.length === 0) {
        const ordered = this.listRuns(units).filter((run) => run[0].ordered && run.length >= 2);
        if (ordered.length === 1) descend = tag(ordered[0], "an item of an alternative's numbered list");
      }
      let ownCommands = this.countCommands(s.bodyStart, s.ownEnd) - sumCommands(descend);
      // Commands written inline ("Stop the service: `sudo systemctl stop app`") make a section runnable too,
      // unless its lists are its steps.
      const where = { procedure: describesSteps || titleSays(t, TitleWord.Procedure) || inProcedure[i] === 1 || sections.length === 1, steps: titleSays(t, TitleWord.Steps), context };
      if (ownCommands === 0 && descend.length === 0 && !intro && !describesSteps && this.hasInlineCommands(s.bodyStart, s.ownEnd) && this.standalone(units, where).length === 0) ownCommands = 1;
      // A section of context is never a step; inside one, a step must say so or hold commands.
      const candidate = !intro && !notProcedure(i) && (ownCommands > 0 || mark === 'keyword' || (!context && mark !== 'plain'));
      if (!candidate) {
        results[i] = [...this.standalone(units, where).map(unitFound), ...this.parallelSections(i, results, firstH1)];
        continue;
      }
      if (descend.length === 0 && childSteps.length === 0) {
        results[i] = [this.heading(i, ownCommands)];
        continue;
      }
      // An explicit step ("Step 2", "Option A") keeps its other sub-sections as its content.
      if (descend.length === 0 && !strongChildren && (mark === 'keyword' || mark === 'alternative')) {
        results[i] = [this.heading(i, ownCommands)];
        continue;
      }
      // A section whose sub-steps are written "Step 1…Step N" is their container; its own blocks are context.
      const explicit = descend.some((u) => u.mark === 'keyword');
      const own: Found[] = ownCommands > 0 && !explicit ? [this.heading(i, ownCommands, 'a section with commands of its own before its sub-steps')] : [];
      results[i] = [...own, ...descend.map(unitFound), ...childSteps];
    }
    return results;
  }

  /**
   * The steps of a section's sub-sections. When some of them are blocks of commands ("Quick rollback",
   * "API not responding"), their siblings without steps of their own are alternatives or conditional procedures
   * of the same kind ("Database issues", "Via the dashboard") and are steps too, even without commands.
   */
  private parallelSections(i: number, results: Found[][], firstH1: number): Found[] {
    const s = this.sections[i];
    const out: Found[] = [];
    const commandSection = (c: number): boolean => {
      const only = results[c].length === 1 ? results[c][0] : undefined;
      return only !== undefined && only.kind === 'heading' && only.section === c;
    };
    const parallel = i !== firstH1 && s.level >= 2 && s.children.length >= 2 && s.children.filter(commandSection).length * 2 >= s.children.length;
    for (const c of s.children) {
      const eligible = parallel && this.sections[c].children.length === 0 && !this.notProcedureTitle(c) && !titleSays(this.titles[c], TitleWord.Deprecated);
      if (eligible && results[c].length === 0) out.push({ kind: 'heading', section: c, reason: 'a section beside sections of commands (an alternative or a conditional procedure)' });
      else out.push(...results[c]);
    }
    return out;
  }

  private lineText(offset: number): string {
    const line = lineAt(this.lineStarts, offset);
    return this.text.slice(this.lineStarts[line], lineEnd(this.text, this.lineStarts, line));
  }

  /** A heading step and why it is one. */
  private heading(i: number, ownCommands = 0, reason?: string): Found {
    if (reason) return { kind: 'heading', section: i, reason };
    const mark = this.headingMark(i);
    const parent = this.sections[i].parent;
    const why =
      mark === 'keyword' ? 'a heading that says it is a step ("Step 3", "Phase 2")'
      : mark === 'alternative' ? 'an alternative ("Option A", "Path B")'
      : mark === 'numbered' && this.titles[i].number === undefined && parent >= 0 ? `a sub-section of "${this.sections[parent].title}"`
      : mark === 'numbered' ? 'a numbered heading among numbered headings'
      : ownCommands > 0 ? 'a section with commands of its own'
      : 'a section of the procedure';
    return { kind: 'heading', section: i, reason: why };
  }

  /** A section inside a Steps section (its steps are that section's). */
  private insideStepsSection(i: number): boolean {
    for (let p = this.sections[i].parent; p >= 0; p = this.sections[p].parent) if (STEPS_SECTION_KEYS.has(this.titles[p].key)) return true;
    return false;
  }

  /** Inline code spans in [start, end), outside blocks, that read as commands with arguments. */
  private hasInlineCommands(start: number, end: number): boolean {
    const { text, lineStarts, md } = this;
    const first = lineAt(lineStarts, start);
    const last = end >= text.length ? lineStarts.length - 1 : lineAt(lineStarts, Math.max(start, end - 1));
    for (let line = first; line <= last; line++) {
      if (md.lineFlags[line] & (LineFlag.Code | LineFlag.Heading | LineFlag.Blank | LineFlag.Table)) continue;
      const ls = lineStarts[line];
      const le = lineEnd(text, lineStarts, line);
      if (this.hasBacktick(ls, le) && hasInlineCommand(text.slice(ls, le))) return true;
    }
    return false;
  }

  private headingMark(i: number): Mark {
    return (this.marks[i] ??= this.decideMark(i));
  }

  private decideMark(i: number): Mark {
    const t = this.titles[i];
    if (t.stepNumber !== undefined) return 'keyword';
    if (t.alternative !== undefined) return 'alternative';
    if (t.number !== undefined && this.inNumberedSequence(i)) return 'numbered';
    // The sub-sections of a section named Steps are its steps, numbered or not.
    const parent = this.sections[i].parent;
    if (parent >= 0 && STEPS_SECTION_KEYS.has(this.titles[parent].key) && !this.notProcedureTitle(i)) return 'numbered';
    return 'plain';
  }

  /** A numbered heading among numbered siblings (or a sub-number such as 3.1, which implies its siblings). */
  private inNumberedSequence(i: number): boolean {
    const s = this.sections[i];
    const number = this.titles[i].number!;
    if (number.includes('.')) return true;
    if (!this.numberedSiblings) {
      this.numberedSiblings = new Map();
      for (let k = 0; k < this.sections.length; k++) {
        if (this.titles[k].number === undefined || this.notProcedureTitle(k)) continue;
        const key = siblingKey(this.sections[k]);
        this.numberedSiblings.set(key, (this.numberedSiblings.get(key) ?? 0) + 1);
      }
    }
    return (this.numberedSiblings.get(siblingKey(s)) ?? 0) >= 2;
  }

  /**
   * The units of a step that replace it: its sub-steps that say so ("**Step 1: …**"), else each list of which at
   * least two items carry their own blocks of commands, and bold paragraphs when at least two carry their own. A
   * checklist or numbered list without commands is the step's content.
   */
  private descendInto(units: Unit[], explicitStep = false): Unit[] {
    if (units.length === 0) return [];
    const keyword = units.filter((u) => u.mark === 'keyword');
    if (keyword.length > 0) return tag(keyword, 'an item or paragraph that says it is a step ("**Step 1: …**")');
    const out: Unit[] = [];
    for (const run of this.listRuns(units)) {
      const blocks = run.filter(withBlocks).length;
      // Titled items of a numbered list or a checklist ("1. **Create backup**", "- [ ] **Database health**")
      // with a command among them are sub-steps (of a section; a "Step 3" needs two such items).
      const titled = run.length >= 2 && (run[0].ordered || run[0].task) && run.filter((u) => boldTitled(this.text, u)).length * 2 >= run.length;
      // Items that each say "Run: `cmd`" are steps however few (in a "Step 3", two or more: one is its command).
      const runs = run.every((u) => /^Run[:：]?\s+`/i.test(u.title));
      if (blocks >= 2 || (titled && blocks >= 1 && !explicitStep) || (runs && (run.length >= 2 || !explicitStep))) out.push(...tag(run, 'an item of a list whose items carry their own commands'));
    }
    // Bold paragraphs that introduce their own block ("**Check the sync status:**", "**1. DNS issues**") are
    // sub-steps of a section; in a "Step 3" they are its variants ("**Option A — CLI**").
    const paragraphs = units.filter((u) => u.source === 'paragraph' && !u.leadIn && u.commands > 0 && (u.mark !== 'plain' || /[:：](?:\*\*|__)?\s*$/.test(this.lineText(u.start))));
    if (paragraphs.length >= 2 && !explicitStep) out.push(...tag(paragraphs, 'a bold paragraph over its own commands'));
    return out.sort((a, b) => a.start - b.start);
  }

  /** The items of the one list a section holds when it is all the section holds, or when it is an outline. */
  private groupedList(units: Unit[], start: number, end: number): Unit[] {
    const runs = this.listRuns(units);
    if (runs.length !== 1 || runs[0].length < 2 || units.some((u) => u.source !== 'list')) return [];
    const run = runs[0];
    const outline = run.every((u) => u.children.length > 0 && u.title.split(/\s+/).length <= 4 && !/[.!?。]$/.test(u.title));
    if (outline) return run;
    // Only the list: no prose, no blocks around it.
    if (!run[0].ordered || !this.onlyBlankBetween(start, run[0].start) || !this.onlyBlankBetween(run[run.length - 1].end, end)) return [];
    return run;
  }

  /**
   * The top-level list items grouped into lists as a reader sees them: items that follow each other with only
   * blank lines, comments or their own blocks between them (a fence at column 0 ends a Markdown list, not the
   * reader's).
   */
  private listRuns(units: Unit[]): Unit[][] {
    if (units.length === 0) return [];
    const runs: Unit[][] = [];
    let run: Unit[] = [];
    let last: Unit | undefined;
    for (const u of units) {
      if (u.source !== 'list') {
        last = undefined;
        continue;
      }
      if (!last || last.ordered !== u.ordered || !this.onlyBlankBetween(last.end, u.start)) {
        if (run.length) runs.push(run);
        run = [];
      }
      run.push(u);
      last = u;
    }
    if (run.length) runs.push(run);
    return runs;
  }

  private onlyBlankBetween(from: number, to: number): boolean {
    if (to <= from) return true;
    const { lineStarts, md } = this;
    const last = lineAt(lineStarts, to);
    for (let line = lineAt(lineStarts, from); line < last; line++) {
      if (lineStarts[line] < from) continue;
      const flags = md.lineFlags[line];
      if (!(flags & (LineFlag.Blank | LineFlag.Code)) && !this.commentLines.has(line)) return false;
    }
    return true;
  }

  /**
   * The units that are steps in a section that is not one: those a step would descend into, rows of a table of
   * steps, a numbered list in a section of the procedure (or titled items, checklist items, items with commands),
   * and sentences ending with a colon over blocks of commands. In a section of context (prerequisites,
   * overview...) only units with their own commands.
   */
  private standalone(units: Unit[], where: { procedure: boolean; steps?: boolean; context: boolean }): Unit[] {
    if (units.length === 0) return [];
    const out = new Set<Unit>(this.descendInto(units));
    for (const u of units) if (u.source === 'table') out.add(tag([u], 'a row of a table of steps')[0]);
    if (!where.context) {
      for (const run of this.listRuns(units)) {
        const items = run.filter((u) => !isLinkOnly(this.text, u));
        if (items.length < 2) continue;
        const tasks = items.filter((u) => u.task).length;
        if (items[0].ordered) {
          // A numbered list in the procedure, a numbered checklist, or one whose items carry commands.
          const why = tasks * 2 >= items.length ? 'an item of a numbered checklist' : where.procedure ? 'an item of a numbered list in the procedure' : 'an item of a numbered list with commands';
          if (where.procedure || tasks * 2 >= items.length || items.some(withBlocks)) for (const u of tag(items, why)) out.add(u);
        } else if (tasks === items.length && items.some((u) => u.commands > 0 || boldTitled(this.text, u))) {
          // A checklist of titled items or items with commands.
          for (const u of tag(items, 'a checklist item')) out.add(u);
        }
      }
      // In a section named for its steps ("Steps", "Checklists", "手順") that has nothing else, its bullets are
      // its steps; a checklist of conditions without titles or commands is a gate, not steps.
      if (out.size === 0 && where.steps) {
        // Bullets with commands written inline make the section one step with those commands (see hasInlineCommands).
        const runs = this.listRuns(units).map((run) => run.filter((u) => !isLinkOnly(this.text, u) && !u.task)).filter((run) => run.length >= 2);
        if (runs.length === 1 && !runs[0].some((u) => u.inline > 0)) for (const u of tag(runs[0], 'an item of a list in a section named for its steps')) out.add(u);
      }
    }
    if (out.size === 0) {
      // Sentences that end with a colon over a block of commands ("Then restart the service:").
      const leadIns = units.filter((u) => u.source === 'paragraph' && u.commands > 0);
      if (leadIns.length >= 2) for (const u of tag(leadIns, 'a sentence that leads into its own block of commands')) out.add(u);
    }
    return [...out].sort((a, b) => a.start - b.start).flatMap((u) => this.smallest(u));
  }

  /** A list item whose sub-items carry their own commands is replaced by them (and kept when it has its own). */
  private smallest(u: Unit): Unit[] {
    if (u.children.length === 0 || u.children.filter(withBlocks).length < 2) return [u];
    tag(u.children, 'an item of a sub-list whose items carry their own commands');
    return [...(u.commands > 0 ? [u] : []), ...u.children.flatMap((c) => this.smallest(c))];
  }

  // ---------------------------------------------------------------------------------------------
  // Candidate units of one section's own content
  // ---------------------------------------------------------------------------------------------

  private unitsIn(start: number, end: number): Unit[] {
    if (end <= start) return [];
    const paragraphs = this.paragraphUnits(start, end);
    const lists = this.listUnits(start, end);
    const tables = this.tableUnits(start, end);
    // Most sections hold prose, fields and blocks only, or lists only: nothing to merge then.
    if (paragraphs.length === 0 && tables.length === 0) return lists;
    // A numbered or titled bold paragraph ("**1. DNS issues**") owns the lists under it, up to the next one; a
    // plain label ("**Files:**") owns nothing but the blocks right under it.
    const top: Unit[] = [];
    for (const li of lists) {
      const owner = li.mark === 'keyword' ? undefined : paragraphs.find((p) => p.mark !== 'plain' && li.start > p.start && li.start < p.end);
      if (owner) owner.children.push(li);
      else top.push(li);
    }
    const starts = [...top, ...paragraphs].map((u) => u.start).sort((a, b) => a - b);
    for (const p of paragraphs) {
      if (p.mark !== 'plain' || p.end <= p.start) continue;
      const next = starts.find((x) => x > p.start);
      if (next !== undefined && next < p.end) {
        p.end = next;
        p.commands = this.countCommands(p.start, p.end);
      }
    }
    return [...top, ...paragraphs, ...tables].sort((a, b) => a.start - b.start);
  }

  /** The top-level list items in [start, end), with their sub-items as children. */
  private listUnits(start: number, end: number): Unit[] {
    const items = this.md.listItems;
    const from = firstItemAtOrAfter(items, start);
    let to = from;
    let minDepth = Infinity;
    for (; to < items.length && items[to].start < end; to++) minDepth = Math.min(minDepth, items[to].depth);
    return to > from ? this.itemUnits(from, to, minDepth, end) : [];
  }

  /**
   * The units of the items at `depth` among md.listItems[from, to), each with the deeper items inside its extent
   * as children. The items are in document order, so an item's sub-items are the ones right after it: index
   * ranges, not filtered copies, which made a long list quadratic.
   */
  private itemUnits(from: number, to: number, depth: number, limit: number): Unit[] {
    const items = this.md.listItems;
    const out: Unit[] = [];
    let k = from;
    while (k < to && items[k].depth !== depth) k++;
    while (k < to) {
      const li = items[k];
      let next = k + 1;
      while (next < to && items[next].depth !== depth) next++;
      const itemEnd = this.itemExtent(li, Math.min(next < to ? items[next].start : limit, limit));
      let nestedEnd = k + 1;
      let nestedDepth = Infinity;
      for (; nestedEnd < to && items[nestedEnd].start < itemEnd; nestedEnd++) nestedDepth = Math.min(nestedDepth, items[nestedEnd].depth);
      const children = nestedEnd > k + 1 ? this.itemUnits(k + 1, nestedEnd, nestedDepth, itemEnd) : [];
      out.push(this.listUnit(li, itemEnd, children));
      k = next;
    }
    return out;
  }

  /**
   * Where a list item's unit ends: its own end, extended over the blocks of commands that follow it directly (a
   * fence at column 0 after "2. Run the migration:" ends the list, but it is that item's command).
   */
  private itemExtent(li: MdListItem, limit: number): number {
    const { lineStarts, md, text } = this;
    let line = li.endLine;
    let end = line < lineStarts.length ? lineStarts[line] : text.length;
    while (line < lineStarts.length && lineStarts[line] < limit) {
      const flags = md.lineFlags[line];
      if (flags & LineFlag.Blank || this.commentLines.has(line)) {
        line++;
        continue;
      }
      if (!(flags & LineFlag.Code)) break;
      const b = firstAtOrAfter(this.blocks, lineStarts[line]);
      const block = this.blocks[b];
      if (!block || lineAt(lineStarts, block.start) !== line) break;
      line = block.endLine;
      end = line < lineStarts.length ? lineStarts[line] : text.length;
    }
    return Math.min(Math.max(end, li.start + 1), limit);
  }

  private listUnit(li: MdListItem, end: number, children: Unit[]): Unit {
    const { text } = this;
    const first = text.slice(li.contentStart, li.firstLineEnd);
    const { title, offset, mark, numberText } = this.unitTitle(first);
    const bodyStart = Math.min(end, li.firstLineEnd + 1);
    const commands = this.countCommands(li.start, end) - children.reduce((n, c) => n + this.countCommands(c.start, c.end), 0);
    const inlineEnd = children.length ? children[0].start : end;
    const inline = this.hasBacktick(li.contentStart, inlineEnd) && hasInlineCommand(text.slice(li.contentStart, inlineEnd)) ? 1 : 0;
    const titleStart = li.contentStart + offset;
    const number = mark === 'keyword' && numberText && /^\d+$/.test(numberText) ? Number(numberText) : li.number;
    return {
      source: 'list', mark: mark !== 'plain' ? mark : li.ordered ? 'numbered' : 'plain', task: li.task !== undefined, ordered: li.ordered,
      start: li.start, end, bodyStart, title, titleStart, titleEnd: titleStart + title.length,
      number, numberText: numberText ?? (li.number !== undefined ? String(li.number) : undefined), commands, inline, children,
    };
  }

  /**
   * A unit's title from its first line: a leading bold part (`**Step 1: Build**`, `**Docker** (20.10+)`) when there
   * is one, else the line; a step word and number, leading emoji and a trailing colon removed.
   */
  private unitTitle(first: string): { title: string; offset: number; mark: Mark; numberText?: string } {
    let offset = 0;
    let raw = first;
    const bold = /^(\*\*|__)(.+?)\1/.exec(first);
    if (bold && bold[2].trim() !== '') {
      offset = 2;
      raw = bold[2];
    }
    const c0 = raw.charCodeAt(0);
    // Leading spaces and emoji; a line that starts with a printable ASCII character has none.
    const lead = c0 > 32 && c0 < 127 ? 0 : /^[\s\p{Extended_Pictographic}\u{FE0F}\u{200D}\u{20E3}]*/u.exec(raw)![0].length;
    if (lead > 0) {
      offset += lead;
      raw = raw.slice(lead);
    }
    let mark: Mark = 'plain';
    let numberText: string | undefined;
    const plain = stripInline(raw);
    let keyword = /\d/.test(plain) ? STEP_KEYWORD.exec(plain) : null;
    // Outside bold, "Step 1" must be followed by its title ("Step 1: …", "Step 1 — …"), not by prose about it.
    if (keyword && !bold && !/^\s*[:：.)\-—–]/.test(plain.slice(keyword[0].length))) keyword = null;
    if (keyword) {
      mark = 'keyword';
      numberText = keyword[1];
      const { title } = splitNumber(raw);
      const at = raw.indexOf(title);
      if (title && at >= 0) {
        offset += at;
        raw = raw.slice(at);
      }
    } else if (/[:—–\-]/.test(plain) && alternativeMark(plain) !== undefined) {
      mark = 'alternative';
    } else if (bold) {
      // "**1. DNS Configuration Issues**": a number inside the bold part.
      const { number, title } = splitNumber(raw);
      if (number !== undefined && title) {
        mark = 'numbered';
        numberText = number;
        const at = raw.indexOf(title);
        if (at >= 0) {
          offset += at;
          raw = raw.slice(at);
        }
      }
    }
    let title = raw.trimEnd();
    const last = title.charCodeAt(title.length - 1);
    if (last === 58 || last === 0xff1a) title = title.slice(0, -1).trimEnd();
    return { title, offset, mark, numberText };
  }

  /**
   * Paragraph units in [start, end): bold paragraphs (`**Step 1 — Build**`, `**Check the sync status:**`) and
   * sentences ending with a colon right over a block of commands. Field labels (`**Validation**:`) are not units.
   */
  private paragraphUnits(start: number, end: number): Unit[] {
    const { text, lineStarts } = this;
    const units: Unit[] = [];
    const candidates = this.paragraphStarts();
    for (let k = firstLineAtOrAfter(candidates, lineStarts, start); k < candidates.length && lineStarts[candidates[k]] < end; k++) {
      const line = candidates[k];
      const ls = lineStarts[line];
      const le = lineEnd(text, lineStarts, line);
      const boldLine = startsBold(text, ls, le);
      const raw = text.slice(ls, le);
      const unit = (boldLine ? this.boldParagraph(ls, le, raw) : undefined) ?? this.leadIn(line, ls, le, raw);
      if (!unit) continue;
      units.push(unit);
      if (unit.end > le) unit.leadIn = true;
    }
    if (units.length === 0) return units;
    // A bold paragraph runs to the next bold paragraph (or the end); a lead-in sentence is itself and its block.
    const bold = units.filter((u) => !u.leadIn);
    for (let k = 0; k < bold.length; k++) bold[k].end = k + 1 < bold.length ? bold[k + 1].start : end;
    for (const u of units) {
      u.commands = this.countCommands(u.start, u.end);
      u.inline = this.hasBacktick(u.titleStart, u.end) && hasInlineCommand(text.slice(u.titleStart, u.end)) ? 1 : 0;
    }
    return units;
  }

  private boldParagraph(ls: number, le: number, raw: string): Unit | undefined {
    const m = boldLead(raw);
    if (!m) return undefined;
    const inner = m[3];
    const rest = m[4].trim();
    // A label line: the bold part alone, or followed by a colon, a parenthetical note and a colon, or a dash note.
    const labelLike = rest === '' || /^[:：]/.test(rest) || /^\([^)]*\)\s*[:：]?$/.test(rest) || (/[:：]$/.test(inner.trim()) && rest.length < 80);
    if (!labelLike) return undefined;
    const { title, offset, mark, numberText } = this.unitTitle(raw.slice(m[1].length));
    const key = fieldKey(trimColon(stripInline(title)));
    if (mark === 'plain' && (FIELD_KEYS.has(key) || key === '' || PLATFORM.test(key))) return undefined;
    const titleStart = ls + m[1].length + offset;
    return {
      source: 'paragraph', mark, task: false, ordered: false, start: ls, end: le, bodyStart: Math.min(this.text.length, le + 1),
      title, titleStart, titleEnd: titleStart + title.length,
      number: numberText && /^\d+$/.test(numberText) ? Number(numberText) : undefined, numberText, commands: 0, inline: 0, children: [],
    };
  }

  /** "Then restart the service:" right over a block of commands. */
  private leadIn(line: number, ls: number, le: number, raw: string): Unit | undefined {
    const trimmed = raw.trim();
    if (!/[:：]$/.test(trimmed) || trimmed.length < 3) return undefined;
    // The next non-blank line must start a block of commands.
    let next = line + 1;
    while (next < this.lineStarts.length && this.md.lineFlags[next] & LineFlag.Blank) next++;
    if (next >= this.lineStarts.length || !(this.md.lineFlags[next] & LineFlag.Code)) return undefined;
    const b = firstAtOrAfter(this.blocks, this.lineStarts[next]);
    if (!this.blocks[b] || lineAt(this.lineStarts, this.blocks[b].start) !== next || !this.commandBlock[b]) return undefined;
    const { title, offset, mark, numberText } = this.unitTitle(trimmed);
    const titleStart = ls + (raw.length - raw.trimStart().length) + offset;
    return {
      source: 'paragraph', mark, task: false, ordered: false, start: ls, end: this.blocks[b].end, bodyStart: Math.min(this.text.length, le + 1),
      title, titleStart, titleEnd: titleStart + title.length, numberText, commands: 0, inline: 0, children: [],
    };
  }

  /** Rows of a table of steps: a first column headed "#", "Step", "Schritt"... and numbered rows. */
  private tableUnits(start: number, end: number): Unit[] {
    const units: Unit[] = [];
    const tables = this.md.tables;
    for (let k = firstAtOrAfter(tables, start); k < tables.length && tables[k].start < end; k++) units.push(...this.stepRows(tables[k]));
    return units;
  }

  private stepRows(t: MdTable): Unit[] {
    const { text, lineStarts } = this;
    const cell = (c: { start: number; end: number } | undefined): string => (c ? text.slice(c.start, c.end).trim() : '');
    const head = stripInline(cell(t.header.cells[0])).toLowerCase();
    if (!/^(?:#|n[º°o]?\.?|nr\.?|step|steps|schritt|étape|paso|passo|etapa|fase|phase|stap|手順|步骤|단계|шаг|ステップ)$/.test(head)) return [];
    const rows = t.rows.filter((r) => /^\d+\.?$/.test(cell(r.cells[0])));
    if (rows.length < 2) return [];
    return rows.map((r) => {
      const c = r.cells[1] ?? r.cells[0];
      const raw = text.slice(c.start, c.end);
      const lead = /^[\s\p{Extended_Pictographic}\u{FE0F}\u{200D}\u{20E3}]*/u.exec(raw)![0].length;
      const title = raw.slice(lead).trim();
      const ls = lineStarts[r.line];
      const le = lineEnd(text, lineStarts, r.line);
      const numberText = cell(r.cells[0]).replace(/\.$/, '');
      return {
        source: 'table' as const, mark: 'numbered' as const, task: false, ordered: true, start: ls, end: le, bodyStart: le,
        title, titleStart: c.start + lead, titleEnd: c.start + lead + title.length, number: Number(numberText), numberText, commands: 0, inline: 0, children: [],
      };
    });
  }

  private backtickCache: number[] | undefined;

  /**
   * A backtick in text[from, to): the document's backticks are found once, then looked up. (An indexOf from each
   * line ran on to the next backtick, which in a document without one is its end: quadratic.)
   */
  private hasBacktick(from: number, to: number): boolean {
    const { text } = this;
    if (!this.backtickCache) {
      this.backtickCache = [];
      for (let at = text.indexOf('`'); at >= 0; at = text.indexOf('`', at + 1)) this.backtickCache.push(at);
    }
    const ticks = this.backtickCache;
    let lo = 0;
    let hi = ticks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ticks[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < ticks.length && ticks[lo] < to;
  }

  private paragraphStartCache: Int32Array | undefined;

  /**
   * The lines that can start a paragraph unit, in order, found in one pass over the document: the first line of a
   * paragraph (after a blank line or another block; not in a list, a quote, a table or a comment) that starts with
   * bold (`**`, `__`) or ends with a colon. Each section then looks up its own.
   */
  private paragraphStarts(): Int32Array {
    if (this.paragraphStartCache) return this.paragraphStartCache;
    const { text, lineStarts, md } = this;
    const listLines = this.listLines();
    const out: number[] = [];
    for (let line = 0; line < lineStarts.length; line++) {
      const flags = md.lineFlags[line];
      if (flags & (LineFlag.Code | LineFlag.Blank | LineFlag.Heading | LineFlag.Html | LineFlag.Table | LineFlag.Quote | LineFlag.ListItemStart)) continue;
      if (listLines[line]) continue;
      // A paragraph starts after a blank line or another block.
      if (line > 0 && !(md.lineFlags[line - 1] & (LineFlag.Blank | LineFlag.Code | LineFlag.Heading | LineFlag.ThematicBreak | LineFlag.Html)) && !listLines[line - 1]) continue;
      const ls = lineStarts[line];
      const le = lineEnd(text, lineStarts, line);
      if (startsBold(text, ls, le)) {
        // Most bold lines of a runbook are its fields (`**Actor**: CI`): known at once from the label.
        if (matchFieldLine(text, ls, le) >= 0 && FIELD_KEYS.has(labelKey(trimColon(text.slice(fieldLabel.start, fieldLabel.end).trim())))) continue;
      } else if (!endsWithColon(text, ls, le)) continue;
      if (this.commentLines.has(line)) continue;
      out.push(line);
    }
    return (this.paragraphStartCache = Int32Array.from(out));
  }

  private listLineCache: Uint8Array | undefined;

  /** 1 for every line inside a list item (its continuation lines included). */
  private listLines(): Uint8Array {
    if (this.listLineCache) return this.listLineCache;
    const lines = new Uint8Array(this.lineStarts.length);
    // Items nest, so a line inside a nested item is inside its parent too: mark each top-level item's lines once.
    let covered = -1;
    for (const li of this.md.listItems) {
      const from = Math.max(li.line, covered);
      for (let l = from; l < li.endLine && l < lines.length; l++) lines[l] = 1;
      covered = Math.max(covered, li.endLine);
    }
    return (this.listLineCache = lines);
  }

  // ---------------------------------------------------------------------------------------------
  // Steps from headings and units
  // ---------------------------------------------------------------------------------------------

  private headingStep(i: number): Step {
    const s = this.sections[i];
    const t = this.titles[i];
    const numberText = t.stepNumber ?? t.number ?? t.alternative;
    const number = numberText !== undefined && /^\d+$/.test(numberText) ? Number(numberText) : undefined;
    const { text } = this;
    const h = s.heading;
    // "Option A — Redeploy": the mark is the step's number (A), the rest its title.
    let title = t.alternative !== undefined ? stripAlternative(t.title) : t.title;
    let mode: Step['mode'];
    const modeMatch = MODE_SUFFIX.exec(title);
    if (modeMatch) {
      title = title.slice(0, modeMatch.index).trim();
      mode = /manual|human/i.test(modeMatch[1]) ? 'manual' : 'automated';
    }
    const rawTitle = text.slice(h.textStart, h.textEnd);
    const titleOffset = rawTitle.indexOf(title);
    const titleStart = titleOffset >= 0 ? h.textStart + titleOffset : h.textStart;
    // A step that holds sub-steps ends where its first sub-section starts.
    const end = this.sections[i].children.length && this.subStepsInside(i) ? s.ownEnd : s.end;
    const step: Step = {
      title, titleStart, titleEnd: titleOffset >= 0 ? titleStart + title.length : h.textEnd,
      start: s.start, end, source: 'heading', commands: [], fields: [], hasAction: false,
    };
    if (numberText !== undefined) step.numberText = numberText;
    if (number !== undefined) step.number = number;
    if (mode) step.mode = mode;
    this.fillStep(step, s.bodyStart, end);
    return step;
  }

  private subStepCache = new Map<number, boolean>();

  /** Whether a heading step's sub-sections hold steps of their own (then they are not its content). */
  private subStepsInside(i: number): boolean {
    let v = this.subStepCache.get(i);
    if (v === undefined) {
      v = this.sections[i].children.some((c) => this.headingMark(c) !== 'plain' || this.countCommands(this.sections[c].bodyStart, this.sections[c].end) > 0);
      this.subStepCache.set(i, v);
    }
    return v;
  }

  private unitStep(u: Unit): Step {
    const step: Step = {
      title: u.title, titleStart: u.titleStart, titleEnd: u.titleEnd, start: u.start, end: u.end,
      source: u.source === 'list' ? 'list' : u.source === 'table' ? 'table' : 'paragraph', commands: [], fields: [], hasAction: false,
    };
    if (u.number !== undefined && !Number.isNaN(u.number)) step.number = u.number;
    if (u.numberText !== undefined) step.numberText = u.numberText;
    // The unit's sub-units that are steps of their own are not its content.
    const end = u.children.length && u.children.some((c) => c.commands > 0) ? u.children[0].start : u.end;
    const modeMatch = MODE_SUFFIX.exec(step.title);
    if (modeMatch) {
      step.title = step.title.slice(0, modeMatch.index).trim();
      step.titleEnd = step.titleStart + step.title.length;
      step.mode = /manual|human/i.test(modeMatch[1]) ? 'manual' : 'automated';
    }
    this.fillStep(step, u.bodyStart, end, u.titleStart, u.titleEnd);
    if (u.source === 'table') step.hasAction = true;
    return step;
  }

  /** A step's fields, commands (blocks and inline `Run:` commands), validation, rollback and whether it has content. */
  fillStep(step: Step, bodyStart: number, end: number, titleStart = -1, titleEnd = -1): void {
    const { text, lineStarts, md } = this;
    // The unit's title line may carry an inline command ("4. Run `make deploy`."): only the body holds fields.
    const fields = this.fieldsIn(bodyStart, end);
    for (const f of fields) {
      const k = f.key;
      if (k === 'actor' || k === 'who' || k === 'owner') step.actor = stripInline(firstLineOf(f.value)).trim();
      else if (k === 'duration' || k === 'time' || k === 'eta' || k === 'estimated time') step.duration = stripInline(firstLineOf(f.value)).trim();
      else if (VALIDATION_KEYS.has(k)) step.validation ??= f;
      else if (ROLLBACK_KEYS.has(k)) step.rollback ??= f;
      else step.fields.push(f);
    }
    if (!step.mode && step.actor) step.mode = /human|manual|operator|person|team/i.test(step.actor) ? 'manual' : /system|automat|ci|bot/i.test(step.actor) ? 'automated' : undefined;
    // Commands: command blocks of the step that are not part of its Validation or Rollback.
    const validationCommands = step.validation?.commands;
    const rollbackCommands = step.rollback?.commands;
    const from = Math.min(bodyStart, step.start);
    for (const c of this.commandsIn(from, end)) {
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
    // A unit whose title is "Run: `cmd`" runs that command.
    if (titleStart >= 0 && step.commands.length === 0) {
      const m = /^Run[:：]?\s+`([^`\n]+)`/i.exec(text.slice(titleStart, titleEnd));
      if (m) {
        const at = titleStart + text.slice(titleStart, titleEnd).indexOf('`');
        step.commands.push({ lang: 'sh', code: m[1], start: at, end: at + m[1].length + 2, contentStart: at + 1, contentEnd: at + 1 + m[1].length, inline: true });
        inline = true;
      }
    }
    // Blocks come in document order already; only inline commands need sorting in.
    if (inline) step.commands.sort((a, b) => a.start - b.start);
    // hasAction: any real content besides the title, Actor and Duration lines.
    if (titleStart >= 0 && titleEnd < lineEnd(text, lineStarts, lineAt(lineStarts, titleStart))) step.hasAction = true;
    if (titleStart >= 0 && step.source !== 'heading') step.hasAction = true;
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

  findSkillSteps(groups: SkillWorkflow[]): Step[] {
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
}

// -----------------------------------------------------------------------------------------------
// Small helpers
// -----------------------------------------------------------------------------------------------

/** A title without its alternative's word and mark: "Option A — Redeploy" gives "Redeploy". */
function stripAlternative(title: string): string {
  const m = /^[^\P{L}一二三四五六七八九十]+\s*(?:N[º°o]\.?\s*)?(?:[A-Z]|\d+|[一二三四五六七八九十]+)\s*[:：—–-]\s*/u.exec(title);
  return m && m[0].length < title.length ? title.slice(m[0].length) : title;
}

/** Records why units are steps (the first reason found wins); returns them. */
function tag(units: Unit[], reason: string): Unit[] {
  for (const u of units) u.reason ??= reason;
  return units;
}

function unitFound(unit: Unit): Found {
  return { kind: 'unit', unit };
}

function withBlocks(u: Unit): boolean {
  return u.commands > 0 || u.children.some(withBlocks);
}

function sumCommands(units: Unit[]): number {
  return units.reduce((n, u) => n + u.commands + sumCommands(u.children), 0);
}

/** An item that is nothing but a link (a table of contents). */
function isLinkOnly(text: string, u: Unit): boolean {
  return /^\[[^\]]*\]\([^)]*\)\s*$/.test(text.slice(u.titleStart, u.titleEnd).trim());
}

function boldTitled(text: string, u: Unit): boolean {
  return text.startsWith('**', u.titleStart - 2) || text.startsWith('__', u.titleStart - 2);
}

/** Prose that tells the reader to run a command: "Run `make test`", "`git push`", "Verify `npm run build` works". */
function hasInlineCommand(prose: string): boolean {
  const m = /`([^`\n]{2,})`/g;
  // A command with at least one argument: "`make test`", not a tool's name ("`kubectl` CLI").
  for (let r = m.exec(prose); r; r = m.exec(prose)) if (/\S\s+\S/.test(r[1].trim()) && looksLikeCommandLine(r[1])) return true;
  return false;
}

const labelCache = new Map<string, string>();

/** fieldKey, memoized: labels ("Validation", "Actor") repeat in every step. */
function labelKey(label: string): string {
  let key = labelCache.get(label);
  if (key === undefined) {
    // The cache outlives the document: nothing it keeps may be a view into the document's text.
    const own = detached(label);
    key = fieldKey(own);
    if (labelCache.size > 20000) labelCache.clear();
    labelCache.set(own, key);
  }
  return key;
}

/**
 * A fenced block's code: its content lines without the container prefix. Inside a list item or a block quote
 * each content line still carries the item's indentation or the `>` markers, which the command must not.
 */
export function blockCode(text: string, lineStarts: readonly number[], b: MdCodeBlock): string {
  const first = lineAt(lineStarts, b.start);
  if (lineStarts[first] === b.start) return text.slice(b.contentStart, b.contentEnd);
  return blockCodeLines(text, lineStarts, b).lines.join('\n');
}

/** A block's content lines without the container prefix, each with the document offset of its first kept character. */
export function blockCodeLines(text: string, lineStarts: readonly number[], b: MdCodeBlock): { lines: string[]; starts: number[] } {
  const first = lineAt(lineStarts, b.start);
  const prefix = text.slice(lineStarts[first], b.start);
  const quotes = (prefix.match(/>/g) ?? []).length;
  const indent = prefix.replace(/^(?:\s{0,3}>\s?)+/, '').length;
  const lines: string[] = [];
  const starts: number[] = [];
  if (b.contentEnd <= b.contentStart) return { lines, starts };
  const lastLine = lineAt(lineStarts, Math.max(b.contentStart, b.contentEnd - 1));
  for (let line = lineAt(lineStarts, b.contentStart); line <= lastLine; line++) {
    const raw = text.slice(lineStarts[line], lineEnd(text, lineStarts, line));
    let rest = raw;
    for (let q = 0; q < quotes; q++) rest = rest.replace(/^\s{0,3}>\s?/, '');
    let strip = 0;
    while (strip < indent && rest.charCodeAt(strip) === 32) strip++;
    lines.push(rest.slice(strip));
    starts.push(lineStarts[line] + raw.length - rest.length + strip);
  }
  return { lines, starts };
}

/** Index of the first of `lines` (ascending line numbers) that starts at or after `offset`. */
function firstLineAtOrAfter(lines: Int32Array, lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lineStarts[lines[mid]] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first block starting at or after `offset` (blocks sorted by start). */
function firstAtOrAfter(blocks: readonly { start: number }[], offset: number): number {
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A parent (-1 for the top) and a heading level (1-6) as one number. */
function siblingKey(s: Section): number {
  return (s.parent + 1) * 8 + s.level;
}

function firstItemAtOrAfter(items: readonly MdListItem[], offset: number): number {
  return firstAtOrAfter(items, offset);
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
  // Plain labels the model knows: Run, Validation, Verification, Verify, Rollback, Actor, Duration, Purpose, Actions, Check, Expected.
  return c === 82 || c === 86 || c === 65 || c === 68 || c === 80 || c === 67 || c === 69 || c === 114 || c === 118 || c === 97 || c === 100 || c === 112 || c === 99 || c === 101;
}

/**
 * `/^(\s{0,3})(\*\*|__)(.+?)\2(.*)$/.exec` on one line (the same groups), or undefined. The
 * lazy part runs to the first closing mark after one character (found by indexOf, not by backtracking).
 */
export function boldLead(raw: string): [string, string, string, string, string] | undefined {
  let i = 0;
  while (i < raw.length && i < 3 && isRegexSpace(raw.charCodeAt(i))) i++;
  if (!isDoubleMark(raw, i, raw.length)) return undefined;
  const mark = raw.slice(i, i + 2);
  const close = raw.indexOf(mark, i + 3);
  if (close < 0 || hasLineTerminator(raw, i + 2)) return undefined;
  return [raw, raw.slice(0, i), mark, raw.slice(i + 2, close), raw.slice(close + 2)];
}


/** `/^\s{0,3}(\*\*|__)/` on the line text[ls, le). */
function startsBold(text: string, ls: number, le: number): boolean {
  let i = ls;
  while (i < le && i - ls < 3 && isRegexSpace(text.charCodeAt(i))) i++;
  return isDoubleMark(text, i, le);
}

/** `/[:：]$/` on the trimmed line text[ls, le), at least three characters long. */
function endsWithColon(text: string, ls: number, le: number): boolean {
  let j = le;
  while (j > ls && isRegexSpace(text.charCodeAt(j - 1))) j--;
  const c = text.charCodeAt(j - 1);
  return j > ls && (c === 58 || c === 0xff1a);
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

function lineStartOf(lineStarts: readonly number[], offset: number): number {
  return lineStarts[lineAt(lineStarts, offset)];
}

function trimEndOffset(text: string, start: number, end: number): number {
  while (end > start && isRegexSpace(text.charCodeAt(end - 1))) end--;
  return end;
}
