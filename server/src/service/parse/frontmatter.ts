/**
 * Front matter: the block at the very top of a Markdown document between `---` lines.
 *
 * YAML is read with a purpose-built scanner for the flat subset nearly every workflow uses (one `key: value`
 * per line, flow lists, block lists of scalars, comments) and with the `yaml` library for everything else.
 * The scanner yields exactly what `yaml`'s `parseDocument(...).toJS()` yields (a differential test keeps it
 * honest); anything it does not fully understand goes to `yaml`. Front matter in any other language
 * (`---js`, `---coffee`, ...) is recorded and never evaluated.
 */
import { isMap, isNode, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node as YamlNode, Document as YamlDocument } from 'yaml';
import type { Frontmatter, FrontmatterEntry, FrontmatterError } from '../model';
import { lineEnd } from '../text';
import { withoutJsonPosition } from '../textScan';

/** `---` or `---lang` (trailing spaces allowed), the opening delimiter. */
const OPENING = /^---([A-Za-z][\w+-]*)?[ \t]*$/;

export function parseFrontmatter(text: string, lineStarts: readonly number[]): Frontmatter | undefined {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (text.charCodeAt(start) !== 45 || text.charCodeAt(start + 1) !== 45 || text.charCodeAt(start + 2) !== 45) return undefined;
  const openEnd = lineEnd(text, lineStarts, 0);
  const opening = OPENING.exec(text.slice(start, openEnd));
  if (!opening) return undefined;
  let language = opening[1] ? opening[1].toLowerCase() : 'yaml';
  if (language === 'yml') language = 'yaml';

  const closeLine = findClosingLine(text, lineStarts);
  if (closeLine === -1) {
    // Without a closing line this is not front matter: the body starts at line 0 and `---` is most likely
    // a thematic break. The block is just the opening line, so a diagnostic lands there.
    return {
      start, end: openEnd, contentStart: openEnd, contentEnd: openEnd, language, closed: false,
      data: undefined, entries: [], errors: [], endLine: 0,
    };
  }
  const contentStart = lineStarts[1];
  const contentEnd = lineStarts[closeLine];
  const end = lineEnd(text, lineStarts, closeLine);
  const frontmatter: Frontmatter = {
    start, end, contentStart, contentEnd, language, closed: true, data: undefined, entries: [], errors: [], endLine: closeLine + 1,
  };
  if (language === 'yaml' && firstNonSpaceChar(text, contentStart, contentEnd) === 123 /* { */) frontmatter.language = 'json';
  if (frontmatter.language === 'yaml') {
    const parsed = scanFlatYaml(text, contentStart, contentEnd) ?? parseYamlContent(text, contentStart, contentEnd);
    frontmatter.data = parsed.data;
    frontmatter.entries = parsed.entries;
    frontmatter.errors = parsed.errors;
    if (parsed.warnings?.length) frontmatter.warnings = parsed.warnings;
  } else if (frontmatter.language === 'json') {
    const parsed = parseJsonContent(text, contentStart, contentEnd);
    frontmatter.data = parsed.data;
    frontmatter.entries = parsed.entries;
    frontmatter.errors = parsed.errors;
  }
  return frontmatter;
}

/** The first line after line 0 that is `---` or `...` (trailing spaces allowed), or -1. */
function findClosingLine(text: string, lineStarts: readonly number[]): number {
  for (let line = 1; line < lineStarts.length; line++) {
    const s = lineStarts[line];
    const c = text.charCodeAt(s);
    if ((c !== 45 && c !== 46) || text.charCodeAt(s + 1) !== c || text.charCodeAt(s + 2) !== c) continue;
    const e = lineEnd(text, lineStarts, line);
    let i = s + 3;
    while (i < e && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    if (i === e) return line;
  }
  return -1;
}

function firstNonSpaceChar(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return c;
  }
  return -1;
}

