/**
 * Masking secret values in everything a run records (events, the run log, the Run panel, the dry run). Pure.
 *
 * A secret is matched in the forms it takes in such text: as it is; as the runner sets it before a block
 * (`\xHH` escapes, which bash quotes back in the message of a syntax error on the block's first line); as bash's
 * `set -x` prints it (`'...'` with `'\''` for a quote and raw line breaks, or
 * `$'...'` with escapes); and, for a multi-line secret, line by line, since tools that prefix lines (`sed 's/^/> /'`,
 * `nl`, log prefixes of kubectl or docker) or `set -x` split it. Every occurrence of every form is found, overlapping
 * ones included, and the union of them is replaced: two secrets `abcd1234` and `1234wxyz` leave nothing of
 * `abcd1234wxyz` visible.
 *
 * What it cannot do: a secret that a command transforms (base64, hex, `${S:0:5}`, reversed, re-wrapped) is not
 * recognised, and a line of a multi-line secret shorter than `MIN_MASKED_LINE` characters is masked only as part of
 * a longer match (masking it alone would mask the same characters in innocent text everywhere).
 */
import { hexEscapes } from './shellQuote';

/** What a secret is replaced with. */
export const MASK = '***';

/**
 * Lines of a multi-line secret shorter than this (blanks around them not counted) are not masked on their own: a
 * two-character line such as `==` at the end of base64 would mask every `==` of the output.
 */
export const MIN_MASKED_LINE = 4;

/** Replaces secrets with `***`; also answers where they are, for a cut that must not leave part of one. */
export interface Masker {
  (text: string): string;
  /** Where `text` shows a secret: sorted, disjoint `[start, end)` ranges, the union of every match. */
  ranges(text: string): [number, number][];
  /** The length of the longest form matched: a text cut at its start may open with up to `longest - 1` of one. */
  readonly longest: number;
}

/** How bash's `set -x` writes a value in single quotes (the text between the outer quotes). */
function traceSingle(value: string): string {
  return value.replace(/'/g, () => `'\\''`);
}

const utf8 = new TextEncoder();

const ANSI_ESCAPES: Readonly<Record<string, string>> = {
  '\x07': '\\a', '\b': '\\b', '\x1b': '\\E', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\\': '\\\\', "'": "\\'",
};

/**
 * How bash's `set -x` writes a value with control characters in `$'...'` (the text between the quotes): the named
 * escapes, other control characters as three octal digits per UTF-8 byte, the rest as it is.
 */
function traceAnsi(value: string): string {
  let out = '';
  for (const c of value) {
    const code = c.codePointAt(0)!;
    if (ANSI_ESCAPES[c] !== undefined) out += ANSI_ESCAPES[c];
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) {
      for (const byte of utf8.encode(c)) out += `\\${byte.toString(8).padStart(3, '0')}`;
    } else out += c;
  }
  return out;
}

/** The texts that show `value`: itself, as the runner sets it (hexadecimal escapes), and as `set -x` prints it. */
function writtenForms(value: string): string[] {
  return [value, traceSingle(value), traceAnsi(value), hexEscapes(value)];
}

/**
 * Every text whose appearance shows a secret: its written forms, with line ends as written and as `\n`, and the
 * written forms of each of its lines long enough to mask alone (as written and without the blanks around it).
 */
export function secretForms(secret: string): string[] {
  if (secret === '') return [];
  const normal = secret.replace(/\r\n?/g, '\n');
  const forms = new Set([...writtenForms(secret), ...writtenForms(normal)]);
  if (normal.includes('\n')) {
    for (const line of normal.split('\n')) {
      const trimmed = line.trim();
      if (trimmed.length < MIN_MASKED_LINE) continue;
      for (const f of [...writtenForms(line), ...writtenForms(trimmed)]) forms.add(f);
    }
  }
  forms.delete('');
  return [...forms];
}

/** A masker for these secret values (empty ones are ignored). */
export function masker(secrets: Iterable<string>): Masker {
  const forms = new Set<string>();
  for (const s of secrets) for (const f of secretForms(s)) forms.add(f);
  const list = [...forms];
  const longest = list.reduce((n, f) => Math.max(n, f.length), 0);

  const ranges = (text: string): [number, number][] => {
    // Each occurrence, overlapping ones too, counted in and out; covered characters are those with a count above 0.
    const starts: number[] = [];
    const ends: number[] = [];
    for (const f of list) {
      for (let at = text.indexOf(f); at >= 0; at = text.indexOf(f, at + 1)) {
        starts.push(at);
        ends.push(at + f.length);
      }
    }
    if (starts.length === 0) return [];
    const depth = new Int32Array(text.length + 1);
    for (let k = 0; k < starts.length; k++) {
      depth[starts[k]]++;
      depth[ends[k]]--;
    }
    const out: [number, number][] = [];
    let open = 0;
    let start = -1;
    for (let i = 0; i <= text.length; i++) {
      open += depth[i];
      if (open > 0 && start < 0) start = i;
      else if (open === 0 && start >= 0) {
        out.push([start, i]);
        start = -1;
      }
    }
    return out;
  };

  const mask = (text: string): string => renderMasked(text, ranges(text), 0);
  return Object.assign(mask, { ranges, longest });
}

/** `text` from `from` on, each range (clipped to `from`) replaced by `***`. */
export function renderMasked(text: string, ranges: readonly [number, number][], from: number): string {
  let out = '';
  let at = from;
  for (const [start, end] of ranges) {
    if (end <= from) continue;
    out += text.slice(at, Math.max(at, start)) + MASK;
    at = end;
  }
  return out + text.slice(at);
}
