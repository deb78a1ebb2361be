/**
 * The Markdown block scanner: finds headings, code blocks, list items, tables and HTML blocks without
 * building a syntax tree or parsing inline content.
 *
 * It follows the block rules of markdown-it 14 (CommonMark plus GFM tables) step by step, so that its
 * results agree with markdown-it's block tokens (a differential test holds it to that), but it keeps
 * per-line state in typed arrays, creates no tokens and slices strings only for what it returns (and for
 * lines that start with '<', which are matched against the HTML block patterns).
 * Offsets are into the original text (CRLF kept); line ends never include `\r`.
 */

import { LineFlag, type MdBlocks, type MdCodeBlock, type MdHeading, type MdHtmlBlock, type MdListItem, type MdTable, type MdTableRow, type Span } from '../model';

export interface MarkdownScanOptions {
  /**
   * Recognise HTML blocks (comments, `<div>`, ...), as CommonMark, GitHub and VS Code's preview do.
   * Default true. false behaves like markdown-it's default preset (`html: false`).
   */
  html?: boolean;
}

// markdown-it's default nesting limit: deeper containers are not parsed.
const MAX_NESTING = 100;
// markdown-it limits the number of empty cells a table may add (its issue 1000).
const MAX_AUTOCOMPLETED_CELLS = 0x10000;
const MAX_LABEL_LENGTH = 999;

const enum Parent {
  Root,
  Paragraph,
  List,
  Blockquote,
  Reference,
  Table,
}

const enum Terminators {
  Paragraph, // also used by references
  Blockquote, // also used by tables
  List,
}

const enum Ch {
  Tab = 9,
  Lf = 10,
  Space = 32,
  Quote = 34,
  Hash = 35,
  Apos = 39,
  LParen = 40,
  RParen = 41,
  Star = 42,
  Plus = 43,
  Minus = 45,
  Dot = 46,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  Lt = 60,
  Equals = 61,
  Gt = 62,
  LBracket = 91,
  Backslash = 92,
  RBracket = 93,
  Underscore = 95,
  Backtick = 96,
  Pipe = 124,
  Tilde = 126,
}

const HTML_BLOCK_NAMES =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|' +
  'fieldset|figcaption|figure|footer|form|frame|frameset|h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|li|link|' +
  'main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|' +
  'title|tr|track|ul';
const ATTR_NAME = '[a-zA-Z_:][a-zA-Z0-9:._-]*';
const ATTR_VALUE = '(?:[^"\'=<>`\\x00-\\x20]+|\'[^\']*\'|"[^"]*")';
// Blanks inside a tag are CommonMark's whitespace, not `\s`: with `\s`, a no-break space could end an unquoted
// value or separate the next attribute, and the expression tried every such reading (exponential time).
const TAG_BLANK = '[ \\t\\n\\v\\f\\r]';
const ATTRIBUTE = '(?:' + TAG_BLANK + '+' + ATTR_NAME + '(?:' + TAG_BLANK + '*=' + TAG_BLANK + '*' + ATTR_VALUE + ')?)';
const OPEN_TAG = '<[A-Za-z][A-Za-z0-9\\-]*' + ATTRIBUTE + '*' + TAG_BLANK + '*\\/?>';
const CLOSE_TAG = '<\\/[A-Za-z][A-Za-z0-9\\-]*\\s*>';

/** The seven CommonMark HTML block kinds: start pattern, end pattern (null: ends at a blank line), may interrupt a paragraph. */
const HTML_KINDS: readonly { open: RegExp; close: RegExp | null; interrupts: boolean }[] = [
  { open: /^<(script|pre|style|textarea)(?=(\s|>|$))/i, close: /<\/(script|pre|style|textarea)>/i, interrupts: true },
  { open: /^<!--/, close: /-->/, interrupts: true },
  { open: /^<\?/, close: /\?>/, interrupts: true },
  { open: /^<![A-Za-z]/, close: />/, interrupts: true },
  { open: /^<!\[CDATA\[/, close: /\]\]>/, interrupts: true },
  { open: new RegExp('^</?(' + HTML_BLOCK_NAMES + ')(?=(\\s|/?>|$))', 'i'), close: null, interrupts: true },
  { open: new RegExp('^(?:' + OPEN_TAG + '|' + CLOSE_TAG + ')\\s*$'), close: null, interrupts: false },
];

const BAD_PROTOCOL = /^(vbscript|javascript|file|data):/;
const GOOD_DATA = /^data:image\/(gif|png|jpeg|webp);/;

function isSpace(c: number): boolean {
  return c === Ch.Space || c === Ch.Tab;
}

/** markdown-it trims heading and paragraph text of these only (Unicode spaces are content). */
function isAsciiTrimmable(c: number): boolean {
  return c === Ch.Space || c === Ch.Tab || c === Ch.Lf || c === 13;
}

/** The characters String.prototype.trim removes. */
function isJsWhitespace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * Scans the Markdown body of `text` (from line `fromLine`, so front matter can be skipped) for its blocks.
 * `lineStarts` must come from `computeLineStarts(text)`.
 */
export function scanMarkdown(text: string, lineStarts: readonly number[], fromLine = 0, options?: MarkdownScanOptions): MdBlocks {
  fromLine = fromLine > 0 ? Math.floor(fromLine) : 0;
  const scanner = new BlockScanner(text, lineStarts, fromLine, options?.html !== false);
  scanner.run(fromLine);
  return {
    headings: scanner.headings,
    codeBlocks: scanner.codeBlocks,
    listItems: scanner.listItems,
    tables: scanner.tables,
    htmlBlocks: scanner.htmlBlocks,
    lineFlags: scanner.lineFlags,
  };
}

interface LineArrays {
  bMarks: Int32Array;
  eMarks: Int32Array;
  tShift: Int32Array;
  sCount: Int32Array;
  bsCount: Int32Array;
}

// The per-line arrays are reused between scans (a scan is synchronous, so they are never shared);
// very large documents get their own so that their memory is not held afterwards.
const POOLED_LINES = 1 << 18;
let pooledLines: LineArrays | undefined;

function lineArrays(size: number): LineArrays {
  if (pooledLines && pooledLines.bMarks.length >= size) return pooledLines;
  const capacity = size <= POOLED_LINES ? Math.min(POOLED_LINES, Math.max(size * 2, 1024)) : size;
  const arrays = {
    bMarks: new Int32Array(capacity),
    eMarks: new Int32Array(capacity),
    tShift: new Int32Array(capacity),
    sCount: new Int32Array(capacity),
    bsCount: new Int32Array(capacity),
  };
  if (capacity <= POOLED_LINES) pooledLines = arrays;
  return arrays;
}

