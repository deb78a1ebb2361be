/**
 * Shell quoting for values substituted into commands. Pure: no vscode import, so the run engine and its unit
 * tests share it.
 */

/** A POSIX single-quoted word: inside single quotes nothing is special, so only `'` needs `'\''`. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Where a position of a shell script is, as far as quoting goes. */
export type QuoteContext = 'none' | 'single' | 'double' | 'heredoc' | 'heredoc-literal';

/**
 * The text that puts `value` into the script at a position of the given context as one literal word part.
 * Each form ends in the context it started in, so the surrounding text keeps its meaning:
 * - outside quotes: a single-quoted word;
 * - inside '...': the value with `'` as `'\''` (close, escaped quote, reopen);
 * - inside "...": close the double quotes, a single-quoted word, reopen ("a"'v'"b" is one word);
 * - an unquoted heredoc body expands `$`, backquotes and `\`, so those are escaped;
 * - a quoted heredoc body (<<'EOF') is literal already.
 */
export function quoteFor(context: QuoteContext, value: string): string {
  switch (context) {
    case 'none':
      return shellQuote(value);
    case 'single':
      return value.replace(/'/g, `'\\''`);
    case 'double':
      return `"${shellQuote(value)}"`;
    case 'heredoc':
      return value.replace(/[\\$`]/g, (c) => `\\${c}`);
    case 'heredoc-literal':
      return value;
  }
}

/**
 * Walks a script and calls `visit` at each offset with its quote context; `visit` returns how many characters
 * it consumed (a placeholder) or 0. Tracks '...', "...", backslash escapes, # comments and heredoc bodies, which
 * is enough to quote substitutions correctly; it is not a full shell parser (no $(...) nesting, no case
 * patterns).
 */
export function scanShell(code: string, visit: (offset: number, context: QuoteContext) => number): void {
  let state: 'none' | 'single' | 'double' | 'comment' = 'none';
  // Heredocs announced on the current line; their bodies start at the next line.
  const pending: { delimiter: string; literal: boolean; stripTabs: boolean }[] = [];
  let i = 0;
  while (i < code.length) {
    if (state !== 'comment') {
      const used = visit(i, state);
      if (used > 0) {
        i += used;
        continue;
      }
    }
    const c = code[i];
    if (c === '\n') {
      if (state === 'comment') state = 'none';
      i++;
      if (state === 'none') i = heredocBodies(code, i, pending, visit);
      continue;
    }
    if (state === 'comment') {
      i++;
      continue;
    }
    if (state === 'single') {
      if (c === "'") state = 'none';
      i++;
      continue;
    }
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (state === 'double') {
      if (c === '"') state = 'none';
      i++;
      continue;
    }
    if (c === "'") state = 'single';
    else if (c === '"') state = 'double';
    else if (c === '#' && (i === 0 || /\s/.test(code[i - 1]))) state = 'comment';
    else if (c === '<' && code[i + 1] === '<' && code[i + 2] !== '<') {
      const m = /^<<(-?)\s*(?:'([^'\n]+)'|"([^"\n]+)"|\\?([A-Za-z_][\w-]*))/.exec(code.slice(i));
      if (m) {
        pending.push({ delimiter: m[2] ?? m[3] ?? m[4], literal: m[4] === undefined || m[0].includes('\\'), stripTabs: m[1] === '-' });
        i += m[0].length;
        continue;
      }
    }
    i++;
  }
}

/** Visits the bodies of the pending heredocs from `start` (a line start); returns the offset after them. */
function heredocBodies(
  code: string,
  start: number,
  pending: { delimiter: string; literal: boolean; stripTabs: boolean }[],
  visit: (offset: number, context: QuoteContext) => number,
): number {
  let i = start;
  while (pending.length > 0 && i < code.length) {
    const doc = pending[0];
    const end = code.indexOf('\n', i);
    const lineEnd = end < 0 ? code.length : end;
    const line = code.slice(i, lineEnd);
    if ((doc.stripTabs ? line.replace(/^\t+/, '') : line) === doc.delimiter) {
      pending.shift();
      i = lineEnd + 1;
      continue;
    }
    while (i < lineEnd) {
      const used = visit(i, doc.literal ? 'heredoc-literal' : 'heredoc');
      i += used > 0 ? used : 1;
    }
    i = lineEnd + 1;
  }
  return Math.min(i, code.length);
}
