import type { LogRow } from '../../store/log-store.js';

/** A log entry as the API serves it. */
export interface LogItem {
  id: string;
  created: string;
  level: number;
  message: string;
  data: Record<string, unknown>;
}

/** A stored row → the API's log item (`data` parsed; a corrupt value reads as an empty object). */
export function logFromRow(row: Record<string, unknown>): LogItem {
  let data: Record<string, unknown> = {};
  const raw = row.data;
  if (typeof raw === 'string') {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
    } catch {
      // a row not written by this server: served with empty data rather than failing the whole page
    }
  }
  return {
    id: String(row.id ?? ''),
    created: String(row.created ?? ''),
    level: Number(row.level ?? 0),
    message: String(row.message ?? ''),
    data,
  };
}

export type { LogRow };
