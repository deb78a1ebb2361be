/**
 * Text helpers shared by the quick fixes: the document's line ending, lines around an offset, inserting a block
 * of lines with blank lines around it, and combining many fixes' edits into one non-overlapping list.
 */
import type { WorkflowModel } from '../../model';
import { lineAt, lineEnd } from '../../text';
import type { TextEdit } from '../types';

/** The document's line ending (its first one), so that inserted lines match: CRLF documents get CRLF. */
export function eolOf(text: string): string {
  const lf = text.indexOf('\n');
  if (lf > 0 && text.charCodeAt(lf - 1) === 13) return '\r\n';
  if (lf === -1 && text.indexOf('\r') !== -1) return '\r';
  return '\n';
}

export function lineText(model: WorkflowModel, line: number): string {
  return model.text.slice(model.lineStarts[line], lineEnd(model.text, model.lineStarts, line));
}

export function isBlankLine(model: WorkflowModel, line: number): boolean {
  return line >= 0 && line < model.lineStarts.length && lineText(model, line).trim() === '';
}

/** Whether `offset` starts a line (or is the end of a text that ends with a line ending). */
export function isLineStart(model: WorkflowModel, offset: number): boolean {
  return model.lineStarts[lineAt(model.lineStarts, offset)] === offset;
}

/**
 * `at` as a line start: unchanged when it is one (or the end of the text), the next line's start when it is the end
 * of a line's content (the rules' front matter end is right after the closing `---`); undefined inside a line.
 */
export function startOfLineAt(model: WorkflowModel, at: number): number | undefined {
  if (at === model.text.length || isLineStart(model, at)) return at;
  const line = lineAt(model.lineStarts, at);
  if (at !== lineEnd(model.text, model.lineStarts, line)) return undefined;
  return line + 1 < model.lineStarts.length ? model.lineStarts[line + 1] : model.text.length;
}

const NEXT_LINE_DIRECTIVE = /^\s*(?:#\s*)?(?:<!--\s*)?wfs-disable-next-line\b/;

/**
 * Moves an insertion point at a line start above the `wfs-disable-next-line` comments right before it: those
 * belong to the line they precede, and text inserted between would take their place.
 */
export function beforeDirectives(model: WorkflowModel, at: number): number {
  let line = lineAt(model.lineStarts, at);
  if (model.lineStarts[line] !== at) return at;
  while (line > 0 && NEXT_LINE_DIRECTIVE.test(lineText(model, line - 1))) line--;
  return model.lineStarts[line];
}

/**
 * An edit inserting `lines` as a block of their own at `at` (a line start, or the end of the text): a blank line
 * separates them from the content before and after, unless one is already there.
 */
export function insertBlock(model: WorkflowModel, at: number, lines: readonly string[], eol: string): TextEdit {
  const { text } = model;
  const body = lines.join(eol);
  if (!isLineStart(model, at)) {
    // Inside a line (only the end of a text without a final line ending in practice): end that line first.
    const line = lineAt(model.lineStarts, at);
    const end = lineEnd(text, model.lineStarts, line);
    const blankBefore = lineText(model, line).trim() === '' ? eol : eol + eol;
    return { start: end, end, newText: end === text.length ? blankBefore + body : blankBefore + body + eol };
  }
  const line = lineAt(model.lineStarts, at);
  const prefix = at > 0 && !isBlankLine(model, line - 1) ? eol : '';
  const suffix = at < text.length && !isBlankLine(model, line) ? eol : '';
  return { start: at, end: at, newText: prefix + body + eol + suffix };
}

/**
 * The edits of many fixes as one list a client can apply: sorted, insertions at the same offset joined in order
 * (without piling up blank lines between them), and an edit that overlaps an earlier one dropped.
 */
export function combineEdits(edits: readonly TextEdit[], eol: string): TextEdit[] {
  // The same edit from two diagnostics (two rules fixed by one renumbering, say) is applied once.
  const unique = new Map<string, TextEdit>();
  for (const e of edits) {
    const key = `${e.start}:${e.end}:${e.newText}`;
    if (!unique.has(key)) unique.set(key, e);
  }
  // Array.prototype.sort is stable: edits at the same place keep the order they came in.
  const sorted = [...unique.values()].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TextEdit[] = [];
  const blank = eol + eol;
  for (const edit of sorted) {
    const last = out[out.length - 1];
    if (last && edit.start === last.start && last.start === last.end) {
      // An insertion followed by another edit at the same offset: one edit, texts in order.
      let next = edit.newText;
      while (last.newText.endsWith(blank) && next.startsWith(eol)) next = next.slice(eol.length);
      out[out.length - 1] = { start: last.start, end: edit.end, newText: last.newText + next };
      continue;
    }
    if (last && edit.start < last.end) continue;
    out.push({ ...edit });
  }
  return out;
}
