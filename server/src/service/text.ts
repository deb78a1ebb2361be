/**
 * Offsets and positions. Internally everything is an offset into the full text; this module is the one
 * place that converts offsets to 0-based line/character positions (UTF-16, as LSP uses by default).
 */

export interface Position {
  line: number;
  character: number;
}

/**
 * Offsets of each line's first character. Line endings are `\n`, `\r\n` and a lone `\r`
 * (CommonMark's definition, so line numbers agree with markdown-it's).
 */
export function computeLineStarts(text: string): number[] {
  // Fast path: no CR in the text. One indexOf pass with push measured faster than counting first and
  // filling a preallocated array (0.26 ms against 0.51 ms for 10k lines; 3.7 ms against 5.8 ms for 100k).
  if (text.indexOf('\r') === -1) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  const starts = [0];
  for (let p = 0; p < text.length; p++) {
    const c = text.charCodeAt(p);
    if (c === 10) starts.push(p + 1);
    else if (c === 13) {
      if (text.charCodeAt(p + 1) === 10) {
        starts.push(p + 2);
        p++;
      } else starts.push(p + 1);
    }
  }
  return starts;
}

/** The offset of the end of `line`'s content (before its line ending). */
export function lineEnd(text: string, lineStarts: readonly number[], line: number): number {
  let end = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
  if (end > lineStarts[line] && text.charCodeAt(end - 1) === 10) end--;
  if (end > lineStarts[line] && text.charCodeAt(end - 1) === 13) end--;
  return end;
}

/** The line that contains `offset` (binary search). */
export function lineAt(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function offsetToPosition(lineStarts: readonly number[], offset: number): Position {
  const line = lineAt(lineStarts, offset);
  return { line, character: offset - lineStarts[line] };
}

export function positionToOffset(text: string, lineStarts: readonly number[], position: Position): number {
  if (position.line < 0) return 0;
  if (position.line >= lineStarts.length) return text.length;
  const start = lineStarts[position.line];
  return Math.min(start + Math.max(0, position.character), lineEnd(text, lineStarts, position.line));
}

/** Index of the last of `items` (sorted by `startOf`) that starts at or before `offset`, or -1. */
export function lastStartingAtOrBefore<T>(items: readonly T[], offset: number, startOf: (item: T) => number): number {
  let lo = 0;
  let hi = items.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (startOf(items[mid]) <= offset) {
      last = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return last;
}

/**
 * A copy of `s` that keeps no larger string alive. V8 makes a slice of 13 or more characters (`slice`, `trim`, a
 * regex match) a view into the string it was cut from, so a heading kept in a module-wide cache or a title kept
 * in the workspace index would keep its whole document's text in memory, one old version per edit. Strings
 * that outlive their document go through this first. Concatenation then slicing copies the characters into a
 * new flat string (the slice is a view of that copy, one character longer).
 */
export function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
