import pg from 'pg';
import { toNumberedPlaceholders } from './placeholders.js';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const backoff = (attempt: number) => pause(Math.random() * 5 * 2 ** attempt);

/** int8 and numeric as numbers; json, jsonb and date/time types as the text the server sent. */
const RAW_TEXT_TYPES = new Set([114, 3802, 1082, 1083, 1114, 1184, 1266]);
const NUMERIC_TYPES = new Set([20, 1700]);
export const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (format !== 'binary' && RAW_TEXT_TYPES.has(oid)) return (v: string) => v;
    if (format !== 'binary' && NUMERIC_TYPES.has(oid)) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export type Client = pg.Pool | pg.PoolClient;

/** PostgreSQL text cannot hold U+0000: bound strings carry U+FFFD in its place. */
const withoutNul = (s: string) => (s.includes('\u0000') ? s.replaceAll('\u0000', '\ufffd') : s);

export async function query(
  client: Client,
  sql: string,
  params: readonly unknown[],
  name?: string,
): Promise<pg.QueryResult> {
  const text = params.length > 0 ? toNumberedPlaceholders(sql) : sql;
  const values = params.map((v) => (v === undefined ? null : typeof v === 'string' ? withoutNul(v) : v));
  return client.query(name ? { name, text, values } : { text, values });
}
