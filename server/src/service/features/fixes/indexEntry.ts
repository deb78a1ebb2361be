/**
 * Fixes for the index entry: add a missing field (index.field-missing) and replace a value with an allowed one
 * (index.value-not-allowed).
 */
import { lineAt, lineEnd } from '../../text';
import { beforeDirectives, insertBlock, isLineStart, lineText } from './text';
import type { RuleFixes } from './types';

export const indexFieldMissingFixes: RuleFixes = {
  fixAllTitle: 'Add all missing index entry fields',
  fixes({ model, eol }, d) {
    const field = d.data?.field;
    const insertAt = d.data?.insertAt;
    const entry = model.indexEntry;
    if (!entry || typeof field !== 'string' || typeof insertAt !== 'number' || insertAt < 0 || insertAt > model.text.length) return [];
    const { text, lineStarts } = model;
    const fields = entry.fields;
    const lastField = fields[fields.length - 1];
    const title = `Add the field "${field}" to the index entry`;
    if (lastField) {
      // After the last field, as a list item like it: same indentation and marker, and a blank line before it
      // when the fields are separated by blank lines (a loose list).
      if (lastField.end !== insertAt) return [];
      const itemLine = lineText(model, lineAt(lineStarts, lastField.labelStart));
      const marker = /^(\s*[-*+]\s+)/.exec(itemLine)?.[1] ?? '- ';
      const previous = fields[fields.length - 2];
      const loose = previous !== undefined && /\n[ \t]*\r?\n|\r[ \t]*\r/.test(text.slice(previous.end, lineStarts[lineAt(lineStarts, lastField.labelStart)]));
      const at = lineEnd(text, lineStarts, lineAt(lineStarts, insertAt));
      if (at !== insertAt) return [];
      return [{ title, edits: [{ start: at, end: at, newText: (loose ? eol + eol : eol) + `${marker}**${field}:** TODO` }], isPreferred: true }];
    }
    // An entry without fields: the item goes at the end of the section's own content.
    if (!isLineStart(model, insertAt)) return [];
    return [{ title, edits: [insertBlock(model, beforeDirectives(model, insertAt), [`- **${field}:** TODO`], eol)], isPreferred: true }];
  },
};

export const indexValueNotAllowedFixes: RuleFixes = {
  fixes({ model }, d) {
    const allowed = d.data?.allowed;
    const field = model.indexEntry?.fields.find((f) => f.valueStart === d.start && f.valueEnd === d.end);
    if (!field || !Array.isArray(allowed)) return [];
    // The value's first line: the message names it, and later lines are the field's explanation.
    const end = Math.min(field.valueEnd, lineEnd(model.text, model.lineStarts, lineAt(model.lineStarts, field.valueStart)));
    return allowed
      .filter((v): v is string => typeof v === 'string')
      .map((v) => ({ title: `Change ${field.label} to "${v}"`, edits: [{ start: field.valueStart, end, newText: v }] }));
  },
};