/** Mutable parse state; the field names follow markdown-it's StateBlock so the two can be compared. */
class BlockScanner {
  readonly headings: MdHeading[] = [];
  readonly codeBlocks: MdCodeBlock[] = [];
  readonly listItems: MdListItem[] = [];
  readonly tables: MdTable[] = [];
  readonly htmlBlocks: MdHtmlBlock[] = [];
  readonly lineFlags: Uint8Array;

  private readonly src: string;
  private readonly html: boolean;
  /** Line begin offsets (moved past `>` inside block quotes). */
  private readonly bMarks: Int32Array;
  /** Line end offsets, before the line ending. */
  private readonly eMarks: Int32Array;
  /** Offset of the first non-space character, relative to bMarks. */
  private readonly tShift: Int32Array;
  /** Indentation in columns (tabs expanded); -1 marks a lazy continuation line inside a block quote. */
  private readonly sCount: Int32Array;
  /** Virtual columns before bMarks, for tab expansion after a `>` marker. */
  private readonly bsCount: Int32Array;
  private lineMax: number;
  private blkIndent = 0;
  private line = 0;
  private listIndent = -1;
  private parentType = Parent.Root;
  private level = 0;
  private listDepth = 0;
  // The reference rule's cursor: position, line bound, line end and the next line to pull in.
  private refPos = 0;
  private refMax = 0;
  private refEol = 0;
  private refNextLine = 0;

  constructor(text: string, lineStarts: readonly number[], fromLine: number, html: boolean) {
    this.src = text;
    this.html = html;
    const lineCount = lineStarts.length;
    this.lineFlags = new Uint8Array(lineCount);
    const len = text.length;
    // markdown-it counts a last line only when it ends with a line break or has non-space content.
    let lineMax = lineCount;
    const lastStart = lineStarts[lineCount - 1];
    if (lastStart === len) lineMax = lineCount - 1;
    else {
      let p = lastStart;
      while (p < len && isSpace(text.charCodeAt(p))) p++;
      if (p === len) lineMax = lineCount - 1;
    }
    this.lineMax = lineMax;
    const lines = lineArrays(lineMax + 1);
    const bMarks = (this.bMarks = lines.bMarks);
    const eMarks = (this.eMarks = lines.eMarks);
    const tShift = (this.tShift = lines.tShift);
    const sCount = (this.sCount = lines.sCount);
    this.bsCount = lines.bsCount;
    this.bsCount.fill(0, fromLine, lineMax + 1);
    const flags = this.lineFlags;
    for (let line = fromLine; line < lineMax; line++) {
      let start = lineStarts[line];
      // A byte order mark is not content (markdown-it would keep it and miss a heading on line 0).
      if (start === 0 && text.charCodeAt(0) === 0xfeff) start = 1;
      let end = line + 1 < lineCount ? lineStarts[line + 1] : len;
      if (end > start && text.charCodeAt(end - 1) === Ch.Lf) end--;
      if (end > start && text.charCodeAt(end - 1) === 13) end--;
      let p = start;
      let offset = 0;
      for (;;) {
        const c = text.charCodeAt(p);
        if (c === Ch.Space) offset++;
        else if (c === Ch.Tab) offset += 4 - (offset % 4);
        else break;
        p++;
      }
      if (p > end) p = end;
      bMarks[line] = start;
      eMarks[line] = end;
      tShift[line] = p - start;
      sCount[line] = offset;
      if (p === end) flags[line] = LineFlag.Blank;
    }
    bMarks[lineMax] = len;
    eMarks[lineMax] = len;
    for (let line = lineMax; line < lineCount; line++) flags[line] |= LineFlag.Blank;
  }

  run(fromLine: number): void {
    if (fromLine < this.lineMax) this.tokenize(fromLine, this.lineMax);
  }

  // -------------------------------------------------------------------------------------------
  // Line helpers
  // -------------------------------------------------------------------------------------------

  private isEmpty(line: number): boolean {
    return this.bMarks[line] + this.tShift[line] >= this.eMarks[line];
  }

  private skipEmptyLines(from: number): number {
    for (const max = this.lineMax; from < max; from++) {
      if (this.bMarks[from] + this.tShift[from] < this.eMarks[from]) break;
    }
    return from;
  }

  private skipSpaces(pos: number, max: number): number {
    while (pos < max && isSpace(this.src.charCodeAt(pos))) pos++;
    return pos;
  }

  private skipChars(pos: number, max: number, code: number): number {
    while (pos < max && this.src.charCodeAt(pos) === code) pos++;
    return pos;
  }

  private flagLines(from: number, to: number, flag: number): void {
    const flags = this.lineFlags;
    for (let line = from; line < to; line++) flags[line] |= flag;
  }

