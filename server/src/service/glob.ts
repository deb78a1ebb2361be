/**
 * A small glob matcher for the config file's `formats`, `include` and `exclude` patterns.
 * Patterns are relative to the config's folder and use forward slashes. Like .gitignore, a pattern
 * without a slash matches a file or folder name at any depth, and a pattern that matches a folder
 * matches everything under it.
 */

/** Converts a glob (`*`, `**`, `?`, `[...]`, `{a,b}`) into a regular expression over a whole relative path. */
export function globToRegExp(glob: string): RegExp {
  let pattern = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  if (pattern.endsWith('/')) pattern = pattern.slice(0, -1);
  const anywhere = !pattern.includes('/');
  if (pattern.startsWith('/')) pattern = pattern.slice(1);
  const body = translate(pattern);
  return new RegExp(`^${anywhere ? '(?:.*/)?' : ''}${body}$`, 'u');
}

function translate(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*') {
      if (p[i + 1] === '*') {
        const atStart = i === 0 || p[i - 1] === '/';
        const atEnd = i + 2 === p.length || p[i + 2] === '/';
        if (atStart && atEnd) {
          // `**/` matches zero or more folders; a trailing `**` matches everything below.
          if (i + 2 === p.length) out += '.*';
          else {
            out += '(?:.*/)?';
            i++;
          }
          i++;
          continue;
        }
        i++;
      }
      out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = p.indexOf(']', i + 2);
      if (close === -1) out += '\\[';
      else {
        let cls = p.slice(i + 1, close);
        if (cls.startsWith('!')) cls = '^' + cls.slice(1);
        out += `[${cls.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (c === '{') {
      const close = matchingBrace(p, i);
      if (close === -1) out += '\\{';
      else {
        out += `(?:${splitAlternatives(p.slice(i + 1, close)).map(translate).join('|')})`;
        i = close;
      }
    } else out += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return out;
}

function matchingBrace(p: string, open: number): number {
  let depth = 0;
  for (let i = open; i < p.length; i++) {
    if (p[i] === '{') depth++;
    else if (p[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function splitAlternatives(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}') depth--;
    else if (s[i] === ',' && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

/** A compiled set of globs: `matches(relativePath)` is true when any glob matches the path or one of its folders. */
export class GlobSet {
  private readonly regexps: RegExp[];
  constructor(globs: readonly string[]) {
    this.regexps = globs.map(globToRegExp);
  }
  get size(): number {
    return this.regexps.length;
  }
  matches(relativePath: string): boolean {
    const path = relativePath.replace(/\\/g, '/');
    if (path.startsWith('../')) return false;
    for (const re of this.regexps) {
      if (re.test(path)) return true;
      for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) {
        if (re.test(path.slice(0, slash))) return true;
      }
    }
    return false;
  }
}
