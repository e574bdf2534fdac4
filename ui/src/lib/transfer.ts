import { parseCsv, toCsv } from './csv';

/** Export and import of records: the columns, the value conversions and the row bodies sent to the API. */
export interface FieldLike {
  name: string;
  type: string;
  maxSelect?: number;
  hidden?: boolean;
}

/** Fields that export: everything readable (password and hidden fields are not in API answers). */
export function exportFields(fields: FieldLike[]): FieldLike[] {
  return fields.filter((f) => f.type !== 'password' && !f.hidden);
}

/** A value as one CSV cell: lists and objects as JSON, so an import reads them back the same. */
export function cellOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function recordsToCsv(records: Record<string, unknown>[], fields: FieldLike[]): string {
  const names = fields.map((f) => f.name);
  return toCsv([names, ...records.map((r) => names.map((n) => cellOf(r[n])))]);
}

export function recordsToJson(records: Record<string, unknown>[], fields: FieldLike[]): string {
  const names = fields.map((f) => f.name);
  const rows = records.map((r) => Object.fromEntries(names.map((n) => [n, r[n]])));
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/** Fields an import may set: not autodate (the server sets those) and not files (they cannot travel in text). */
export function importable(f: FieldLike): boolean {
  return f.type !== 'autodate' && f.type !== 'file';
}

/** A CSV cell converted to the field's type; text the server then validates as usual. */
export function fromCell(cell: string, field: FieldLike | undefined): unknown {
  if (!field) return cell;
  const t = cell.trim();
  const multi = Number(field.maxSelect ?? 1) > 1;
  if (field.type === 'number') return t === '' ? null : Number.isFinite(Number(t)) ? Number(t) : cell;
  if (field.type === 'bool') return /^(true|1|yes)$/i.test(t);
  if (field.type === 'json' || field.type === 'geoPoint') {
    if (t === '') return null;
    try {
      return JSON.parse(t);
    } catch {
      return cell; // the server explains what is wrong with it
    }
  }
  if ((field.type === 'select' || field.type === 'relation') && multi) {
    if (t === '') return [];
    if (t.startsWith('[')) {
      try {
        return JSON.parse(t);
      } catch {
        return cell;
      }
    }
    return t
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  return cell;
}

export interface ImportRow {
  /** 1-based line of data (the header is row 0) */
  line: number;
  body: Record<string, unknown>;
}

export interface Parsed {
  columns: string[];
  rows: ImportRow[];
  /** columns that name no field of the collection; they are left out */
  unknown: string[];
}

/** Reads an import file: CSV with a header row naming fields, or a JSON array of objects. */
export function parseImport(text: string, format: 'csv' | 'json', fields: FieldLike[]): Parsed {
  const byName = new Map(fields.filter(importable).map((f) => [f.name, f]));
  const allowed = (name: string) => name === 'id' || byName.has(name);
  if (format === 'json') {
    const data = JSON.parse(text) as unknown;
    if (!Array.isArray(data) || data.some((r) => !r || typeof r !== 'object' || Array.isArray(r))) {
      throw new Error('The JSON file must hold an array of objects, one per record.');
    }
    const seen = [...new Set(data.flatMap((r) => Object.keys(r as object)))];
    const columns = seen.filter(allowed);
    const rows = data.map((r, i) => ({
      line: i + 1,
      body: Object.fromEntries(Object.entries(r as object).filter(([k]) => allowed(k))),
    }));
    return { columns, rows, unknown: seen.filter((k) => !allowed(k)) };
  }
  const table = parseCsv(text);
  const header = (table[0] ?? []).map((h) => h.trim());
  if (!header.length || header.every((h) => h === ''))
    throw new Error('The CSV file has no header row naming the fields.');
  const columns = header.filter(allowed);
  const rows = table.slice(1).map((cells, i) => {
    const body: Record<string, unknown> = {};
    header.forEach((name, c) => {
      if (!allowed(name)) return;
      const cell = cells[c] ?? '';
      if (name === 'id' && cell === '') return;
      body[name] = fromCell(cell, byName.get(name));
    });
    return { line: i + 1, body };
  });
  return { columns, rows, unknown: header.filter((h) => h !== '' && !allowed(h)) };
}