export interface ParsedContent {
  data: Record<string, unknown> | undefined;
  entries: FrontmatterEntry[];
  errors: FrontmatterError[];
  /** What the YAML parser warns about without failing: an unknown tag (`!foo`), an unsupported directive. */
  warnings?: FrontmatterError[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------
// The general path: the `yaml` library.
// ---------------------------------------------------------------------------------------------

const YAML_OPTIONS = { prettyErrors: false, logLevel: 'error', uniqueKeys: true } as const;
const TO_JS_OPTIONS = { maxAliasCount: 100 } as const;

/**
 * Parse `text.slice(from, to)` with the `yaml` library (YAML 1.2, core schema). Offsets in the result are
 * into the full text. Exported for the differential test; the scanner is the one to use.
 */
export function parseYamlContent(text: string, from: number, to: number): ParsedContent {
  const source = text.slice(from, to);
  const doc = parseDocument(source, YAML_OPTIONS);
  const errors: FrontmatterError[] = doc.errors.map((e) => {
    let [errorStart, errorEnd] = e.pos;
    if (e.code === 'DUPLICATE_KEY' && isMap(doc.contents)) {
      // yaml marks the repeated key's first character; the whole key reads better.
      const pair = doc.contents.items.find((p) => isNode(p.key) && p.key.range?.[0] === errorStart);
      if (pair && isNode(pair.key) && pair.key.range) errorEnd = pair.key.range[1];
    }
    const s = Math.min(from + errorStart, to);
    return { message: e.message, start: s, end: Math.max(s, Math.min(from + errorEnd, to)) };
  });
  const warnings: FrontmatterError[] = doc.warnings.map((w) => {
    const s = Math.min(from + w.pos[0], to);
    return { message: w.message, start: s, end: Math.max(s, Math.min(from + w.pos[1], to)) };
  });
  let data: Record<string, unknown> | undefined;
  if (errors.length === 0) {
    try {
      const js: unknown = doc.contents === null ? {} : doc.toJS(TO_JS_OPTIONS);
      data = isPlainObject(js) ? js : undefined;
    } catch (e) {
      // toJS refuses documents that expand too many aliases (a "billion laughs" payload).
      errors.push({ message: e instanceof Error ? e.message : String(e), start: from, end: to });
    }
  }
  const parsed: ParsedContent = { data, entries: yamlEntries(doc, text, from, data), errors };
  if (warnings.length > 0) parsed.warnings = warnings;
  return parsed;
}

function yamlEntries(doc: YamlDocument.Parsed, text: string, from: number, data: Record<string, unknown> | undefined): FrontmatterEntry[] {
  const entries: FrontmatterEntry[] = [];
  if (!isMap(doc.contents)) return entries;
  const counts = new Map<string, number>();
  const keys: (string | undefined)[] = doc.contents.items.map((pair) => {
    if (!isScalar(pair.key) || !pair.key.range) return undefined;
    const key = pair.key.value === null || pair.key.value === undefined ? '' : String(pair.key.value);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return key;
  });
  doc.contents.items.forEach((pair, index) => {
    const key = keys[index];
    if (key === undefined || !isScalar(pair.key) || !pair.key.range) return;
    const keyStart = from + pair.key.range[0];
    const keyEnd = from + pair.key.range[1];
    const valueNode = isNode(pair.value) ? pair.value : undefined;
    let value: unknown;
    if (data && counts.get(key) === 1) value = data[key];
    else if (valueNode) {
      try {
        value = valueNode.toJS(doc, TO_JS_OPTIONS);
      } catch {
        value = undefined;
      }
    } else value = null;
    const range = valueNode?.range;
    const valueStart = range ? from + range[0] : keyEnd;
    let valueEnd = valueNode && range ? from + valueEndOf(valueNode) : keyEnd;
    // Block scalars end after their last line break; the value itself ends before it.
    while (valueEnd > valueStart && /\s/.test(text[valueEnd - 1])) valueEnd--;
    entries.push({ key, keyStart, keyEnd, valueStart, valueEnd: Math.max(valueStart, valueEnd), value });
  });
  return entries;
}

/** Where a value ends: a block collection ends with its last item's value, not at the next line. */
function valueEndOf(node: YamlNode): number {
  let current: YamlNode = node;
  // A loop, not recursion: deeply nested front matter must not exhaust the stack.
  for (;;) {
    if (!(isSeq(current) || isMap(current)) || current.flow || current.items.length === 0) break;
    const last: unknown = current.items[current.items.length - 1];
    const item: unknown = isSeq(current) ? last : (last as { value?: unknown }).value ?? (last as { key?: unknown }).key;
    if (!isNode(item) || !item.range) break;
    current = item;
  }
  return (current.range as [number, number, number])[1];
}

// ---------------------------------------------------------------------------------------------
// JSON front matter (`---json`, or `---` followed by `{`).
// ---------------------------------------------------------------------------------------------

function parseJsonContent(text: string, from: number, to: number): ParsedContent {
  // JSON is (nearly) YAML 1.2, so `yaml` gives the key and value ranges; JSON.parse decides the values.
  const viaYaml = parseYamlContent(text, from, to);
  const source = text.slice(from, to);
  try {
    const js: unknown = source.trim() === '' ? {} : JSON.parse(source);
    const data = isPlainObject(js) ? js : undefined;
    const entries = viaYaml.entries.map((e) => (data && Object.prototype.hasOwnProperty.call(data, e.key) ? { ...e, value: data[e.key] } : e));
    return { data, entries, errors: [] };
  } catch (e) {
    if (viaYaml.errors.length > 0) return { data: undefined, entries: viaYaml.entries, errors: viaYaml.errors };
    const raw = e instanceof Error ? e.message : String(e);
    const at = /position (\d+)/.exec(raw);
    const s = at ? Math.min(from + Number(at[1]), to) : from;
    // The position becomes the range; Node versions word the rest differently ("(line 1 column 15)").
    const message = withoutJsonPosition(raw);
    return { data: undefined, entries: viaYaml.entries, errors: [{ message, start: s, end: at ? Math.min(s + 1, to) : to }] };
  }
}

// ---------------------------------------------------------------------------------------------
// The fast path: a scanner for flat YAML.
// ---------------------------------------------------------------------------------------------

/** Characters the scanner leaves to `yaml`: tabs, control characters, lone CR, unusual line breaks, BOM. */
const UNSAFE_CHARS = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029\ufeff]|\r(?!\n)/;
/** A character of a flat key: `[A-Za-z0-9_./-]`, tested by code (this runs for every character of every key). */
function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 45 && c <= 57) || c === 95;
}
/** Keys that the core schema resolves to something other than the same string. */
const NON_STRING_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', '__proto__']);

