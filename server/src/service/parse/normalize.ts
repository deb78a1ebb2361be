/**
 * Normalization shared by the model builder and the templates: section titles, field labels, guidance lines.
 */

// Leading numbering: "0.", "2.1", "2.1.", "10)", "Step 3:", "Schritt 2:", "Phase 1 -".
const LEADING_NUMBER = /^(?:(?:step|schritt|stap|étape|etape|paso|passo|fase|phase|stage|ステップ|手順)\s*)?(\d+(?:\.\d+)*)[.):]?(?:\s*[:—–-])?\s+/iu;
// Emoji and pictographs (and the variation selector / joiner that follow them).
const EMOJI = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{FE0F}\u{200D}\u{20E3}]/gu;

/** Strip Markdown emphasis and inline code markers from a short inline text. */
export function stripInline(text: string): string {
  // Most titles have no markup: skip the three replaces (this runs for every heading and label).
  if (!/[*_`]/.test(text)) return text;
  return text.replace(/(\*\*|__)(.+?)\1/g, '$2').replace(/(\*|_)(\S(?:.*?\S)?)\1/g, '$2').replace(/`([^`]*)`/g, '$1');
}

/** Split a heading's text into its leading number (if any) and its title. */
export function splitNumber(text: string): { number?: string; title: string } {
  const plain = stripInline(text).replace(EMOJI, '').trim();
  const m = LEADING_NUMBER.exec(plain + ' ');
  if (m) return { number: m[1], title: plain.slice(m[0].length).trim().replace(/[:：]\s*$/, '') };
  return { title: plain.replace(/[:：]\s*$/, '') };
}

/**
 * The key two section titles are compared by: numbering, emoji, emphasis, punctuation and case removed.
 * "## 0. Index Entry (for catalog)" and "## Index entry" both give "index entry" (a parenthetical is dropped).
 */
export function sectionKey(title: string): string {
  return splitNumber(title)
    .title.toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The key a field label is compared by ("Short description (1–2 sentences):" gives "short description"). */
export function fieldKey(label: string): string {
  return sectionKey(label);
}

/** A line of guidance text, normalized for comparison with a template's guidance. */
export function guidanceKey(line: string): string {
  return line
    .replace(/^\s*(?:>\s*)+/, '')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/, '')
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}