  /** The text of lines [begin, end) with `indent` columns of indentation removed, joined with `\n`. */
  private getLines(begin: number, end: number, indent: number): string {
    let out = '';
    const src = this.src;
    for (let line = begin; line < end; line++) {
      let lineIndent = 0;
      const lineStart = this.bMarks[line];
      const last = this.eMarks[line];
      let first = lineStart;
      while (first < last && lineIndent < indent) {
        const c = src.charCodeAt(first);
        if (isSpace(c)) {
          if (c === Ch.Tab) lineIndent += 4 - ((lineIndent + this.bsCount[line]) % 4);
          else lineIndent++;
        } else if (first - lineStart < this.tShift[line]) {
          // Container markers (block quote `>`, list markers) count as indentation.
          lineIndent++;
        } else break;
        first++;
      }
      if (lineIndent > indent) out += ' '.repeat(lineIndent - indent);
      out += src.slice(first, last);
      if (line + 1 < end) out += '\n';
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------
  // The block loop
  // -------------------------------------------------------------------------------------------

  private tokenize(startLine: number, endLine: number): void {
    let line = startLine;
    while (line < endLine) {
      this.line = line = this.skipEmptyLines(line);
      if (line >= endLine) break;
      // Nested calls (block quotes, list items) end at a line indented less than their content.
      if (this.sCount[line] < this.blkIndent) break;
      if (this.level >= MAX_NESTING) {
        this.line = endLine;
        break;
      }
      this.block(line, endLine);
      line = this.line;
      if (line < endLine && this.isEmpty(line)) {
        line++;
        this.line = line;
      }
    }
  }

  /** Tries the block rules in markdown-it's order (table, code, fence, blockquote, hr, list, reference, html, heading, setext heading, paragraph). */
  private block(line: number, endLine: number): void {
    if (this.table(line, endLine, false)) return;
    if (this.sCount[line] - this.blkIndent >= 4) {
      this.code(line, endLine);
      return;
    }
    const c = this.src.charCodeAt(this.bMarks[line] + this.tShift[line]);
    switch (c) {
      case Ch.Backtick:
      case Ch.Tilde:
        if (this.fence(line, endLine, false)) return;
        break;
      case Ch.Gt:
        this.blockquote(line, endLine);
        return;
      case Ch.Star:
      case Ch.Minus:
        if (this.hr(line, false)) return;
        if (this.list(line, endLine, false)) return;
        break;
      case Ch.Underscore:
        if (this.hr(line, false)) return;
        break;
      case Ch.Plus:
        if (this.list(line, endLine, false)) return;
        break;
      case Ch.LBracket:
        if (this.reference(line, false)) return;
        break;
      case Ch.Lt:
        if (this.htmlBlock(line, endLine, false)) return;
        break;
      case Ch.Hash:
        if (this.heading(line, false)) return;
        break;
      default:
        if (c >= Ch.Zero && c <= Ch.Nine && this.list(line, endLine, false)) return;
    }
    this.paragraph(line, endLine);
  }

  /** Whether `line` starts a block that ends the current paragraph / block quote / list without a blank line. */
  private terminates(line: number, endLine: number, kind: Terminators): boolean {
    if (kind === Terminators.Paragraph && this.table(line, endLine, true)) return true;
    if (this.sCount[line] - this.blkIndent >= 4) return false;
    const c = this.src.charCodeAt(this.bMarks[line] + this.tShift[line]);
    switch (c) {
      case Ch.Backtick:
      case Ch.Tilde:
        return this.fence(line, endLine, true);
      case Ch.Gt:
        return true;
      case Ch.Star:
      case Ch.Minus:
        return this.hr(line, true) || (kind !== Terminators.List && this.list(line, endLine, true));
      case Ch.Underscore:
        return this.hr(line, true);
      case Ch.Plus:
        return kind !== Terminators.List && this.list(line, endLine, true);
      case Ch.Lt:
        return kind !== Terminators.List && this.htmlBlock(line, endLine, true);
      case Ch.Hash:
        return kind !== Terminators.List && this.heading(line, true);
      default:
        return c >= Ch.Zero && c <= Ch.Nine && kind !== Terminators.List && this.list(line, endLine, true);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Leaf blocks
  // -------------------------------------------------------------------------------------------

  private code(startLine: number, endLine: number): void {
    let nextLine = startLine + 1;
    let last = nextLine;
    while (nextLine < endLine) {
      if (this.isEmpty(nextLine)) {
        nextLine++;
        continue;
      }
      if (this.sCount[nextLine] - this.blkIndent >= 4) {
        nextLine++;
        last = nextLine;
        continue;
      }
      break;
    }
    this.line = last;
    const start = this.bMarks[startLine] + this.tShift[startLine];
    const end = this.eMarks[last - 1];
    this.codeBlocks.push({
      fenced: false,
      marker: '',
      info: '',
      lang: '',
      line: startLine,
      endLine: last,
      start,
      end,
      contentStart: start,
      contentEnd: end,
      closed: true,
    });
    this.flagLines(startLine, last, LineFlag.Code);
  }

  private fence(startLine: number, endLine: number, silent: boolean): boolean {
    const src = this.src;
    let pos = this.bMarks[startLine] + this.tShift[startLine];
    let max = this.eMarks[startLine];
    if (this.sCount[startLine] - this.blkIndent >= 4) return false;
    if (pos + 3 > max) return false;
    const marker = src.charCodeAt(pos);
    if (marker !== Ch.Tilde && marker !== Ch.Backtick) return false;
    const markerStart = pos;
    pos = this.skipChars(pos, max, marker);
    const len = pos - markerStart;
    if (len < 3) return false;
    const infoStart = pos;
    const infoEnd = max;
    if (marker === Ch.Backtick) {
      for (let p = infoStart; p < infoEnd; p++) if (src.charCodeAt(p) === Ch.Backtick) return false;
    }
    if (silent) return true;

    let nextLine = startLine;
    let closed = false;
    for (;;) {
      nextLine++;
      // An unclosed fence runs to the end of the document or of its container.
      if (nextLine >= endLine) break;
      const lineStart = this.bMarks[nextLine] + this.tShift[nextLine];
      pos = lineStart;
      max = this.eMarks[nextLine];
      // A non-empty line indented less than the container's content ends the container (and the fence).
      if (pos < max && this.sCount[nextLine] < this.blkIndent) break;
      if (src.charCodeAt(pos) !== marker || pos >= max) continue;
      if (this.sCount[nextLine] - this.blkIndent >= 4) continue;
      pos = this.skipChars(pos, max, marker);
      if (pos - lineStart < len) continue;
      pos = this.skipSpaces(pos, max);
      if (pos < max) continue;
      closed = true;
      break;
    }
    const endAfter = nextLine + (closed ? 1 : 0);
    this.line = endAfter;

    const info = src.slice(infoStart, infoEnd).trim();
    let langEnd = 0;
    let upper = false;
    for (; langEnd < info.length; langEnd++) {
      const c = info.charCodeAt(langEnd);
      if (isJsWhitespace(c)) break;
      if (c >= 65 && c <= 90) upper = true;
      else if (c > 127) upper = true;
    }
    const word = langEnd === info.length ? info : info.slice(0, langEnd);
    let contentStart: number;
    let contentEnd: number;
    if (nextLine > startLine + 1) {
      contentStart = this.bMarks[startLine + 1];
      contentEnd = this.eMarks[nextLine - 1];
    } else {
      contentStart = contentEnd = closed ? this.bMarks[nextLine] : this.eMarks[startLine];
    }
    this.codeBlocks.push({
      fenced: true,
      marker: src.slice(markerStart, markerStart + len),
      info,
      // Most languages are written in lower case already; toLowerCase is slow on two-byte strings.
      lang: upper ? word.toLowerCase() : word,
      line: startLine,
      endLine: endAfter,
      start: markerStart,
      end: this.eMarks[endAfter - 1],
      contentStart,
      contentEnd,
      closed,
    });
    this.flagLines(startLine, endAfter, LineFlag.Code);
    return true;
  }

  private hr(startLine: number, silent: boolean): boolean {
    const src = this.src;
    const max = this.eMarks[startLine];
    if (this.sCount[startLine] - this.blkIndent >= 4) return false;
    let pos = this.bMarks[startLine] + this.tShift[startLine];
    const marker = src.charCodeAt(pos++);
    if (marker !== Ch.Star && marker !== Ch.Minus && marker !== Ch.Underscore) return false;
    let count = 1;
    while (pos < max) {
      const c = src.charCodeAt(pos++);
      if (c !== marker && !isSpace(c)) return false;
      if (c === marker) count++;
    }
    if (count < 3) return false;
    if (silent) return true;
    this.line = startLine + 1;
    this.lineFlags[startLine] |= LineFlag.ThematicBreak;
    return true;
  }

  private heading(startLine: number, silent: boolean): boolean {
    const src = this.src;
    let pos = this.bMarks[startLine] + this.tShift[startLine];
    let max = this.eMarks[startLine];
    if (this.sCount[startLine] - this.blkIndent >= 4) return false;
    let c = src.charCodeAt(pos);
    if (c !== Ch.Hash || pos >= max) return false;
    const start = pos;
    let level = 1;
    c = src.charCodeAt(++pos);
    while (c === Ch.Hash && pos < max && level <= 6) {
      level++;
      c = src.charCodeAt(++pos);
    }
    if (level > 6 || (pos < max && !isSpace(c))) return false;
    if (silent) return true;

    // Cut a closing sequence like '  ###  ' (it needs a space before it).
    while (max > pos && isSpace(src.charCodeAt(max - 1))) max--;
    let tmp = max;
    while (tmp > pos && src.charCodeAt(tmp - 1) === Ch.Hash) tmp--;
    if (tmp > pos && isSpace(src.charCodeAt(tmp - 1))) max = tmp;
    while (pos < max && isAsciiTrimmable(src.charCodeAt(pos))) pos++;
    while (max > pos && isAsciiTrimmable(src.charCodeAt(max - 1))) max--;

    this.line = startLine + 1;
    this.headings.push({
      level,
      line: startLine,
      endLine: startLine + 1,
      start,
      end: this.eMarks[startLine],
      text: src.slice(pos, max),
      textStart: pos,
      textEnd: max,
      setext: false,
    });
    this.lineFlags[startLine] |= LineFlag.Heading;
    return true;
  }

  /** A paragraph, or a setext heading when an underline follows it (markdown-it's lheading and paragraph rules in one pass). */
  private paragraph(startLine: number, endLine: number): void {
    const src = this.src;
    const oldParentType = this.parentType;
    this.parentType = Parent.Paragraph;
    let level = 0;
    let nextLine = startLine + 1;
    for (; nextLine < endLine && !this.isEmpty(nextLine); nextLine++) {
      const indent = this.sCount[nextLine] - this.blkIndent;
      // Lazy continuation: an indented line after a paragraph is not code.
      if (indent > 3) continue;
      if (indent >= 0) {
        let pos = this.bMarks[nextLine] + this.tShift[nextLine];
        const max = this.eMarks[nextLine];
        const marker = src.charCodeAt(pos);
        if (marker === Ch.Minus || marker === Ch.Equals) {
          pos = this.skipChars(pos, max, marker);
          pos = this.skipSpaces(pos, max);
          if (pos >= max) {
            level = marker === Ch.Equals ? 1 : 2;
            break;
          }
        }
      }
      // A lazy line inside a block quote was already checked by the block quote rule.
      if (this.sCount[nextLine] < 0) continue;
      if (this.terminates(nextLine, endLine, Terminators.Paragraph)) break;
    }
    this.parentType = oldParentType;
    if (!level) {
      this.line = nextLine;
      return;
    }

    let textStart = this.bMarks[startLine] + this.tShift[startLine];
    let textEnd = this.eMarks[nextLine - 1];
    let text: string;
    if (nextLine === startLine + 1) {
      while (textEnd > textStart && isAsciiTrimmable(src.charCodeAt(textEnd - 1))) textEnd--;
      text = src.slice(textStart, textEnd);
    } else {
      text = asciiTrim(this.getLines(startLine, nextLine, this.blkIndent));
      const lastStart = this.bMarks[nextLine - 1];
      while (textEnd > lastStart && isAsciiTrimmable(src.charCodeAt(textEnd - 1))) textEnd--;
    }
    while (textStart < textEnd && isAsciiTrimmable(src.charCodeAt(textStart))) textStart++;
    this.line = nextLine + 1;
    this.headings.push({
      level,
      line: startLine,
      endLine: nextLine + 1,
      start: this.bMarks[startLine] + this.tShift[startLine],
      end: this.eMarks[nextLine],
      text,
      textStart,
      textEnd,
      setext: true,
    });
    this.flagLines(startLine, nextLine + 1, LineFlag.Heading);
  }

  private htmlBlock(startLine: number, endLine: number, silent: boolean): boolean {
    if (!this.html) return false;
    const src = this.src;
    let pos = this.bMarks[startLine] + this.tShift[startLine];
    let max = this.eMarks[startLine];
    if (this.sCount[startLine] - this.blkIndent >= 4) return false;
    if (src.charCodeAt(pos) !== Ch.Lt) return false;
    let lineText = src.slice(pos, max);
    let kind = 0;
    for (; kind < HTML_KINDS.length; kind++) {
      if (HTML_KINDS[kind].open.test(lineText)) break;
    }
    if (kind === HTML_KINDS.length) return false;
    const { close, interrupts } = HTML_KINDS[kind];
    if (silent) return interrupts;

    let nextLine = startLine + 1;
    if (close === null || !close.test(lineText)) {
      for (; nextLine < endLine; nextLine++) {
        if (this.sCount[nextLine] < this.blkIndent) {
          // An outdented blank line ends only the kinds that end at a blank line.
          if (close === null || !this.isEmpty(nextLine)) break;
        }
        pos = this.bMarks[nextLine] + this.tShift[nextLine];
        max = this.eMarks[nextLine];
        if (close === null) {
          if (pos >= max) break;
          continue;
        }
        lineText = src.slice(pos, max);
        if (close.test(lineText)) {
          nextLine++;
          break;
        }
      }
    }
    this.line = nextLine;
    this.htmlBlocks.push({
      line: startLine,
      endLine: nextLine,
      start: this.bMarks[startLine] + this.tShift[startLine],
      end: this.eMarks[nextLine - 1],
    });
    this.flagLines(startLine, nextLine, LineFlag.Html);
    return true;
  }

  // -------------------------------------------------------------------------------------------
  // GFM tables
  // -------------------------------------------------------------------------------------------

  private table(startLine: number, endLine: number, silent: boolean): boolean {
    const src = this.src;
    if (startLine + 2 > endLine) return false;
    let nextLine = startLine + 1;
    if (this.sCount[nextLine] < this.blkIndent) return false;
    if (this.sCount[nextLine] - this.blkIndent >= 4) return false;

    // The delimiter row: only '|', '-', ':' and spaces, starting with one of the first three.
    const delimStart = this.bMarks[nextLine] + this.tShift[nextLine];
    const delimEnd = this.eMarks[nextLine];
    let pos = delimStart;
    if (pos >= delimEnd) return false;
    const first = src.charCodeAt(pos++);
    if (first !== Ch.Pipe && first !== Ch.Minus && first !== Ch.Colon) return false;
    if (pos >= delimEnd) return false;
    const second = src.charCodeAt(pos++);
    if (second !== Ch.Pipe && second !== Ch.Minus && second !== Ch.Colon && !isSpace(second)) return false;
    // '- ' would be a list item.
    if (first === Ch.Minus && isSpace(second)) return false;
    for (; pos < delimEnd; pos++) {
      const c = src.charCodeAt(pos);
      if (c !== Ch.Pipe && c !== Ch.Minus && c !== Ch.Colon && !isSpace(c)) return false;
    }
    const alignCount = this.countTableAligns(delimStart, delimEnd);
    if (alignCount < 0) return false;

    let lo = this.bMarks[startLine] + this.tShift[startLine];
    let hi = this.eMarks[startLine];
    while (lo < hi && isJsWhitespace(src.charCodeAt(lo))) lo++;
    while (hi > lo && isJsWhitespace(src.charCodeAt(hi - 1))) hi--;
    const pipe = src.indexOf('|', lo);
    if (pipe === -1 || pipe >= hi) return false;
    if (this.sCount[startLine] - this.blkIndent >= 4) return false;
    const headerCells = splitTableRow(src, lo, hi);
    const columnCount = headerCells.length;
    if (columnCount === 0 || columnCount !== alignCount) return false;
    if (silent) return true;

    const oldParentType = this.parentType;
    this.parentType = Parent.Table;
    const rows: MdTableRow[] = [];
    let autocompletedCells = 0;
    for (nextLine = startLine + 2; nextLine < endLine; nextLine++) {
      if (this.sCount[nextLine] < this.blkIndent) break;
      if (this.terminates(nextLine, endLine, Terminators.Blockquote)) break;
      lo = this.bMarks[nextLine] + this.tShift[nextLine];
      hi = this.eMarks[nextLine];
      while (lo < hi && isJsWhitespace(src.charCodeAt(lo))) lo++;
      while (hi > lo && isJsWhitespace(src.charCodeAt(hi - 1))) hi--;
      if (lo >= hi) break;
      if (this.sCount[nextLine] - this.blkIndent >= 4) break;
      const cells = splitTableRow(src, lo, hi);
      autocompletedCells += columnCount - cells.length;
      if (autocompletedCells > MAX_AUTOCOMPLETED_CELLS) break;
      if (cells.length > columnCount) cells.length = columnCount;
      rows.push({ line: nextLine, cells });
    }
    this.parentType = oldParentType;
    this.line = nextLine;
    this.tables.push({
      line: startLine,
      endLine: nextLine,
      start: this.bMarks[startLine] + this.tShift[startLine],
      end: this.eMarks[nextLine - 1],
      header: { line: startLine, cells: headerCells },
      rows,
    });
    this.flagLines(startLine, nextLine, LineFlag.Table);
    return true;
  }

  /** The number of columns of a delimiter row, or -1 when a column is not `:?-+:?` (empty edge columns allowed). */
  private countTableAligns(start: number, end: number): number {
    const src = this.src;
    let columns = 1;
    for (let p = start; p < end; p++) if (src.charCodeAt(p) === Ch.Pipe) columns++;
    let aligns = 0;
    let segStart = start;
    for (let i = 0; i < columns; i++) {
      let segEnd = segStart;
      while (segEnd < end && src.charCodeAt(segEnd) !== Ch.Pipe) segEnd++;
      let a = segStart;
      let b = segEnd;
      while (a < b && isSpace(src.charCodeAt(a))) a++;
      while (b > a && isSpace(src.charCodeAt(b - 1))) b--;
      segStart = segEnd + 1;
      if (a === b) {
        if (i === 0 || i === columns - 1) continue;
        return -1;
      }
      if (src.charCodeAt(a) === Ch.Colon) a++;
      if (b > a && src.charCodeAt(b - 1) === Ch.Colon) b--;
      if (a === b) return -1;
      for (let p = a; p < b; p++) if (src.charCodeAt(p) !== Ch.Minus) return -1;
      aligns++;
    }
    return aligns;
  }

  // -------------------------------------------------------------------------------------------
  // Container blocks
  // -------------------------------------------------------------------------------------------

  private blockquote(startLine: number, endLine: number): void {
    const src = this.src;
    const { bMarks, eMarks, tShift, sCount, bsCount } = this;
    const oldLineMax = this.lineMax;
    const oldBMarks: number[] = [];
    const oldBSCount: number[] = [];
    const oldSCount: number[] = [];
    const oldTShift: number[] = [];
    const oldParentType = this.parentType;
    this.parentType = Parent.Blockquote;
    let lastLineEmpty = false;
    let nextLine: number;

    // The quote ends at a blank line, at a line after a blank quoted line, or where another block starts.
    for (nextLine = startLine; nextLine < endLine; nextLine++) {
      const isOutdented = sCount[nextLine] < this.blkIndent;
      let pos = bMarks[nextLine] + tShift[nextLine];
      const max = eMarks[nextLine];
      if (pos >= max) break;

      if (src.charCodeAt(pos++) === Ch.Gt && !isOutdented) {
        let initial = sCount[nextLine] + 1;
        let spaceAfterMarker: boolean;
        let adjustTab = false;
        const after = src.charCodeAt(pos);
        if (after === Ch.Space) {
          pos++;
          initial++;
          spaceAfterMarker = true;
        } else if (after === Ch.Tab) {
          spaceAfterMarker = true;
          if ((bsCount[nextLine] + initial) % 4 === 3) {
            pos++;
            initial++;
          } else {
            adjustTab = true;
          }
        } else {
          spaceAfterMarker = false;
        }
        let offset = initial;
        oldBMarks.push(bMarks[nextLine]);
        bMarks[nextLine] = pos;
        while (pos < max) {
          const c = src.charCodeAt(pos);
          if (c === Ch.Tab) offset += 4 - ((offset + bsCount[nextLine] + (adjustTab ? 1 : 0)) % 4);
          else if (c === Ch.Space) offset++;
          else break;
          pos++;
        }
        lastLineEmpty = pos >= max;
        oldBSCount.push(bsCount[nextLine]);
        bsCount[nextLine] = sCount[nextLine] + 1 + (spaceAfterMarker ? 1 : 0);
        oldSCount.push(sCount[nextLine]);
        sCount[nextLine] = offset - initial;
        oldTShift.push(tShift[nextLine]);
        tShift[nextLine] = pos - bMarks[nextLine];
        continue;
      }

      if (lastLineEmpty) break;

      if (this.terminates(nextLine, endLine, Terminators.Blockquote)) {
        // Hard termination: paragraphs inside must not continue past this line.
        this.lineMax = nextLine;
        if (this.blkIndent !== 0) {
          oldBMarks.push(bMarks[nextLine]);
          oldBSCount.push(bsCount[nextLine]);
          oldTShift.push(tShift[nextLine]);
          oldSCount.push(sCount[nextLine]);
          sCount[nextLine] -= this.blkIndent;
        }
        break;
      }

      oldBMarks.push(bMarks[nextLine]);
      oldBSCount.push(bsCount[nextLine]);
      oldTShift.push(tShift[nextLine]);
      oldSCount.push(sCount[nextLine]);
      // A negative indentation marks a lazy paragraph continuation.
      sCount[nextLine] = -1;
    }

    const oldIndent = this.blkIndent;
    this.blkIndent = 0;
    this.level++;
    this.tokenize(startLine, nextLine);
    this.level--;
    this.lineMax = oldLineMax;
    this.parentType = oldParentType;
    this.flagLines(startLine, this.line, LineFlag.Quote);
    for (let i = 0; i < oldTShift.length; i++) {
      bMarks[i + startLine] = oldBMarks[i];
      tShift[i + startLine] = oldTShift[i];
      sCount[i + startLine] = oldSCount[i];
      bsCount[i + startLine] = oldBSCount[i];
    }
    this.blkIndent = oldIndent;
  }

  /** The offset after a bullet marker (`-`, `+`, `*` followed by a space or the line end), or -1. */
  private skipBulletListMarker(line: number): number {
    const max = this.eMarks[line];
    let pos = this.bMarks[line] + this.tShift[line];
    const marker = this.src.charCodeAt(pos++);
    if (marker !== Ch.Star && marker !== Ch.Minus && marker !== Ch.Plus) return -1;
    if (pos < max && !isSpace(this.src.charCodeAt(pos))) return -1;
    return pos;
  }

  /** The offset after an ordered marker (1-9 digits and `.` or `)`, then a space or the line end), or -1. */
  private skipOrderedListMarker(line: number): number {
    const src = this.src;
    const start = this.bMarks[line] + this.tShift[line];
    const max = this.eMarks[line];
    let pos = start;
    if (pos + 1 >= max) return -1;
    let c = src.charCodeAt(pos++);
    if (c < Ch.Zero || c > Ch.Nine) return -1;
    for (;;) {
      if (pos >= max) return -1;
      c = src.charCodeAt(pos++);
      if (c >= Ch.Zero && c <= Ch.Nine) {
        if (pos - start >= 10) return -1;
        continue;
      }
      if (c === Ch.RParen || c === Ch.Dot) break;
      return -1;
    }
    if (pos < max && !isSpace(src.charCodeAt(pos))) return -1;
    return pos;
  }

  private list(startLine: number, endLine: number, silent: boolean): boolean {
    const src = this.src;
    const { bMarks, eMarks, tShift, sCount, bsCount } = this;
    let nextLine = startLine;
    if (sCount[nextLine] - this.blkIndent >= 4) return false;
    // A marker indented 4+ columns past the enclosing list's is a paragraph continuation.
    if (this.listIndent >= 0 && sCount[nextLine] - this.listIndent >= 4 && sCount[nextLine] < this.blkIndent) return false;

    // Inside a paragraph, a list may interrupt it only when it starts with 1 and is not empty.
    const isTerminatingParagraph = silent && this.parentType === Parent.Paragraph && sCount[nextLine] >= this.blkIndent;
    let isOrdered: boolean;
    let posAfterMarker = this.skipOrderedListMarker(nextLine);
    let start = bMarks[nextLine] + tShift[nextLine];
    if (posAfterMarker >= 0) {
      isOrdered = true;
      if (isTerminatingParagraph && digitsValue(src, start, posAfterMarker - 1) !== 1) return false;
    } else if ((posAfterMarker = this.skipBulletListMarker(nextLine)) >= 0) {
      isOrdered = false;
    } else {
      return false;
    }
    if (isTerminatingParagraph && this.skipSpaces(posAfterMarker, eMarks[nextLine]) >= eMarks[nextLine]) return false;
    if (silent) return true;

    const markerCharCode = src.charCodeAt(posAfterMarker - 1);
    const markerText = String.fromCharCode(markerCharCode);
    const oldParentType = this.parentType;
    this.parentType = Parent.List;
    this.level++;

    while (nextLine < endLine) {
      let pos = posAfterMarker;
      const max = eMarks[nextLine];
      const initial = sCount[nextLine] + posAfterMarker - (bMarks[nextLine] + tShift[nextLine]);
      let offset = initial;
      while (pos < max) {
        const c = src.charCodeAt(pos);
        if (c === Ch.Tab) offset += 4 - ((offset + bsCount[nextLine]) % 4);
        else if (c === Ch.Space) offset++;
        else break;
        pos++;
      }
      const contentStart = pos;
      let indentAfterMarker = contentStart >= max ? 1 : offset - initial;
      const contentIsCode = indentAfterMarker > 4;
      // More than 4 spaces after the marker: the content is an indented code block.
      if (contentIsCode) indentAfterMarker = 1;
      const indent = initial + indentAfterMarker;

      const item: MdListItem = {
        line: nextLine,
        endLine: nextLine + 1,
        start,
        ordered: isOrdered,
        marker: markerText,
        contentStart,
        firstLineEnd: max,
        depth: this.listDepth,
      };
      if (isOrdered) item.number = digitsValue(src, start, posAfterMarker - 1);
      if (!contentIsCode && contentStart + 2 < max && src.charCodeAt(contentStart) === Ch.LBracket && src.charCodeAt(contentStart + 2) === Ch.RBracket) {
        const box = src.charCodeAt(contentStart + 1);
        const afterBox = contentStart + 3;
        if ((box === Ch.Space || box === 120 || box === 88) && (afterBox === max || isSpace(src.charCodeAt(afterBox)))) {
          item.task = box === Ch.Space ? ' ' : 'x';
          item.contentStart = this.skipSpaces(afterBox, max);
        }
      }
      this.listItems.push(item);
      this.lineFlags[nextLine] |= LineFlag.ListItemStart;

      const oldTShift = tShift[nextLine];
      const oldSCount = sCount[nextLine];
      const oldListIndent = this.listIndent;
      this.listIndent = this.blkIndent;
      this.blkIndent = indent;
      tShift[nextLine] = contentStart - bMarks[nextLine];
      sCount[nextLine] = offset;
      this.level++;
      this.listDepth++;
      if (contentStart >= max && this.isEmpty(nextLine + 1)) {
        // An empty item followed by a blank line ends the list ('-\n\n  foo').
        this.line = Math.min(this.line + 2, endLine);
      } else {
        this.tokenize(nextLine, endLine);
      }
      this.listDepth--;
      this.level--;
      this.blkIndent = this.listIndent;
      this.listIndent = oldListIndent;
      tShift[nextLine] = oldTShift;
      sCount[nextLine] = oldSCount;

      nextLine = this.line;
      item.endLine = nextLine;
      if (nextLine >= endLine) break;
      if (sCount[nextLine] < this.blkIndent) break;
      if (sCount[nextLine] - this.blkIndent >= 4) break;
      if (this.terminates(nextLine, endLine, Terminators.List)) break;
      // The list continues only with a marker of the same kind.
      if (isOrdered) {
        posAfterMarker = this.skipOrderedListMarker(nextLine);
        if (posAfterMarker < 0) break;
      } else {
        posAfterMarker = this.skipBulletListMarker(nextLine);
        if (posAfterMarker < 0) break;
      }
      start = bMarks[nextLine] + tShift[nextLine];
      if (markerCharCode !== src.charCodeAt(posAfterMarker - 1)) break;
    }

    this.level--;
    this.line = nextLine;
    this.parentType = oldParentType;
    return true;
  }

  // -------------------------------------------------------------------------------------------
  // Link reference definitions (they consume lines that would otherwise be a paragraph or setext heading)
  // -------------------------------------------------------------------------------------------

  /** The content offset of the next line of a reference definition, or -1 when the definition cannot continue there. */
  private referenceNextLinePos(nextLine: number): number {
    if (nextLine >= this.lineMax || this.isEmpty(nextLine)) return -1;
    const lazy = this.sCount[nextLine] - this.blkIndent > 3 || this.sCount[nextLine] < 0;
    if (!lazy) {
      const oldParentType = this.parentType;
      this.parentType = Parent.Reference;
      const terminate = this.terminates(nextLine, this.lineMax, Terminators.Paragraph);
      this.parentType = oldParentType;
      if (terminate) return -1;
    }
    return this.bMarks[nextLine] + this.tShift[nextLine];
  }

  /** Whether a line starting with '[' may be a definition (most are links or placeholders like `[Step Name]`). */
  private mayBeReference(startLine: number, pos: number): boolean {
    const src = this.src;
    // When the label closes on this line and is not followed by ':', or contains '[', the full rule fails too.
    for (let p = pos + 1, end = this.eMarks[startLine]; p < end; p++) {
      const c = src.charCodeAt(p);
      if (c === Ch.Backslash) p++;
      else if (c === Ch.LBracket) return false;
      else if (c === Ch.RBracket) return p + 1 < end && src.charCodeAt(p + 1) === Ch.Colon;
    }
    return true;
  }

  /** The character at `p`; a line's end reads as '\n' whatever the line ending is. */
  private refChar(p: number): number {
    return p === this.refEol ? Ch.Lf : this.src.charCodeAt(p);
  }

  /** Moves the cursor to the next line of the definition, or returns false when it cannot continue there. */
  private refNextLinePos(): boolean {
    const nextPos = this.referenceNextLinePos(this.refNextLine);
    if (nextPos < 0) return false;
    this.refPos = nextPos;
    this.refEol = this.eMarks[this.refNextLine];
    this.refMax = Math.min(this.refEol + 1, this.src.length);
    this.refNextLine++;
    return true;
  }

  private refSkipWhitespace(): void {
    while (this.refPos < this.refMax) {
      const c = this.refChar(this.refPos);
      if (c === Ch.Lf) {
        if (!this.refNextLinePos()) break;
      } else if (isSpace(c)) this.refPos++;
      else break;
    }
  }

  private reference(startLine: number, silent: boolean): boolean {
    const src = this.src;
    let pos = this.bMarks[startLine] + this.tShift[startLine];
    if (this.sCount[startLine] - this.blkIndent >= 4) return false;
    if (src.charCodeAt(pos) !== Ch.LBracket) return false;
    if (!this.mayBeReference(startLine, pos)) return false;

    this.refNextLine = startLine + 1;
    this.refEol = this.eMarks[startLine];
    this.refMax = Math.min(this.refEol + 1, src.length);

    let rawLabel = '';
    let labelEnd = -1;
    let segmentStart = ++pos;
    while (pos < this.refMax) {
      if (rawLabel.length + pos - segmentStart > MAX_LABEL_LENGTH * 2) return false;
      let c = this.refChar(pos);
      if (c === Ch.LBracket) return false;
      if (c === Ch.RBracket) {
        labelEnd = pos;
        break;
      }
      if (c === Ch.Backslash) c = this.refChar(++pos);
      if (c === Ch.Lf && pos < this.refMax) {
        const eol = this.refEol;
        if (!this.refNextLinePos()) return false;
        rawLabel += src.slice(segmentStart, eol) + '\n';
        pos = segmentStart = this.refPos;
        continue;
      }
      pos++;
    }
    if (labelEnd < 0 || this.refChar(labelEnd + 1) !== Ch.Colon) return false;
    rawLabel += src.slice(segmentStart, labelEnd);
    if (rawLabel.length > MAX_LABEL_LENGTH && countCodePoints(rawLabel) > MAX_LABEL_LENGTH) return false;

    this.refPos = labelEnd + 2;
    this.refSkipWhitespace();
    const destStart = this.refPos;
    const destEnd = parseLinkDestination(src, destStart, this.refMax);
    if (destEnd < 0) return false;
    if (!isAllowedLink(src.slice(destStart, destEnd))) return false;
    this.refPos = destEnd;
    const destEndMax = this.refMax;
    const destEndEol = this.refEol;
    const destEndLineNo = this.refNextLine;

    this.refSkipWhitespace();
    const titleStart = this.refPos;
    let title = parseLinkTitle(src, this.refPos, this.refMax, 0);
    let titleLength = title.length;
    while (title.canContinue) {
      if (!this.refNextLinePos()) break;
      title = parseLinkTitle(src, this.refPos, this.refMax, title.marker);
      titleLength += title.length;
    }
    let hasTitle = false;
    if (titleStart !== destEnd && title.ok) {
      hasTitle = titleLength > 0;
      this.refPos = title.pos;
    } else {
      this.refPos = destEnd;
      this.refMax = destEndMax;
      this.refEol = destEndEol;
      this.refNextLine = destEndLineNo;
    }
    this.refPos = this.skipSpaces(this.refPos, this.refMax);
    if (this.refPos < this.refMax && this.refChar(this.refPos) !== Ch.Lf && hasTitle) {
      // Garbage after the title: the definition may still be valid without the title.
      this.refMax = destEndMax;
      this.refEol = destEndEol;
      this.refNextLine = destEndLineNo;
      this.refPos = this.skipSpaces(destEnd, this.refMax);
    }
    if (this.refPos < this.refMax && this.refChar(this.refPos) !== Ch.Lf) return false;
    // CommonMark disallows empty labels.
    if (rawLabel.trim() === '') return false;
    if (silent) return true;
    this.line = this.refNextLine;
    return true;
  }
}

function asciiTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isAsciiTrimmable(s.charCodeAt(start))) start++;
  while (end > start && isAsciiTrimmable(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** The value of the decimal digits in [start, end). */
function digitsValue(src: string, start: number, end: number): number {
  let value = 0;
  for (let p = start; p < end; p++) value = value * 10 + (src.charCodeAt(p) - Ch.Zero);
  return value;
}

function countCodePoints(s: string): number {
  let length = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const high = s.charCodeAt(i);
    if (high < 0xd800 || high > 0xdbff) continue;
    const low = s.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) {
      length--;
      i++;
    }
  }
  return length;
}

/**
 * The cells of a table row whose trimmed text is [lo, hi): split at unescaped pipes, empty edge
 * cells dropped, each cell trimmed.
 */
function splitTableRow(src: string, lo: number, hi: number): Span[] {
  const cells: Span[] = [];
  let cellStart = lo;
  let escaped = false;
  for (let p = lo; p <= hi; p++) {
    const c = p < hi ? src.charCodeAt(p) : Ch.Pipe;
    if (p === hi || (c === Ch.Pipe && !escaped)) {
      cells.push({ start: cellStart, end: p });
      cellStart = p + 1;
    }
    escaped = c === Ch.Backslash;
  }
  // An empty first or last cell is the row's border, not a cell.
  if (cells.length && cells[0].start === cells[0].end) cells.shift();
  if (cells.length && cells[cells.length - 1].start === cells[cells.length - 1].end) cells.pop();
  for (const cell of cells) {
    while (cell.start < cell.end && isJsWhitespace(src.charCodeAt(cell.start))) cell.start++;
    while (cell.end > cell.start && isJsWhitespace(src.charCodeAt(cell.end - 1))) cell.end--;
  }
  return cells;
}

/** The end of a link destination starting at `start`, or -1 (markdown-it's parseLinkDestination). */
function parseLinkDestination(src: string, start: number, max: number): number {
  let pos = start;
  if (src.charCodeAt(pos) === Ch.Lt) {
    pos++;
    while (pos < max) {
      const c = src.charCodeAt(pos);
      if (c === Ch.Lf || c === 13 || c === Ch.Lt) return -1;
      if (c === Ch.Gt) return pos + 1;
      if (c === Ch.Backslash && pos + 1 < max) {
        pos += 2;
        continue;
      }
      pos++;
    }
    return -1;
  }
  let level = 0;
  while (pos < max) {
    const c = src.charCodeAt(pos);
    if (c === Ch.Space) break;
    if (c < 0x20 || c === 0x7f) break;
    if (c === Ch.Backslash && pos + 1 < max) {
      if (src.charCodeAt(pos + 1) === Ch.Space) {
        pos++;
        continue;
      }
      pos += 2;
      continue;
    }
    if (c === Ch.LParen) {
      level++;
      if (level > 32) return -1;
    }
    if (c === Ch.RParen) {
      if (level === 0) break;
      level--;
    }
    pos++;
  }
  if (start === pos || level !== 0) return -1;
  return pos;
}

/** markdown-it refuses references to javascript:, vbscript:, file: and most data: URLs. */
function isAllowedLink(destination: string): boolean {
  let url = destination;
  if (url.charCodeAt(0) === Ch.Lt) url = url.slice(1, -1);
  url = url.replace(/\\([\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e])/g, '$1').trim().toLowerCase();
  return BAD_PROTOCOL.test(url) ? GOOD_DATA.test(url) : true;
}

interface LinkTitleScan {
  ok: boolean;
  canContinue: boolean;
  pos: number;
  /** Characters of title content seen in this call. */
  length: number;
  marker: number;
}

/** markdown-it's parseLinkTitle; `marker` is the closing character when continuing on a new line (0 at the start). */
function parseLinkTitle(src: string, start: number, max: number, marker: number): LinkTitleScan {
  let pos = start;
  const result: LinkTitleScan = { ok: false, canContinue: false, pos: 0, length: 0, marker };
  if (marker === 0) {
    if (pos >= max) return result;
    let open = src.charCodeAt(pos);
    if (open !== Ch.Quote && open !== Ch.Apos && open !== Ch.LParen) return result;
    start++;
    pos++;
    if (open === Ch.LParen) open = Ch.RParen;
    result.marker = open;
  }
  while (pos < max) {
    const c = src.charCodeAt(pos);
    if (c === result.marker) {
      result.pos = pos + 1;
      result.length = pos - start;
      result.ok = true;
      return result;
    } else if (c === Ch.LParen && result.marker === Ch.RParen) {
      return result;
    } else if (c === Ch.Backslash && pos + 1 < max) {
      pos++;
    }
    pos++;
  }
  result.canContinue = true;
  result.length = pos - start;
  return result;
}
