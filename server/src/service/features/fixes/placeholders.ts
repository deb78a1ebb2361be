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