const NULL_RE = /^(?:~|[Nn]ull|NULL)$/;
const BOOL_RE = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT_RE = /^0o[0-7]+$/;
const INT_RE = /^[-+]?[0-9]+$/;
const INT_HEX_RE = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN_RE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP_RE = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT_RE = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** A plain scalar's value under YAML 1.2's core schema, tested in the order `yaml` tests them. */
export function resolvePlainScalar(raw: string): unknown {
  const c = raw.charCodeAt(0);
  // Most values start with a letter that no null, bool or number can start with.
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (letter && c !== 110 && c !== 78 && c !== 116 && c !== 84 && c !== 102 && c !== 70) return raw;
  if (NULL_RE.test(raw)) return null;
  if (BOOL_RE.test(raw)) return raw.charCodeAt(0) === 116 || raw.charCodeAt(0) === 84;
  if (letter) return raw;
  if (INT_OCT_RE.test(raw)) return parseInt(raw.substring(2), 8);
  if (INT_RE.test(raw)) return parseInt(raw, 10);
  if (INT_HEX_RE.test(raw)) return parseInt(raw.substring(2), 16);
  if (FLOAT_NAN_RE.test(raw)) {
    if (raw.slice(-3).toLowerCase() === 'nan') return NaN;
    return raw[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (FLOAT_EXP_RE.test(raw) || FLOAT_RE.test(raw)) return parseFloat(raw);
  return raw;
}

interface ScalarToken {
  value: unknown;
  start: number;
  end: number;
  /** Where scanning stopped (after the value and any spaces). */
  next: number;
}

const BAIL = undefined;

function isSpace(c: number): boolean {
  return c === 32;
}

/** After a value: only spaces, then the end of the line or a comment. */
function restIsBlank(text: string, from: number, lineEndPos: number): boolean {
  let i = from;
  while (i < lineEndPos && isSpace(text.charCodeAt(i))) i++;
  if (i === lineEndPos) return true;
  return text.charCodeAt(i) === 35 /* # */ && i > from;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '"': '"', '/': '/', '\\': '\\',
  ' ': ' ', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};

/** A double-quoted scalar that ends on its line; `start` is the opening quote. */
function scanDoubleQuoted(text: string, start: number, lineEndPos: number): ScalarToken | undefined {
  let out = '';
  let i = start + 1;
  let chunk = i;
  for (; i < lineEndPos; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      out += text.slice(chunk, i);
      return { value: out, start, end: i + 1, next: i + 1 };
    }
    if (c !== 92) continue;
    out += text.slice(chunk, i);
    const e = text[i + 1];
    if (e === undefined || i + 1 >= lineEndPos) return BAIL;
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      i += 1;
    } else {
      const width = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
      const hex = text.slice(i + 2, i + 2 + width);
      if (width === 0 || i + 2 + width > lineEndPos || !/^[0-9a-fA-F]+$/.test(hex)) return BAIL;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) return BAIL;
      out += String.fromCodePoint(code);
      i += 1 + width;
    }
    chunk = i + 1;
  }
  return BAIL;
}

