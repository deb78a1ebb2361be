import type { FileHeaderField, WorkflowModel } from '../model';
import { AUDIT_DATE_KEYS, headerKey, parseHeaderDate } from '../parse/metadataHeader';

/**
 * The header field that dates the document and its date: LAST-AUDITED first, else the first field that says when
 * it was last reviewed or updated ("Last updated: 2026-04-05", "**Last Reviewed:** April 5, 2026", "Stand: ...").
 * `date` is undefined when the value is not a date the header parser reads.
 */
export function lastAudited(model: WorkflowModel): { field: FileHeaderField; date?: Date; audited: boolean } | undefined {
  const fields = model.fileHeader?.fields ?? [];
  const field = fields.find((f) => f.key.toUpperCase() === 'LAST-AUDITED') ?? fields.find((f) => AUDIT_DATE_KEYS.has(headerKey(f.key)));
  if (!field || !field.value) return undefined;
  const audited = field.key.toUpperCase() === 'LAST-AUDITED';
  // The seed convention writes YYYY-MM-DD only; other headers write dates their own way (with a time, 05.04.2026).
  const value = field.value.replace(/[*_`]/g, '').trim();
  const date = audited ? (/^\d{4}-\d{2}-\d{2}$/.test(value) ? parseHeaderDate(value) : undefined) : parseHeaderDate(value);
  return date ? { field, date, audited } : { field, audited };
}
