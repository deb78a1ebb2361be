/**
 * Normalization shared by the model builder and the templates: section titles, field labels, guidance lines.
 */
import { STEP_WORDS } from './vocabulary';
import { replaceParenthesized, stripSingleEmphasis } from '../textScan';

// Leading numbering: "0.", "2.1", "2.1.", "10)", "Step 3:", "Schritt 2:", "Phase 1 -", "步骤8:" (the step words of
// parse/vocabulary.ts). Each part is optional at most once and the words are literals: no backtracking blow-up.
export const LEADING_NUMBER = new RegExp(String.raw`^(?:(?:${STEP_WORDS.join('|')})\s*)?(\d+(?:\.\d+)*)[.):]?(?:\s*[:—–-])?\s+`, 'iu');
// Emoji and pictographs (and the variation selector / joiner that follow them).
const EMOJI = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{FE0F}\u{200D}\u{20E3}]/gu;

/** Strip Markdown emphasis and inline code markers from a short inline text. */
export function stripInline(text: string): string {
  // Most titles have no markup: skip the three replaces (this runs for every heading and label).
  if (!/[*_`]/.test(text)) return text;
  return stripSingleEmphasis(text.replace(/(\*\*|__)(.+?)\1/g, '$2')).replace(/`([^`]*)`/g, '$1');
}

const NON_ASCII = /[^\x00-\x7f]/;

/** Split a heading's text into its leading number (if any) and its title. */
export function splitNumber(text: string): { number?: string; title: string } {
  // Fast paths: most titles are ASCII (no emoji to remove) and many have no digit (no number to split off).
  let plain = stripInline(text);
  if (NON_ASCII.test(plain)) plain = plain.replace(EMOJI, '');
  plain = plain.trim();
  const m = /\d/.test(plain) ? LEADING_NUMBER.exec(plain + ' ') : null;
  if (m) return { number: m[1], title: plain.slice(m[0].length).trim().replace(/[:：]\s*$/, '') };
  return { title: plain.replace(/[:：]\s*$/, '') };
}

/** The key of an already split title (see sectionKey). */
export function titleKey(title: string): string {
  const lower = replaceParenthesized(title.toLowerCase(), ' ').replace(/&/g, ' and ');
  return (NON_ASCII.test(lower) ? lower.replace(/[^\p{L}\p{N}]+/gu, ' ') : lower.replace(/[^a-z0-9]+/g, ' ')).trim();
}

/**
 * The key two section titles are compared by: numbering, emoji, emphasis, punctuation and case removed.
 * "## 0. Index Entry (for catalog)" and "## Index entry" both give "index entry" (a parenthetical is dropped).
 */
export function sectionKey(title: string): string {
  return titleKey(splitNumber(title).title);
}

/** The key a field label is compared by ("Short description (1–2 sentences):" gives "short description"). */
export function fieldKey(label: string): string {
  return sectionKey(label);
}

/** A line of guidance text, normalized for comparison with a template's guidance. */
export function guidanceKey(line: string): string {
  // Leading quote markers, then a list marker and task box, are dropped; emphasis and code marks removed;
  // whitespace collapsed; lower case. A character loop: this runs for many lines of every document.
  let i = keyStart(line);
  const n = line.length;
  // Most lines are plain prose: no emphasis marks, single spaces, no trailing space. Their key is one slice.
  let end = i;
  let plain = true;
  for (let k = i; k < n; k++) {
    const ch = line.charCodeAt(k);
    if (ch === 32) {
      if (k === i || line.charCodeAt(k - 1) === 32) plain = false;
    } else if (ch === 42 || ch === 95 || ch === 96 || ch === 9 || ch === 10 || ch === 13 || ch === 12 || ch === 11 || ch === 0xa0) {
      plain = false;
      break;
    } else end = k + 1;
  }
  if (plain && end === n) return line.slice(i, n).toLowerCase();
  // Otherwise whole runs of kept characters are appended at once (a string per word, not per character).
  let out = '';
  let space = false;
  let run = -1;
  for (; i < n; i++) {
    const ch = line.charCodeAt(i);
    const skip = ch === 42 || ch === 95 || ch === 96;
    const blank = !skip && (ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 12 || ch === 11 || ch === 0xa0);
    if (skip || blank) {
      if (run >= 0) {
        out += line.slice(run, i);
        run = -1;
      }
      if (blank) space = out.length > 0;
      continue;
    }
    if (run < 0) {
      if (space) {
        out += ' ';
        space = false;
      }
      run = i;
    }
  }
  if (run >= 0) out += line.slice(run, n);
  return out.toLowerCase();
}

/** Where a line's guidance key starts: after quote markers, a list marker and an empty or ticked task box. */
function keyStart(line: string): number {
  let i = 0;
  const n = line.length;
  for (;;) {
    while (i < n && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
    if (line.charCodeAt(i) === 62 /* > */) i++;
    else break;
  }
  const c = line.charCodeAt(i);
  let j = i;
  if (c === 45 || c === 42 || c === 43) j = i + 1;
  else {
    while (j < n && line.charCodeAt(j) >= 48 && line.charCodeAt(j) <= 57) j++;
    j = j > i && (line.charCodeAt(j) === 46 || line.charCodeAt(j) === 41) ? j + 1 : i;
  }
  if (j > i && (line.charCodeAt(j) === 32 || line.charCodeAt(j) === 9)) {
    i = j;
    while (i < n && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
    if (line.charCodeAt(i) === 91 && /[ xX]/.test(line[i + 1] ?? '') && line.charCodeAt(i + 2) === 93 && (line.charCodeAt(i + 3) === 32 || line.charCodeAt(i + 3) === 9)) {
      i += 3;
      while (i < n && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
    }
  }
  return i;
}

/** Blank characters of guidanceKey (collapsed to one space); `*`, `_` and backticks are dropped. */
function isKeyBlank(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 12 || ch === 11 || ch === 0xa0;
}

/** How many leading characters of a guidance key guidanceKeyPrefix packs: 7 bits each, 49 bits in all. */
export const GUIDANCE_PREFIX_LENGTH = 7;

/**
 * The first GUIDANCE_PREFIX_LENGTH characters of guidanceKey(line) packed into one number (7 bits each, exact
 * in a double), or -1 when the key is shorter or one of them is not ASCII: a cheap pre-test before building the
 * whole key.
 */
export function guidanceKeyPrefix(line: string): number {
  const n = line.length;
  let i = keyStart(line);
  let packed = 0;
  let count = 0;
  let space = false;
  for (; i < n; i++) {
    const ch = line.charCodeAt(i);
    if (ch === 42 || ch === 95 || ch === 96) continue;
    if (isKeyBlank(ch)) {
      space = count > 0;
      continue;
    }
    if (ch >= 128) return -1;
    if (space) {
      space = false;
      packed = packed * 128 + 32;
      if (++count === GUIDANCE_PREFIX_LENGTH) return packed;
    }
    packed = packed * 128 + (ch >= 65 && ch <= 90 ? ch + 32 : ch);
    if (++count === GUIDANCE_PREFIX_LENGTH) return packed;
  }
  return -1;
}
