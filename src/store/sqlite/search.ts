import { SEARCH_TEXT_LIMIT, type SearchClause, type SearchSpec, type SearchWords } from '../search.js';
import { sql } from '../sql.js';
import type { Queryable } from '../store.js';

/**
 * SQLite keeps a collection's full-text index in a contentless FTS5 table whose rowids are the
 * records' rowids (stable: no INTEGER PRIMARY KEY, and VACUUM keeps them), filled by triggers, so
 * every write that reaches the records table updates the index in its own transaction. Contentless
 * columns are named c0, c1…: field names such as `rank` are reserved words of FTS5.
 */

const ftsName = (spec: SearchSpec) => `_fts_${spec.key}`;
const triggerName = (spec: SearchSpec, action: string) => `_fts_${spec.key}_${action}`;
const ftsColumns = (spec: SearchSpec) => sql.join(spec.columns.map((_, i) => sql.id(`c${i}`)));

/** The indexed text of each column of row `ref` (`new`, `old`, or the table itself). */
function rowValues(spec: SearchSpec, ref: string | null) {
  return sql.join(
    spec.columns.map((c) => {
      const column = ref ? sql`${sql.raw(ref)}.${sql.id(c)}` : sql.id(c);
      return sql`substr(COALESCE(${column}, ''), 1, ${sql.raw(String(SEARCH_TEXT_LIMIT))})`;
    }),
  );
}

export async function createSqliteSearch(tx: Queryable, spec: SearchSpec): Promise<void> {
  const fts = sql.id(ftsName(spec));
  const table = sql.id(spec.table);
  const cols = ftsColumns(spec);
  await tx.exec(
    sql`CREATE VIRTUAL TABLE ${fts} USING fts5(${cols}, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')`,
  );
  const insertNew = sql`INSERT INTO ${fts} (rowid, ${cols}) VALUES (new.rowid, ${rowValues(spec, 'new')});`;
  const deleteOld = sql`DELETE FROM ${fts} WHERE rowid = old.rowid;`;
  const watched = sql.join(spec.columns.map((c) => sql.id(c)));
  await tx.exec(sql`CREATE TRIGGER ${sql.id(triggerName(spec, 'ai'))} AFTER INSERT ON ${table} BEGIN ${insertNew} END`);
  await tx.exec(sql`CREATE TRIGGER ${sql.id(triggerName(spec, 'ad'))} AFTER DELETE ON ${table} BEGIN ${deleteOld} END`);
  await tx.exec(
    sql`CREATE TRIGGER ${sql.id(triggerName(spec, 'au'))} AFTER UPDATE OF ${watched} ON ${table} BEGIN ${deleteOld} ${insertNew} END`,
  );
  await tx.run(sql`INSERT INTO ${fts} (rowid, ${cols}) SELECT rowid, ${rowValues(spec, null)} FROM ${table}`);
}

export async function dropSqliteSearch(tx: Queryable, spec: SearchSpec): Promise<void> {
  for (const action of ['ai', 'ad', 'au'])
    await tx.exec(sql`DROP TRIGGER IF EXISTS ${sql.id(triggerName(spec, action))}`);
  await tx.exec(sql`DROP TABLE IF EXISTS ${sql.id(ftsName(spec))}`);
}

/** An FTS5 query of plain quoted terms (the words hold no quotes), the last one a prefix. */
function matchQuery(words: SearchWords): string {
  return words.map((w, i) => `"${w}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}

export function sqliteSearchClause(spec: SearchSpec, words: SearchWords, alias: string): SearchClause {
  const fts = sql.id(ftsName(spec));
  return {
    join: sql` JOIN ${fts} ON ${fts}.rowid = ${sql.id(alias)}.rowid`,
    where: sql`${fts} MATCH ${matchQuery(words)}`,
    // bm25: smaller is better
    rank: sql`(-${fts}.rank)`,
    // FTS5 takes `ORDER BY rank` on itself: it ranks the matches and hands them over best first, so the join
    // and the rules run only until the page is full, not for every match. Equal ranks come in row id
    // (insertion) order: SQLite's sorter keeps the order FTS5 scanned them in (test/search pins this).
    mostRelevantFirst: sql`${fts}.rank`,
  };
}
