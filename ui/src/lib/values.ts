/** Conversions between stored field values and what the record editor's inputs hold. */

/** "2024-01-02 03:04:05.000Z" → "2024-01-02T04:04" in local time, for a datetime-local input. */
export function toLocalInput(stored: unknown): string {
  if (typeof stored !== 'string' || stored === '') return '';
  const d = new Date(stored.replace(' ', 'T'));
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value back to the stored UTC form; '' stays '' (no date). */
export function fromLocalInput(value: string): string {
  if (value === '') return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString().replace('T', ' ');
}

/** Values as a list, for multi-value fields (select, relation, file). */
export function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** Whether a field holds several values. */
export function isMulti(field: { maxSelect?: unknown }): boolean {
  return Number(field.maxSelect ?? 1) > 1;
}

/** "2024-01-02 03:04:05.000Z" → "2024-01-02T03:04" in UTC, for a datetime-local input that works in UTC. */
export function toUtcInput(stored: unknown): string {
  if (typeof stored !== 'string' || stored === '') return '';
  const d = new Date(stored.replace(' ', 'T'));
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 16);
}

/** A datetime-local value read as UTC, back to the stored form ("2024-01-02 03:04:00.000Z"); '' stays ''. */
export function fromUtcInput(value: string): string {
  if (value === '') return '';
  const d = new Date(`${value}Z`);
  return Number.isNaN(d.getTime()) ? value : d.toISOString().replace('T', ' ');
}
