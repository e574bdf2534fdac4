/** Formats a date as `YYYY-MM-DD HH:MM:SS.mmmZ` (UTC), the API's date layout. */
export function formatDate(d: Date): string {
  return d.toISOString().replace('T', ' ');
}

export function nowDate(): string {
  return formatDate(new Date());
}
