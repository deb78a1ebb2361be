/**
 * A document's metadata header: the lines under the title that say what the file is, who owns it and when it
 * was last checked. Teams write it in many ways:
 *
 *   **FILE**: workflows/release.md | **PURPOSE**: Release | **OWNER**: Platform | **LAST-AUDITED**: 2026-01-10
 *   **FILE:** workflows/release.md | **PURPOSE:** Release            (the colon inside the bold)
 *   # FILE: workflows/release.md | PURPOSE: Release                  (a heading)
 *   > **Version**: 1.0 | **Last Updated**: 2026-02-26 | **Owner**: Database Team
 *   **Owner:** Platform team                                         (one field per line, bold or not,
 *   Last updated: 2026-04-05                                          in a block quote or not)
 *
 * The header is looked for in the first lines of the body, before the first section under the title.
 */
import type { FileHeader, FileHeaderField, MdBlocks } from '../model';
import { LineFlag } from '../model';
import { lineEnd } from '../text';
import { isRegExpSpace } from '../textScan';

/** Field names a header line may carry, lower-cased (colons and emphasis removed). */
const METADATA_KEYS = new Set([
  'file', 'purpose', 'owner', 'owners', 'maintainer', 'maintainers', 'maintained by', 'author', 'authors', 'team', 'status',
  'version', 'doc version', 'last audited', 'last-audited', 'audited', 'last updated', 'updated', 'last update', 'last reviewed',
  'reviewed', 'last modified', 'modified', 'date', 'created', 'severity', 'priority', 'review date', 'next review', 'reviewers',
  'audience', 'applies to', 'incident type', 'category', 'service', 'on call', 'contact',
  'letzte aktualisierung', 'aktualisiert', 'stand', 'verantwortlich', 'autor', 'dernière mise à jour', 'mis à jour', 'responsable',
  'auteur', 'última actualización', 'actualizado', 'última atualização', 'atualizado', 'responsável', 'autor', 'versão', 'versión',
  '最后更新', '更新日期', '更新时间', '维护人', '维护人员', '负责人', '版本', '最終更新', '更新日', '担当', '担当者', 'バージョン',
  '최종 수정', '최종 업데이트', '담당자', '버전', 'последнее обновление', 'обновлено', 'владелец', 'версия',
]);

/** Field names whose value is the date the document was last checked or changed. */
export const AUDIT_DATE_KEYS = new Set([
  'last audited', 'last-audited', 'audited', 'last updated', 'updated', 'last update', 'last reviewed', 'reviewed', 'last modified',
  'modified', 'review date', 'letzte aktualisierung', 'aktualisiert', 'stand', 'dernière mise à jour', 'mis à jour',
  'última actualización', 'actualizado', 'última atualização', 'atualizado', '最后更新', '更新日期', '更新时间', '最終更新', '更新日',
  '최종 수정', '최종 업데이트', 'последнее обновление', 'обновлено',
]);

