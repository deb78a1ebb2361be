/**
 * A small glob matcher for the config file's `formats`, `include` and `exclude` patterns.
 * Patterns are relative to the config's folder and use forward slashes. Like .gitignore, a pattern
 * without a slash matches a file or folder name at any depth, and a pattern that matches a folder
 * matches everything under it.
 *
 * Matching is done by hand, not by a regular expression: a backtracking engine tries every way the `*`s of
 * a glob can share a name, which for `*a*a*a*a*a*a*a*a*a*a*a*ab` against a 40-character name took 58 s with
 * picomatch and 17 s with minimatch (25 s per request with the expression this module used to build). Here a
 * name is matched in time proportional to its length times the glob's (one backtracking point per segment,
 * as in Go's path.Match), and the segments of a path the same way around `**`.
 */

/** One character of a name: a literal, `?`, or a class `[a-z]` / `[!a-z]`. `*` is a star. */
type Token = { kind: 'char'; code: number } | { kind: 'any' } | { kind: 'class'; negated: boolean; ranges: [number, number][] } | { kind: 'star' };

/** A path segment pattern, or `**` (any number of whole segments). */
type Segment = Token[] | 'globstar';

/** At most this many alternatives from `{a,b}` braces in one glob (`{a,b}{c,d}` has four). */
const MAX_ALTERNATIVES = 256;

export class GlobError extends Error {}

/** A compiled glob: a path matches when one of its brace alternatives does. */
export interface Glob {
  readonly source: string;
  matches(relativePath: string): boolean;
}

/**
 * Compiles a glob (`*`, `**`, `?`, `[...]`, `[!...]`, `{a,b}`). Throws a GlobError for a glob that cannot be
 * matched: a character range out of order (`[z-a]`) or too many brace alternatives.
 */
export function compileGlob(glob: string): Glob {
  let pattern = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  if (pattern.endsWith('/')) pattern = pattern.slice(0, -1);
  const anywhere = !pattern.includes('/');
  if (pattern.startsWith('/')) pattern = pattern.slice(1);
  const alternatives = expand(Array.from(pattern), glob).map((chars) => segmentsOf(chars, glob));
  // No slash: the pattern may match at any depth, as if it began with `**/`.
  if (anywhere) for (const segments of alternatives) segments.unshift('globstar');
  return { source: glob, matches: (path) => alternatives.some((segments) => matchPath(segments, path.split('/'))) };
}

/** The error that makes `glob` unusable, or undefined when it compiles. */
export function globError(glob: string): string | undefined {
  try {
    compileGlob(glob);
    return undefined;
  } catch (e) {
    if (e instanceof GlobError) return e.message;
    throw e;
  }
}

/** `{a,b}` braces expanded: each alternative as its characters (code points). An unclosed `{` is literal. */
function expand(chars: string[], glob: string): string[][] {
  let out: string[][] = [[]];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '[') {
      // A class is copied whole, so a brace or comma inside it is one of its characters.
      const close = classEnd(chars, i);
      if (close !== -1) {
        for (const alt of out) alt.push(...chars.slice(i, close + 1));
        i = close;
        continue;
      }
    }
    const close = c === '{' ? matchingBrace(chars, i) : -1;
    if (close === -1) {
      for (const alt of out) alt.push(c);
      continue;
    }
    const parts = splitAlternatives(chars.slice(i + 1, close)).flatMap((part) => expand(part, glob));
    if (out.length * parts.length > MAX_ALTERNATIVES) throw new GlobError(`more than ${MAX_ALTERNATIVES} alternatives in braces`);
    out = out.flatMap((alt) => parts.map((part) => [...alt, ...part]));
    i = close;
  }
  return out;
}

/** Where the class starting at `open` ends: the first `]` after the character following `[` (so `[]a]` works). */
function classEnd(chars: readonly string[], open: number): number {
  for (let i = open + 2; i < chars.length; i++) {
    if (chars[i] === '/') return -1;
    if (chars[i] === ']') return i;
  }
  return -1;
}

