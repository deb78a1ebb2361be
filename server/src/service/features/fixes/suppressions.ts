/**
 * "Disable this rule for this line / for this file": the inline suppression comments the parser reads
 * (`<!-- wfs-disable-next-line id -->`, `<!-- wfs-disable id -->`; `# wfs-...` in YAML definitions).
 */
import { LineFlag } from '../../model';
import type { WorkflowModel } from '../../model';
import { lineAt, lineEnd } from '../../text';
import type { TextEdit } from '../types';
import type { DiagnosticRef } from '../types';
import { lineText, startOfLineAt } from './text';
import type { Fix, FixContext } from './types';

/** The two suppression fixes of a diagnostic (fewer where a comment cannot reach it). */
export function suppressionFixes(ctx: FixContext, d: DiagnosticRef): Fix[] {
  const fixes: Fix[] = [];
  const line = disableLineEdit(ctx, d);
  if (line) fixes.push({ title: `Disable ${d.code} for this line`, edits: [line] });
  const file = disableFileEdit(ctx, d);
  if (file) fixes.push({ title: `Disable ${d.code} for this file`, edits: [file] });
  return fixes;
}

function disableLineEdit({ model, eol }: FixContext, d: DiagnosticRef): TextEdit | undefined {
  const { text, lineStarts } = model;
  const line = lineAt(lineStarts, Math.min(d.start, text.length));
  const raw = lineText(model, line);
  const fm = model.frontmatter;
  let comment: (id: string) => string;
  let existing: RegExp;
  if (model.kind === 'yaml') {
    comment = (id) => `# wfs-disable-next-line ${id}`;
    existing = /^\s*#\s*wfs-disable-next-line[ \t]+(\S(?:.*[^ \t\n\r\u2028\u2029])?)[ \t]*$/d;
  } else if (fm && fm.closed && d.start >= fm.start && d.start < fm.end) {
    // In front matter, a YAML comment carries the Markdown directive (an HTML comment there would break the YAML).
    // The delimiter lines cannot take one above them, and JSON front matter has no comments.
    if (d.start < fm.contentStart || d.start >= fm.contentEnd || fm.language !== 'yaml') return undefined;
    comment = (id) => `# <!-- wfs-disable-next-line ${id} -->`;
    existing = /^\s*#\s*<!--\s*wfs-disable-next-line[ \t]+(\S(?:[^>]*[^>\s])?)\s*-->\s*$/d;
  } else {
    // Above an unclosed front matter's opening line, a comment would only hide the problem by moving the `---`.
    if (fm && !fm.closed && line === 0) return undefined;
    const flags = model.md?.lineFlags[line] ?? 0;
    // Inside a code block or a table a comment line would become code or end the table: only their first line.
    if (flags & LineFlag.Code && !model.md?.codeBlocks.some((b) => b.line === line)) return undefined;
    if (flags & LineFlag.Table && !model.md?.tables.some((t) => t.line === line)) return undefined;
    comment = (id) => `<!-- wfs-disable-next-line ${id} -->`;
    existing = /^\s*<!--\s*wfs-disable-next-line[ \t]+(\S(?:[^>]*[^>\s])?)\s*-->\s*$/d;
  }
  // A directive already above the line: name one more rule in it (a second one above would suppress the first).
  if (line > 0) {
    const above = lineText(model, line - 1);
    const at = groupOffset(above, existing);
    if (at !== undefined) return { start: lineStarts[line - 1] + at, end: lineStarts[line - 1] + at, newText: ` ${d.code}` };
  }
  const indent = /^[ \t]*(?:>[ \t]?)*/.exec(raw)?.[0] ?? '';
  return { start: lineStarts[line], end: lineStarts[line], newText: `${indent}${comment(d.code)}${eol}` };
}

/**
 * Where the rule list of an existing directive ends in `line` (the end of `re`'s first group, which needs the
 * `d` flag); undefined when the line is no such directive. A directive without rules covers every rule and is
 * left alone. The expressions end the list at a character that is not blank (`\S(?:[^>]*[^>\s])?`), not with
 * a lazy `[^>]*?` before blanks: the lazy form tried the blanks after every character of a long list.
 */
function groupOffset(line: string, re: RegExp): number | undefined {
  return re.exec(line)?.indices?.[1]?.[1];
}

function disableFileEdit({ model, eol }: FixContext, d: DiagnosticRef): TextEdit | undefined {
  if (model.kind === 'yaml') return fileDirective(model, 0, d.code, `# wfs-disable ${d.code}`, /^\s*#\s*wfs-disable[ \t]+(\S(?:.*[^ \t\n\r\u2028\u2029])?)[ \t]*$/d, eol);
  const fm = model.frontmatter;
  if (fm && !fm.closed) return undefined;
  if (fm && d.start < fm.end) {
    // A region starts at its comment: for a problem in the front matter, the comment goes at the top of it.
    if (d.start < fm.contentStart || fm.language !== 'yaml') return undefined;
    return fileDirective(model, fm.contentStart, d.code, `# <!-- wfs-disable ${d.code} -->`, /^\s*#\s*<!--\s*wfs-disable[ \t]+(\S(?:[^>]*[^>\s])?)\s*-->\s*$/d, eol);
  }
  return fileDirective(model, fm ? (startOfLineAt(model, fm.end) ?? fm.end) : 0, d.code, `<!-- wfs-disable ${d.code} -->`, /^\s*<!--\s*wfs-disable[ \t]+(\S(?:[^>]*[^>\s])?)\s*-->\s*$/d, eol);
}

/** The directive on its own line at `at` (a line start), or the rule added to the same directive already there. */
function fileDirective(model: WorkflowModel, at: number, id: string, directive: string, existing: RegExp, eol: string): TextEdit {
  const { text, lineStarts } = model;
  const line = lineAt(lineStarts, at);
  if (lineStarts[line] === at && at < text.length) {
    const current = text.slice(at, lineEnd(text, lineStarts, line));
    const offset = groupOffset(current, existing);
    if (offset !== undefined) return { start: at + offset, end: at + offset, newText: ` ${id}` };
  }
  // A text that ends with the front matter's closing line and no line ending: the directive needs a line of its own.
  if (lineStarts[line] !== at) return { start: at, end: at, newText: eol + directive };
  return { start: at, end: at, newText: directive + eol };
}
