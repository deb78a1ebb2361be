/**
 * Unfilled content: placeholders (`[Step Name]`, `<WORKFLOW_NAME>`, `{{var}}`, `${VAR}`, a lone `X`) and lines that
 * hold nothing else. Shared by the section analysis, the step finder and the rules.
 */

import { replaceDelimited } from '../textScan';
import type { Delimited } from '../textScan';

const HTML_TAGS = new Set(['br', 'hr', 'img', 'a', 'b', 'i', 'u', 'p', 'div', 'span', 'details', 'summary', 'sup', 'sub', 'kbd', 'code', 'pre', 'em', 'strong', 'small', 'table', 'tr', 'td', 'th']);

const PLACEHOLDER_CHARS = /[[<{X]/;

// `{{name}}`, `${NAME}` and `[Name]` (not a link), as `/\{\{[^}\n]*\}\}/g`, `/\$\{[^}\n]*\}/g`, `/\[[^\]\n]*\](?!\()/g`.
const MUSTACHE: Delimited = { open: '{{', close: '}', closers: 2 };
const SHELL_VARIABLE: Delimited = { open: '${', close: '}' };
const BRACKETED: Delimited = { open: '[', close: ']', notFollowedBy: '(' };

/** Remove placeholders: `[Step Name]`, `<WORKFLOW_NAME>`, `{{var}}`, `${VAR}`, a lone `X`. */
export function stripPlaceholders(s: string): string {
  const tagged = replaceDelimited(replaceDelimited(s, MUSTACHE, ' '), SHELL_VARIABLE, ' ').replace(
    /`?<([A-Za-z_][\w ./|-]*)>`?/g,
    (all, name: string) => (HTML_TAGS.has(name.toLowerCase()) ? all : ' '),
  );
  return replaceDelimited(tagged, BRACKETED, ' ')
    .replace(/(^|[\s~])X(?=$|[\s.,;:)])/g, '$1 ');
}

/**
 * A line with nothing but list markers, a label, placeholders, empty checkboxes and punctuation.
 * A character scan (no allocation): this runs for every line of every section.
 */
export function isUnfilledLine(line: string): boolean {
  const n = line.length;
  let i = skipListMarker(line, 0);
  i = skipLabel(line, i);
  while (i < n) {
    const c = line.charCodeAt(i);
    if (c === 91 /* [ */) {
      const close = line.indexOf(']', i + 1);
      // `[text](url)` is a link: its text is content. `[ ]`, `[x]` and `[Placeholder]` are not.
      if (close === -1 || line.charCodeAt(close + 1) === 40 /* ( */) return false;
      i = close + 1;
      continue;
    }
    if (c === 60 /* < */) {
      const m = /^<([A-Za-z_][\w ./|-]*)>/.exec(line.slice(i, i + 80));
      if (m && !HTML_TAGS.has(m[1].toLowerCase())) {
        i += m[0].length;
        continue;
      }
    }
    if ((c === 123 /* { */ && line.charCodeAt(i + 1) === 123) || (c === 36 /* $ */ && line.charCodeAt(i + 1) === 123)) {
      const close = line.indexOf('}', i + 2);
      if (close !== -1) {
        i = close + (c === 123 && line.charCodeAt(close + 1) === 125 ? 2 : 1);
        continue;
      }
    }
    if (c === 88 /* X */ && !isWordChar(line.charCodeAt(i - 1)) && !isWordChar(line.charCodeAt(i + 1))) {
      i++;
      continue;
    }
    if (isWordChar(c) || c > 127) {
      // Any letter or digit outside a placeholder is content (non-ASCII: letters of other scripts, emoji aside).
      if (c <= 127 || /[\p{L}\p{N}]/u.test(line[i])) return false;
    }
    i++;
  }
  return true;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function skipSpaces(line: string, i: number): number {
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  return i;
}

/** Skip a leading list marker ("- ", "* ", "+ ", "1. ", "2) "). */
function skipListMarker(line: string, i: number): number {
  i = skipSpaces(line, i);
  const c = line.charCodeAt(i);
  if ((c === 45 || c === 42 || c === 43) && (line.charCodeAt(i + 1) === 32 || i + 1 === line.length)) return skipSpaces(line, i + 1);
  let j = i;
  while (j < line.length && line.charCodeAt(j) >= 48 && line.charCodeAt(j) <= 57) j++;
  if (j > i && (line.charCodeAt(j) === 46 || line.charCodeAt(j) === 41)) return skipSpaces(line, j + 1);
  return i;
}

/** Skip a leading "**Label**:", "**Label:**" or plain "Label: " (a label is not content). */
function skipLabel(line: string, i: number): number {
  const c = line.charCodeAt(i);
  if ((c === 42 || c === 95) && line.charCodeAt(i + 1) === c) {
    const close = line.indexOf(c === 42 ? '**' : '__', i + 2);
    if (close !== -1 && close - i <= 62) {
      // A label has its colon inside the bold or right after it; a bold phrase without one is content.
      const inside = line.charCodeAt(close - 1);
      if (inside === 58 || inside === 0xff1a) return close + 2;
      const j = skipSpaces(line, close + 2);
      if (line.charCodeAt(j) === 58 || line.charCodeAt(j) === 0xff1a) return j + 1;
      // A label with a note: "**Rollback** (if step fails):".
      if (line.charCodeAt(j) === 40) {
        const paren = line.indexOf(')', j);
        const k = paren === -1 ? -1 : skipSpaces(line, paren + 1);
        if (k !== -1 && (line.charCodeAt(k) === 58 || line.charCodeAt(k) === 0xff1a)) return k + 1;
      }
      // A short bold label alone on its line ("**Steps**") holds nothing either; a bold sentence is content.
      if (j >= line.length && line.slice(i + 2, close).trim().split(/\s+/).length <= 3) return j;
    }
    return i;
  }
  // A plain label: up to 40 letters, digits, spaces, '/', '&', '-' and then ':' + space.
  const colon = line.indexOf(':', i);
  if (colon > i && colon - i <= 41 && (colon + 1 === line.length || line.charCodeAt(colon + 1) === 32)) {
    if (/^[\p{L}][\p{L}\p{N} /&-]*$/u.test(line.slice(i, colon))) return colon + 1;
  }
  return i;
}

/** Masks of dates and times a template leaves to fill in: YYYY-MM-DD, HH:MM. */
const DATE_MASK = /^(?:YYYY(?:[-/.]?MM(?:[-/.]?DD)?)?|HH:MM(?::SS)?|DD[-/.]MM[-/.]YYYY)$/;

/** A table cell that holds nothing: empty, a placeholder or a date mask. */
export function isUnfilledCell(cell: string): boolean {
  const c = cell.trim();
  return c === '' || DATE_MASK.test(c) || isUnfilledLine(c);
}

// Sentences a template addresses to its author: "Brief description of ...", "Describe ...", "Continue ...".
const AUTHOR_GUIDANCE = /^(?:(?:brief|short) (?:description|summary)\b|description of\b|describe\b|explain\b|summari[sz]e\b|(?:continue|add|repeat|include|list|document|insert|fill in|write)\b.*(?:\.\.\.|…)$)/i;

/** A line of guidance to the document's author rather than content for its reader. */
export function isAuthorGuidance(line: string): boolean {
  return AUTHOR_GUIDANCE.test(line.trim());
}

/**
 * A line whose words are mostly placeholders: at least one, and at most two other words ("[Metric] exceeds
 * [threshold]", "⚠️ Escalate to L2 if: [Condition]").
 */
export function isMostlyPlaceholders(line: string): boolean {
  // Without `[`, `<`, `{` or an `X` there is no placeholder to strip (most lines): no regex then.
  if (!PLACEHOLDER_CHARS.test(line)) return false;
  // List markers, task boxes and emoji first: a checkbox is not a placeholder.
  const stripped = line.replace(/^[\s\p{Extended_Pictographic}\u{FE0F}\u{200D}>*_+-]*(?:\d+[.)]\s+)?(?:\[[ xX]\]\s+)?[\s\p{Extended_Pictographic}\u{FE0F}\u{200D}]*/u, '');
  const rest = stripPlaceholders(stripped);
  if (rest === stripped) return false;
  const label = rest.replace(/^[^:：]{1,40}[:：]\s/u, '');
  const words = label.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
  // Scripts without spaces write a sentence as one "word": count its letters instead.
  return words.length <= 2 && words.join('').length <= 16;
}