function matchingBrace(chars: readonly string[], open: number): number {
  let depth = 0;
  for (let i = open; i < chars.length; i++) {
    if (chars[i] === '{') depth++;
    else if (chars[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function splitAlternatives(chars: readonly string[]): string[][] {
  const parts: string[][] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] === '{') depth++;
    else if (chars[i] === '}') depth--;
    else if (chars[i] === ',' && depth === 0) {
      parts.push(chars.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(chars.slice(start));
  return parts;
}

/** One brace alternative split into segments; a segment that is exactly `**` is a globstar. */
function segmentsOf(chars: readonly string[], glob: string): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  for (let i = 0; i <= chars.length; i++) {
    if (i < chars.length && chars[i] !== '/') continue;
    const part = chars.slice(start, i);
    segments.push(part.length === 2 && part[0] === '*' && part[1] === '*' ? 'globstar' : tokensOf(part, glob));
    start = i + 1;
  }
  return segments;
}

function tokensOf(chars: readonly string[], glob: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '*') {
      // `**` inside a segment is one star.
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (c === '?') tokens.push({ kind: 'any' });
    else if (c === '[' && classEnd(chars, i) !== -1) {
      const close = classEnd(chars, i);
      tokens.push(classToken(chars.slice(i + 1, close), glob));
      i = close;
    } else tokens.push({ kind: 'char', code: c.codePointAt(0)! });
  }
  return tokens;
}

function classToken(body: string[], glob: string): Token {
  const negated = body[0] === '!' || body[0] === '^';
  if (negated) body = body.slice(1);
  const ranges: [number, number][] = [];
  for (let i = 0; i < body.length; i++) {
    const lo = body[i].codePointAt(0)!;
    if (body[i + 1] === '-' && i + 2 < body.length) {
      const hi = body[i + 2].codePointAt(0)!;
      if (hi < lo) throw new GlobError(`character range out of order in [${body.join('')}]`);
      ranges.push([lo, hi]);
      i += 2;
    } else ranges.push([lo, lo]);
  }
  return { kind: 'class', negated, ranges };
}

function tokenMatches(token: Token, code: number): boolean {
  if (token.kind === 'char') return token.code === code;
  if (token.kind === 'any') return true;
  if (token.kind === 'class') return token.ranges.some(([lo, hi]) => code >= lo && code <= hi) !== token.negated;
  return false;
}

/** A name against a segment pattern: stars backtrack only to the last star, so the time is O(name × pattern). */
function matchSegment(tokens: readonly Token[], name: string): boolean {
  const codes = Array.from(name, (c) => c.codePointAt(0)!);
  let t = 0;
  let i = 0;
  let star = -1;
  let resume = 0;
  while (i < codes.length) {
    const token = tokens[t];
    if (token && token.kind === 'star') {
      star = t++;
      resume = i;
    } else if (token && tokenMatches(token, codes[i])) {
      t++;
      i++;
    } else if (star !== -1) {
      // The last star takes one more character; the tokens after it start again.
      t = star + 1;
      i = ++resume;
    } else return false;
  }
  while (tokens[t]?.kind === 'star') t++;
  return t === tokens.length;
}

/**
 * Path segments against segment patterns. The patterns between two `**` are matched at their first place
 * (where they match first is always best: they match a fixed number of segments), the last run at the end.
 * A `**` in the middle or at the start stands for zero or more segments; at the end, for one or more.
 */
function matchPath(segments: readonly Segment[], path: readonly string[]): boolean {
  const runs: Token[][][] = [[]];
  for (const s of segments) {
    if (s === 'globstar') runs.push([]);
    else runs[runs.length - 1].push(s);
  }
  const runMatches = (run: readonly Token[][], at: number): boolean => run.every((tokens, k) => matchSegment(tokens, path[at + k]));
  const first = runs[0];
  if (runs.length === 1) return path.length === first.length && runMatches(first, 0);
  if (first.length > path.length || !runMatches(first, 0)) return false;
  let at = first.length;
  for (let r = 1; r < runs.length - 1; r++) {
    const run = runs[r];
    while (at + run.length <= path.length && !runMatches(run, at)) at++;
    if (at + run.length > path.length) return false;
    at += run.length;
  }
  const last = runs[runs.length - 1];
  // A trailing `**` needs something under the folder before it.
  if (last.length === 0) return segments[segments.length - 1] !== 'globstar' || path.length > at;
  return path.length - last.length >= at && runMatches(last, path.length - last.length);
}

/**
 * A compiled set of globs: `matches(relativePath)` is true when any glob matches the path or one of its
 * folders. A glob that does not compile is left out and listed in `errors` ("glob: reason").
 */
export class GlobSet {
  private readonly globs: Glob[] = [];
  readonly errors: string[] = [];
  constructor(globs: readonly string[]) {
    for (const glob of globs) {
      try {
        this.globs.push(compileGlob(glob));
      } catch (e) {
        if (!(e instanceof GlobError)) throw e;
        this.errors.push(`invalid glob ${JSON.stringify(glob)}: ${e.message}`);
      }
    }
  }
  get size(): number {
    return this.globs.length;
  }
  matches(relativePath: string): boolean {
    const path = relativePath.replace(/\\/g, '/');
    if (path.startsWith('../')) return false;
    for (const glob of this.globs) {
      if (glob.matches(path)) return true;
      for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) {
        if (glob.matches(path.slice(0, slash))) return true;
      }
    }
    return false;
  }
}