/** The normalized name of a header field: lower case, emphasis, colons and blanks folded. */
export function headerKey(key: string): string {
  return key.replace(/[*_`]/g, '').replace(/[:：]\s*$/, '').trim().replace(/\s+/g, ' ').toLowerCase();
}

// `**Key**: value`, `**Key:** value`, `__Key__ : value`, `*Key:* value`, `Key: value` at the start of a line or a pipe
// part. The key is short (at most 40 characters) and has no markup inside.
const FIELD = /^(?:\*\*|__|\*|_)?([^\s*_:|：][^*_:|：\n]{0,39}?)(?:\*\*|__|\*|_)?\s*[:：]\s*(?:\*\*|__|\*|_)?\s*/u;

interface RawField {
  key: string;
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
}

/** The fields of one line: the whole line, or its ` | `-separated parts. Offsets are into the full text. */
function lineFields(text: string, ls: number, le: number): RawField[] {
  let at = ls;
  // Block quote markers, a heading's `#`s, then the fields.
  while (at < le && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9)) at++;
  while (at < le && text.charCodeAt(at) === 62 /* > */) {
    at++;
    while (at < le && text.charCodeAt(at) === 32) at++;
  }
  while (at < le && text.charCodeAt(at) === 35 /* # */) at++;
  while (at < le && text.charCodeAt(at) === 32) at++;
  const out: RawField[] = [];
  let partStart = at;
  for (let i = at; i <= le; i++) {
    if (i < le && text.charCodeAt(i) !== 124 /* | */) continue;
    const part = text.slice(partStart, i);
    const lead = part.length - part.trimStart().length;
    const m = FIELD.exec(part.trimStart());
    if (m) {
      const keyStart = partStart + lead + m[0].indexOf(m[1]);
      const key = m[1].trim();
      let valueStart = partStart + lead + m[0].length;
      let valueEnd = i;
      while (valueEnd > valueStart && /\s/.test(text[valueEnd - 1])) valueEnd--;
      // A value that closes the emphasis its key opened ("*Last updated: 2026-01-01*").
      while (valueEnd > valueStart && (text.charCodeAt(valueEnd - 1) === 42 || text.charCodeAt(valueEnd - 1) === 95)) valueEnd--;
      while (valueStart < valueEnd && /\s/.test(text[valueStart])) valueStart++;
      out.push({ key, keyStart, keyEnd: keyStart + key.length, valueStart, valueEnd });
    }
    partStart = i + 1;
  }
  return out;
}

/**
 * The header in the first lines of the body: a FILE line (any spelling), or metadata fields, one line or several.
 * `kind` is 'file' for the FILE-header convention (a FILE field), 'metadata' otherwise.
 */
export function scanMetadataHeader(text: string, lineStarts: readonly number[], md: MdBlocks, bodyLine: number): FileHeader | undefined {
  const limit = Math.min(lineStarts.length, bodyLine + 25);
  let headings = 0;
  let found: { line: number; endLine: number; fields: FileHeaderField[] } | undefined;
  let contentLines = 0;
  for (let line = bodyLine; line < limit; line++) {
    const flags = md.lineFlags[line];
    if (flags & LineFlag.Code) {
      if (found) break;
      continue;
    }
    const ls = lineStarts[line];
    const le = lineEnd(text, lineStarts, line);
    const isHeading = (flags & LineFlag.Heading) !== 0;
    const raw = text.slice(ls, le);
    // "# FILE: path | PURPOSE: ..." is a header written as a heading.
    const fileHeading = isHeading && /^\s{0,3}#+\s*(?:\*\*|__)?FILE(?:\*\*|__)?\s*[:：]/.test(raw);
    if (isHeading && !fileHeading) {
      // The title, then at most the title's own lines: the next heading ends the search.
      if (found || ++headings > 1) break;
      continue;
    }
    if (flags & LineFlag.Blank) {
      // A header is one block of lines; a blank line after it ends it.
      if (found) break;
      continue;
    }
    const fields = lineFields(text, ls, le).filter((f) => METADATA_KEYS.has(headerKey(text.slice(f.keyStart, f.keyEnd))));
    const isFieldLine = fields.length > 0 && (fields.length > 1 || isWholeFieldLine(raw));
    if (!isFieldLine) {
      if (found) break;
      // Only a short introduction may stand between the title and the header.
      if (++contentLines > 4) break;
      continue;
    }
    const converted = fields.map((f) => ({
      key: text.slice(f.keyStart, f.keyEnd),
      value: text.slice(f.valueStart, f.valueEnd),
      keyStart: f.keyStart,
      keyEnd: f.keyEnd,
      valueStart: f.valueStart,
      valueEnd: f.valueEnd,
    }));
    if (!found) found = { line, endLine: line + 1, fields: converted };
    else {
      found.endLine = line + 1;
      found.fields.push(...converted);
    }
  }
  if (!found) return undefined;
  const keys = found.fields.map((f) => headerKey(f.key));
  const kind = keys.includes('file') ? 'file' : 'metadata';
  // One field alone is a header only when it dates the document ("Last updated: 2026-04-05").
  if (kind === 'metadata' && found.fields.length < 2 && !keys.some((k) => AUDIT_DATE_KEYS.has(k))) return undefined;
  const start = lineStarts[found.line];
  const end = lineEnd(text, lineStarts, found.endLine - 1);
  return { line: found.line, start, end, fields: found.fields, kind };
}

/** A line that is one field and nothing else before it: "Owner: Platform", "**Status:** Active", "> Last updated: …". */
export function isWholeFieldLine(raw: string): boolean {
  // `/^\s{0,3}(?:>\s*)*(?:[-*+]\s+)?(?:\*\*|__|\*|_)?[^\s*_:|：][^*_:|：\n]{0,39}?(?:\*\*|__|\*|_)?\s*[:：]/u`, by
  // hand: the key may start after all the quote markers (with or without a list marker), or at the last `>`
  // itself (a key may start with `>`); each start is tried once.
  let i = 0;
  while (i < 3 && i < raw.length && isRegExpSpace(raw.charCodeAt(i))) i++;
  let lastQuote = -1;
  while (raw.charCodeAt(i) === 62) {
    lastQuote = i++;
    while (i < raw.length && isRegExpSpace(raw.charCodeAt(i))) i++;
  }
  if (lastQuote >= 0 && fieldAt(raw, lastQuote)) return true;
  if (fieldAt(raw, i)) return true;
  const c = raw.charCodeAt(i);
  if ((c === 45 || c === 42 || c === 43) && isRegExpSpace(raw.charCodeAt(i + 1))) {
    let j = i + 1;
    while (j < raw.length && isRegExpSpace(raw.charCodeAt(j))) j++;
    return fieldAt(raw, j);
  }
  return false;
}

function isFieldStop(c: number): boolean {
  return c === 42 || c === 95 || c === 58 || c === 124 || c === 0xff1a || c === 10;
}

function isColon(c: number): boolean {
  return c === 58 || c === 0xff1a;
}

/** `(?:\*\*|__|\*|_)?[^\s*_:|：][^*_:|：\n]{0,39}?(?:\*\*|__|\*|_)?\s*[:：]` at `at`. */
function fieldAt(raw: string, at: number): boolean {
  const c = raw.charCodeAt(at);
  const mark = c === 42 || c === 95;
  // A double mark, a single one, or none: the key's first character must then be neither blank nor a mark.
  const starts = mark ? (raw.charCodeAt(at + 1) === c ? [at + 2, at + 1, at] : [at + 1, at]) : [at];
  for (const k of starts) if (keyThenColon(raw, k)) return true;
  return false;
}

function keyThenColon(raw: string, k: number): boolean {
  const first = raw.charCodeAt(k);
  if (k >= raw.length || isRegExpSpace(first) || isFieldStop(first) || first === 0xff1a) return false;
  // The key's longest run; the key may end anywhere in it (at most 40 characters in all).
  let j = k + 1;
  while (j < raw.length && !isFieldStop(raw.charCodeAt(j))) j++;
  // No mark after the key: blanks (line breaks too) then a colon.
  let t = j;
  while (t > k + 1 && isRegExpSpace(raw.charCodeAt(t - 1))) t--;
  let r = j;
  while (r < raw.length && isRegExpSpace(raw.charCodeAt(r))) r++;
  if (isColon(raw.charCodeAt(r)) && t - k <= 40) return true;
  // A closing mark right after the key (double or single), blanks, then a colon.
  const m = raw.charCodeAt(j);
  if (j - k > 40 || (m !== 42 && m !== 95)) return false;
  for (const width of raw.charCodeAt(j + 1) === m ? [2, 1] : [1]) {
    let r = j + width;
    while (r < raw.length && isRegExpSpace(raw.charCodeAt(r))) r++;
    if (isColon(raw.charCodeAt(r))) return true;
  }
  return false;
}

/** A date as teams write it in a header: 2026-04-05, 2026/04/05, 05.04.2026, "April 5, 2026", "5 April 2026", with any time after. */
export function parseHeaderDate(value: string): Date | undefined {
  const v = value.replace(/[*_`]/g, '').trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])/.exec(v);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d])/.exec(v);
  if (m) return validDate(Number(m[3]), Number(m[2]), Number(m[1]));
  const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
  m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(v);
  if (m && months.includes(m[1].slice(0, 3).toLowerCase())) return validDate(Number(m[3]), months.indexOf(m[1].slice(0, 3).toLowerCase()) + 1, Number(m[2]));
  m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b/.exec(v);
  if (m && months.includes(m[2].slice(0, 3).toLowerCase())) return validDate(Number(m[3]), months.indexOf(m[2].slice(0, 3).toLowerCase()) + 1, Number(m[1]));
  m = /^(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(v);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return undefined;
}

function validDate(y: number, mo: number, d: number): Date | undefined {
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : undefined;
}
