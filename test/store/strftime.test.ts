import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { type Fragment, sql } from '../../src/store/compiler.js';
import { toNumberedPlaceholders } from '../../src/store/postgres/placeholders.js';
import { strftime } from '../../src/store/postgres/strftime.js';
import { startPostgres, type TestPostgres } from '../harness/postgres.js';

const SPECIFIERS = [
  ...'d e f F H I j J k l m M p P R s S T u U V w W G g Y %'.split(' ').map((s) => `%${s}`),
  "at %H:%M o'clock",
  '%Y\u0000%m',
  '%q',
];
const TIMES = [
  '2024-01-15 10:00:00.000Z',
  '2021-01-03 23:59:59.999Z',
  '2026-12-31 00:00:00.000Z',
  '2024-02-29 13:05:07.250Z',
  '2024-01-15T10:00:00Z',
  '2024-01-15 10:00:00+02:00',
  '2024-01-15',
  '',
  'not a date',
  'today',
  'infinity',
  '2024-13-45 10:00:00.000Z',
];
const MODIFIERS = [
  [],
  ['+1 day'],
  ['-3 hours'],
  ['start of month'],
  ['start of year', '+1 months'],
  ['weekday 0'],
  ['+1.5 days'],
  ['no such modifier'],
];

const literal = (v: string): Fragment => sql`${v}`;

describe('strftime on PostgreSQL gives what SQLite gives', () => {
  let server: TestPostgres;
  let client: pg.Client;
  const lite = new Database(':memory:');
  before(async () => {
    server = await startPostgres();
    client = new pg.Client(server.url);
    await client.connect();
  });
  after(async () => {
    await client.end();
    await server.stop();
    lite.close();
  });

  for (const time of TIMES) {
    test(JSON.stringify(time), async () => {
      for (const modifiers of MODIFIERS) {
        const columns = SPECIFIERS.map((f) => strftime(literal(f), [literal(time), ...modifiers.map(literal)]));
        const text = columns.map((c, i) => `${c.sql} AS "c${i}"`).join(', ');
        const params = columns.flatMap((c) => c.binds.map((b) => (b as () => unknown)()));
        const got = (await client.query(toNumberedPlaceholders(`SELECT ${text}`), params)).rows[0] as Record<
          string,
          string
        >;
        const marks = modifiers.map(() => ', ?').join('');
        SPECIFIERS.forEach((f, i) => {
          const row = lite.prepare(`SELECT COALESCE(strftime(?, ?${marks}), '') AS v`).get(f, time, ...modifiers) as {
            v: string;
          };
          assert.equal(got[`c${i}`], row.v, `strftime('${f}', '${time}', ${JSON.stringify(modifiers)})`);
        });
      }
    });
  }
});
