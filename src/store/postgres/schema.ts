import { asciiLower } from './dialect.js';

/** Oldest server accepted: `IS JSON` (used to read JSON text safely) arrived in PostgreSQL 16. */
export const MIN_SERVER_VERSION = 160000;

/** Hidden insertion-order column of every records table: what `@rowid` sorts by (SQLite's rowid). */
export const ROWID_COLUMN = '_rowid_';

/** An advisory lock key: two int4 values, the first one Basalt's own. */
export type LockKey = readonly [number, number];

/** Key of the advisory lock that serialises schema changes between instances sharing a database. */
export const SCHEMA_LOCK: LockKey = [0x62736c74, 1];

/** The advisory lock of `exclusiveTransaction(name)`: the name's 32-bit FNV-1a hash beside Basalt's prefix. */
export function lockKey(name: string): LockKey {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  // never 1, the schema lock
  const n = h | 0;
  return [SCHEMA_LOCK[0], n === 1 ? 2 : n];
}

/** The internal tables, the same columns as on SQLite; JSON is kept as text. */
export const SYSTEM_TABLES_SQL = `
CREATE TABLE IF NOT EXISTS "_collections" (
  "id" TEXT COLLATE "C" PRIMARY KEY NOT NULL,
  "name" TEXT COLLATE "C" NOT NULL,
  "type" TEXT COLLATE "C" DEFAULT 'base' NOT NULL,
  "system" BOOLEAN DEFAULT FALSE NOT NULL,
  "fields" TEXT COLLATE "C" DEFAULT '[]' NOT NULL,
  "indexes" TEXT COLLATE "C" DEFAULT '[]' NOT NULL,
  "listRule" TEXT COLLATE "C" DEFAULT NULL,
  "viewRule" TEXT COLLATE "C" DEFAULT NULL,
  "createRule" TEXT COLLATE "C" DEFAULT NULL,
  "updateRule" TEXT COLLATE "C" DEFAULT NULL,
  "deleteRule" TEXT COLLATE "C" DEFAULT NULL,
  "options" TEXT COLLATE "C" DEFAULT '{}' NOT NULL,
  "created" TEXT COLLATE "C" DEFAULT '' NOT NULL,
  "updated" TEXT COLLATE "C" DEFAULT '' NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS "_collections_name_nocase" ON "_collections" ((${asciiLower('"name"')}));
CREATE TABLE IF NOT EXISTS "_params" (
  "id" TEXT COLLATE "C" PRIMARY KEY NOT NULL,
  "value" TEXT COLLATE "C" DEFAULT NULL,
  "created" TEXT COLLATE "C" DEFAULT '' NOT NULL,
  "updated" TEXT COLLATE "C" DEFAULT '' NOT NULL
);
CREATE TABLE IF NOT EXISTS "_migrations" (
  "file" TEXT COLLATE "C" PRIMARY KEY NOT NULL,
  "applied" BIGINT NOT NULL
);
`;
