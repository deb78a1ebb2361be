import type { FileHeaderField, WorkflowModel } from '../model';

/** The LAST-AUDITED field and its date, when the value is a real YYYY-MM-DD date. */
export function lastAudited(model: WorkflowModel): { field: FileHeaderField; date?: Date } | undefined {
  const field = model.fileHeader?.fields.find((f) => f.key.toUpperCase() === 'LAST-AUDITED');
  if (!field || !field.value) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(field.value.replace(/[*_`]/g, '').trim());
  if (!m) return { field };
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  const valid = date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
  return valid ? { field, date } : { field };
}
