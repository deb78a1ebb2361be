/**
 * Character scans that replace regular expressions which backtrack on hostile text (a long run of blanks, many
 * unclosed markers): each is linear in the length of its input. The tests compare them with the expressions
 * they replace.
 */

/** `\s` of JavaScript's regular expressions: WhiteSpace and LineTerminator code units. */
export function isRegExpSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/** The characters `.` does not match without the `s` flag. */
export function isLineTerminator(code: number): boolean {
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029;
}

/** The offset where the trailing run of characters that `inRun` accepts starts (`/[run]*$/.exec(s).index`). */
export function trailingRunStart(s: string, inRun: (code: number) => boolean, from = 0): number {
  let i = s.length;
  while (i > from && inRun(s.charCodeAt(i - 1))) i--;
  return i;
}

/** `s` without trailing `\s` (the same as `trimEnd`, which uses the same set). */
export function trimEndIndex(s: string, from = 0): number {
  return trailingRunStart(s, isRegExpSpace, from);
}

/** Whether `s` has a line terminator at or after `from`. */
export function hasLineTerminator(s: string, from = 0): boolean {
  for (let i = from; i < s.length; i++) if (isLineTerminator(s.charCodeAt(i))) return true;
  return false;
}

/**
 * `s.replace(/\([^)]*\)/g, by)`: every `(` up to the next `)` replaced. The expression rescans the rest of the
 * text from each `(` that has no `)` after it; here the first such `(` ends the search.
 */
export function replaceParenthesized(s: string, by: string): string {
  let open = s.indexOf('(');
  if (open === -1) return s;
  let out = '';
  let from = 0;
  for (; open !== -1; open = s.indexOf('(', from)) {
    const close = s.indexOf(')', open + 1);
    if (close === -1) break;
    out += s.slice(from, open) + by;
    from = close + 1;
  }
  return out + s.slice(from);
}

/**
 * `s.replace(/(\*|_)(\S(?:.*?\S)?)\1/g, '$2')`: single emphasis markers removed. The expression scans the rest
 * of the line again from every opening marker that has no closing one (49 s for a 240 KB heading); this scan
 * finds each closing marker from a position that only moves forward.
 */
export function stripSingleEmphasis(s: string): string {
  const n = s.length;
  // The next closing candidate of each marker (a marker after a non-blank) at or after the last query.
  const next = { 42: -2, 95: -2 } as Record<number, number>;
  let nextBreak = -2;
  let out = '';
  let from = 0;
  for (let p = 0; p + 2 < n; p++) {
    const c = s.charCodeAt(p);
    if ((c !== 42 && c !== 95) || isRegExpSpace(s.charCodeAt(p + 1))) continue;
    // `(?:.*?\S)?` is tried first: the nearest closing marker at p + 3 or later on the same line, else p + 2.
    let q = next[c];
    if (q !== -1 && q < p + 3) {
      q = p + 3;
      while (q < n && !(s.charCodeAt(q) === c && !isRegExpSpace(s.charCodeAt(q - 1)))) q++;
      if (q === n) q = -1;
      next[c] = q;
    }
    if (nextBreak !== -1 && nextBreak < p + 1) {
      nextBreak = p + 1;
      while (nextBreak < n && !isLineTerminator(s.charCodeAt(nextBreak))) nextBreak++;
      if (nextBreak === n) nextBreak = -1;
    }
    if (q === -1 || (nextBreak !== -1 && q > nextBreak)) q = s.charCodeAt(p + 2) === c ? p + 2 : -1;
    if (q === -1) continue;
    out += s.slice(from, p) + s.slice(p + 1, q);
    from = q + 1;
    p = q;
  }
  return from === 0 ? s : out + s.slice(from);
}

/**
 * A span `OPEN[^CLOSE\n]*CLOSE` (CLOSE one character, written `closers` times), as a global regular expression
 * finds them: `{{x}}`, `${x}`, `[x]` not followed by `(`, `<Name>`.
 */
export interface Delimited {
  open: string;
  close: string;
  /** Characters that end the span without closing it (default: a line feed). */
  stop?: (code: number) => boolean;
  closers?: 1 | 2;
  /** `+` instead of `*` inside: at least one character. */
  nonEmpty?: boolean;
  /** A test of the first inner character (`<[A-Za-z][^>\n]*>`). */
  first?: (code: number) => boolean;
  /** `(?!x)` after the span. */
  notFollowedBy?: string;
}

/**
 * The spans of `d` in `s`, leftmost first and not overlapping, as `[start, end]`. The regular expression
 * rescans the rest of the line from every OPEN without a CLOSE after it; here the next CLOSE or line feed is
 * found from a position that only moves forward.
 */
export function* delimitedSpans(s: string, d: Delimited): Generator<[number, number]> {
  const closers = d.closers ?? 1;
  const close = d.close.charCodeAt(0);
  const stops = d.stop ?? ((code: number) => code === 10);
  let stop = -2;
  for (let p = s.indexOf(d.open); p !== -1; p = s.indexOf(d.open, p + 1)) {
    const inner = p + d.open.length;
    if (d.first && !(inner < s.length && d.first(s.charCodeAt(inner)))) continue;
    if (stop !== -1 && stop < inner) {
      stop = inner;
      while (stop < s.length && s.charCodeAt(stop) !== close && !stops(s.charCodeAt(stop))) stop++;
      if (stop === s.length) stop = -1;
    }
    if (stop === -1) return;
    if (s[stop] !== d.close || (closers === 2 && s[stop + 1] !== d.close) || (d.nonEmpty && stop === inner)) continue;
    const end = stop + closers;
    if (d.notFollowedBy !== undefined && s.startsWith(d.notFollowedBy, end)) continue;
    yield [p, end];
    p = end - 1;
  }
}

/** `s.replace(re, by)` for the expression `re` that `d` stands for (see delimitedSpans). */
export function replaceDelimited(s: string, d: Delimited, by: string | ((span: string) => string)): string {
  let out = '';
  let from = 0;
  for (const [start, end] of delimitedSpans(s, d)) {
    out += s.slice(from, start) + (typeof by === 'string' ? by : by(s.slice(start, end)));
    from = end;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** Whether `s` has a span of `d` (`re.test(s)`). */
export function hasDelimited(s: string, d: Delimited): boolean {
  return !delimitedSpans(s, d).next().done;
}

/**
 * A JSON.parse message without its ` in JSON at position N…` tail (`/\s*in JSON at position \d+.*$/s`, whose
 * `\s*` rescanned a long run of blanks from each of its characters; the message quotes the parsed text).
 */
export function withoutJsonPosition(message: string): string {
  const at = message.search(/in JSON at position \d/);
  return at === -1 ? message : message.slice(0, trimEndIndex(message.slice(0, at)));
}

/**
 * Where `/[X].*$/` matches in `s` (`isX` tests a character), or -1: the first such character after the last
 * line terminator. The expression scanned to that terminator from every X before it.
 */
export function tailMatchStart(s: string, isX: (code: number) => boolean): number {
  let i = s.length;
  while (i > 0 && !isLineTerminator(s.charCodeAt(i - 1))) i--;
  for (; i < s.length; i++) if (isX(s.charCodeAt(i))) return i;
  return -1;
}