/** A single-quoted scalar that ends on its line (`''` is a quote). */
function scanSingleQuoted(text: string, start: number, lineEndPos: number): ScalarToken | undefined {
  let out = '';
  let chunk = start + 1;
  for (let i = start + 1; i < lineEndPos; i++) {
    if (text.charCodeAt(i) !== 39) continue;
    if (text.charCodeAt(i + 1) === 39 && i + 1 < lineEndPos) {
      out += text.slice(chunk, i + 1);
      i++;
      chunk = i + 1;
      continue;
    }
    out += text.slice(chunk, i);
    return { value: out, start, end: i + 1, next: i + 1 };
  }
  return BAIL;
}

/** Characters that may not start a plain scalar (quotes and `[` are handled before this is consulted). */
function isIndicator(c: number): boolean {
  // , [ ] { } # & * ! | > ' " % @ `
  return c === 44 || c === 91 || c === 93 || c === 123 || c === 125 || c === 35 || c === 38 || c === 42 || c === 33 ||
    c === 124 || c === 62 || c === 39 || c === 34 || c === 37 || c === 64 || c === 96;
}

/** A plain scalar in block context that ends on its line; `start` is its first character. */
function scanBlockPlain(text: string, start: number, lineEndPos: number): ScalarToken | undefined {
  const c = text.charCodeAt(start);
  if (isIndicator(c)) return BAIL;
  if ((c === 45 || c === 63 || c === 58) && (start + 1 >= lineEndPos || isSpace(text.charCodeAt(start + 1)))) return BAIL;
  let end = start + 1;
  for (let i = start + 1; i < lineEndPos; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 32) continue;
    if (ch === 35 && isSpace(text.charCodeAt(i - 1))) break;
    if (ch === 58 && (i + 1 >= lineEndPos || isSpace(text.charCodeAt(i + 1)))) return BAIL;
    end = i + 1;
  }
  return { value: resolvePlainScalar(text.slice(start, end)), start, end, next: end };
}

/** A plain scalar inside `[...]`; stops at `,` or `]`. */
function scanFlowPlain(text: string, start: number, lineEndPos: number): ScalarToken | undefined {
  const c = text.charCodeAt(start);
  if (isIndicator(c)) return BAIL;
  if ((c === 45 || c === 63 || c === 58) && (start + 1 >= lineEndPos || isSpace(text.charCodeAt(start + 1)))) return BAIL;
  let end = start + 1;
  let i = start + 1;
  for (; i < lineEndPos; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 44 || ch === 93) break;
    if (ch === 32) continue;
    // Colons, comments and nested collections inside a flow list are left to `yaml`.
    if (ch === 58 || ch === 35 || ch === 91 || ch === 123 || ch === 125) return BAIL;
    end = i + 1;
  }
  if (i >= lineEndPos) return BAIL;
  return { value: resolvePlainScalar(text.slice(start, end)), start, end, next: end };
}

/** `[a, "b", 3]` on one line. */
function scanFlowSequence(text: string, start: number, lineEndPos: number): ScalarToken | undefined {
  const items: unknown[] = [];
  let i = start + 1;
  for (;;) {
    while (i < lineEndPos && isSpace(text.charCodeAt(i))) i++;
    if (i >= lineEndPos) return BAIL;
    let c = text.charCodeAt(i);
    if (c === 93) break;
    const item = c === 34 ? scanDoubleQuoted(text, i, lineEndPos) : c === 39 ? scanSingleQuoted(text, i, lineEndPos) : scanFlowPlain(text, i, lineEndPos);
    if (!item) return BAIL;
    items.push(item.value);
    i = item.next;
    while (i < lineEndPos && isSpace(text.charCodeAt(i))) i++;
    c = text.charCodeAt(i);
    if (i >= lineEndPos) return BAIL;
    if (c === 93) break;
    if (c !== 44) return BAIL;
    i++;
  }
  return { value: items, start, end: i + 1, next: i + 1 };
}

/** A value on the key's line or a sequence item's line; `start` is its first non-space character. */
function scanInlineValue(text: string, start: number, lineEndPos: number, allowFlow: boolean): ScalarToken | undefined {
  if (start >= lineEndPos || text.charCodeAt(start) === 35) return { value: null, start, end: start, next: start };
  const c = text.charCodeAt(start);
  let token: ScalarToken | undefined;
  if (c === 34) token = scanDoubleQuoted(text, start, lineEndPos);
  else if (c === 39) token = scanSingleQuoted(text, start, lineEndPos);
  else if (c === 91) token = allowFlow ? scanFlowSequence(text, start, lineEndPos) : BAIL;
  else token = scanBlockPlain(text, start, lineEndPos);
  if (!token || !restIsBlank(text, token.next, lineEndPos)) return BAIL;
  return token;
}

