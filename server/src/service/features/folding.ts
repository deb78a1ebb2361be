/**
 * Folding ranges: sections, fenced code blocks, front matter and HTML comments in Markdown; each step in a
 * YAML definition. Lines are 0-based; a range is only worth reporting when it spans more than one line.
 */
import { LineFlag } from '../model';
import type { WorkflowModel } from '../model';
import { lineAt } from '../text';
import type { FoldingRangeItem } from './types';

export function foldingRanges(model: WorkflowModel): FoldingRangeItem[] {
  const out: FoldingRangeItem[] = [];
  const add = (startLine: number, endLine: number, kind?: FoldingRangeItem['kind']): void => {
    if (endLine <= startLine) return;
    out.push(kind ? { startLine, endLine, kind } : { startLine, endLine });
  };
  const { lineStarts, text } = model;
  /** The line of the last character before `offset` (the line an exclusive end offset closes). */
  const lastLineBefore = (offset: number): number => lineAt(lineStarts, Math.max(0, offset - 1));

  if (model.frontmatter && model.frontmatter.endLine > 0) add(lineAt(lineStarts, model.frontmatter.start), model.frontmatter.endLine - 1);

  if (model.kind === 'yaml') {
    for (const step of model.steps) add(lineAt(lineStarts, step.start), lastLineBefore(step.end));
    return out.sort(byStart);
  }

  const md = model.md;
  const flags = md?.lineFlags;
  /** Moves an inclusive end line up past blank lines (a fold should not swallow the gap before the next heading). */
  const trimBlank = (startLine: number, endLine: number): number => {
    while (endLine > startLine && flags && endLine < flags.length && flags[endLine] & LineFlag.Blank) endLine--;
    return endLine;
  };

  for (const section of model.sections) {
    const startLine = section.heading.line;
    add(startLine, trimBlank(startLine, lastLineBefore(section.end)));
  }
  if (md) {
    for (const block of md.codeBlocks) {
      if (!block.fenced) continue;
      // An unclosed fence runs to the end of its container: do not fold the blank lines it swallowed.
      add(block.line, block.closed ? block.endLine - 1 : trimBlank(block.line, block.endLine - 1));
    }
    for (const html of md.htmlBlocks) {
      if (!/^\s*<!--/.test(text.slice(html.start, Math.min(html.end, html.start + 64)))) continue;
      add(html.line, trimBlank(html.line, html.endLine - 1), 'comment');
    }
  }
  return out.sort(byStart);
}

function byStart(a: FoldingRangeItem, b: FoldingRangeItem): number {
  return a.startLine - b.startLine || b.endLine - a.endLine;
}
