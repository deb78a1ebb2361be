/**
 * The fix for an unfilled placeholder (placeholder.unfilled): select it, so that typing the real value replaces it.
 * It changes no text itself: only the author knows the value.
 */
import type { RuleFixes } from './types';

export const placeholderFixes: RuleFixes = {
  fixes: ({ model }, d) => {
    const p = model.placeholders.find((x) => x.start === d.start && x.end === d.end);
    if (!p) return [];
    return [{ title: `Select ${p.text} to type its value`, edits: [], select: { start: p.start, end: p.end }, isPreferred: true }];
  },
};

/** shell.unquoted-placeholder: put the placeholder in double quotes, when the text still reads `${NAME}` there. */
export const shellUnquotedPlaceholderFixes: RuleFixes = {
  fixAllTitle: 'Quote every unquoted placeholder',
  fixes: ({ model }, d) => {
    const name = d.data?.name;
    const text = model.text.slice(d.start, d.end);
    if (typeof name !== 'string' || text !== `\${${name}}`) return [];
    return [{ title: `Quote \${${name}}`, edits: [{ start: d.start, end: d.end, newText: `"${text}"` }], isPreferred: true }];
  },
};