/**
 * Scan flat YAML between `from` and `to`. Returns undefined (leave it to `yaml`) for anything outside the subset:
 * anchors, tags, multi-line scalars, block scalars, nested maps, duplicate keys, tabs, quoted keys, ...
 * Exported for the differential test.
 */
export function scanFlatYaml(text: string, from: number, to: number): ParsedContent | undefined {
  if (UNSAFE_CHARS.test(text.slice(from, to))) return BAIL;
  const data: Record<string, unknown> = {};
  const entries: FrontmatterEntry[] = [];
  // A key written as `key:` with nothing after it, waiting for `- item` lines.
  let pending: FrontmatterEntry | undefined;
  let items: unknown[] | undefined;
  let itemIndent = -1;

  const finishPending = (): void => {
    if (!pending) return;
    const value = items ?? null;
    // An empty last item ends the list right after its dash, as the general path trims it.
    while (pending.valueEnd > pending.valueStart && text.charCodeAt(pending.valueEnd - 1) === 32) pending.valueEnd--;
    pending.value = value;
    data[pending.key] = value;
    entries.push(pending);
    pending = undefined;
    items = undefined;
    itemIndent = -1;
  };

  let pos = from;
  while (pos < to) {
    let eol = text.indexOf('\n', pos);
    if (eol === -1 || eol > to) eol = to;
    let lineEndPos = eol;
    if (lineEndPos > pos && text.charCodeAt(lineEndPos - 1) === 13) lineEndPos--;
    const next = eol + 1;
    let i = pos;
    while (i < lineEndPos && text.charCodeAt(i) === 32) i++;
    if (i === lineEndPos || text.charCodeAt(i) === 35) {
      pos = next;
      continue;
    }
    const c = text.charCodeAt(i);
    const indent = i - pos;
    if (c === 45 && (i + 1 === lineEndPos || text.charCodeAt(i + 1) === 32)) {
      // A block sequence item under the pending key.
      if (!pending) return BAIL;
      if (itemIndent === -1) itemIndent = indent;
      else if (indent !== itemIndent) return BAIL;
      let s = i + 1;
      while (s < lineEndPos && text.charCodeAt(s) === 32) s++;
      if (s < lineEndPos && text.charCodeAt(s) === 45 && (s + 1 === lineEndPos || text.charCodeAt(s + 1) === 32)) return BAIL;
      const item = scanInlineValue(text, s, lineEndPos, false);
      if (!item) return BAIL;
      if (!items) {
        items = [];
        pending.valueStart = i;
      }
      items.push(item.value);
      pending.valueEnd = item.end;
      pos = next;
      continue;
    }
    // Anything else indented continues a scalar or nests a mapping: not flat.
    if (indent > 0) return BAIL;
    finishPending();

    // key: value
    if (!isKeyChar(c) || c === 45 || c === 46 || c === 47 || (c >= 48 && c <= 57)) return BAIL;
    let k = i + 1;
    while (k < lineEndPos && isKeyChar(text.charCodeAt(k))) k++;
    if (text.charCodeAt(k) !== 58 || k >= lineEndPos || k - i > 1000) return BAIL;
    const afterColon = k + 1;
    if (afterColon < lineEndPos && text.charCodeAt(afterColon) !== 32) return BAIL;
    const key = text.slice(i, k);
    if (NON_STRING_KEYS.has(key) || Object.prototype.hasOwnProperty.call(data, key)) return BAIL;
    let s = afterColon;
    while (s < lineEndPos && text.charCodeAt(s) === 32) s++;
    const entry: FrontmatterEntry = { key, keyStart: i, keyEnd: k, valueStart: s, valueEnd: s, value: null };
    if (s >= lineEndPos || text.charCodeAt(s) === 35) {
      pending = entry;
      // A repeated key is checked against `data`, so reserve the name now.
      data[key] = null;
    } else {
      const value = scanInlineValue(text, s, lineEndPos, true);
      if (!value) return BAIL;
      entry.value = value.value;
      entry.valueEnd = value.end;
      data[key] = value.value;
      entries.push(entry);
    }
    pos = next;
  }
  finishPending();
  return { data, entries, errors: [] };
}
