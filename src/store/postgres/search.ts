import { SEARCH_TEXT_LIMIT, type SearchClause, type SearchSpec, type SearchWords } from '../search.js';
import { foldTranslation, foldWord } from '../search-fold.js';
import { type Fragment, sql } from '../sql.js';
import type { Queryable } from '../store.js';

/**
 * PostgreSQL keeps a collection's full-text index as a STORED generated `tsvector` column of the
 * records table with a GIN index: the database computes it on every write, in the writing
 * transaction. The `simple` configuration (no stemming, no stop words) and the letter folding of
 * search-fold.ts make words match as SQLite's FTS5 tokenizer matches them.
 */

/** The hidden column (a reserved field name, like `_rowid_`). */
export const SEARCH_COLUMN = '_search_';

const indexName = (spec: SearchSpec) => `_fts_${spec.key}`;

const literal = (text: string) => sql.raw(`'${text.replaceAll("'", "''")}'`);

function documentExpression(spec: SearchSpec): Fragment {
  const { from, to } = foldTranslation();
  const text = sql.join(
    spec.columns.map((c) => sql`COALESCE(${sql.id(c)}, '')`),
    " || ' ' || ",
  );
  const cut = sql`left(${text}, ${sql.raw(String(SEARCH_TEXT_LIMIT))})`;
  return sql`to_tsvector('simple'::regconfig, translate(${cut}, ${literal(from)}, ${literal(to)}))`;
}

export async function createPostgresSearch(tx: Queryable, spec: SearchSpec): Promise<void> {
  const table = sql.id(spec.table);
  await tx.exec(
    sql`ALTER TABLE ${table} ADD COLUMN ${sql.id(SEARCH_COLUMN)} tsvector GENERATED ALWAYS AS (${documentExpression(spec)}) STORED`,
  );
  await tx.exec(sql`CREATE INDEX ${sql.id(indexName(spec))} ON ${table} USING GIN (${sql.id(SEARCH_COLUMN)})`);
}

export async function dropPostgresSearch(tx: Queryable, spec: SearchSpec): Promise<void> {
  await tx.exec(sql`DROP INDEX IF EXISTS ${sql.id(indexName(spec))}`);
  await tx.exec(sql`ALTER TABLE IF EXISTS ${sql.id(spec.table)} DROP COLUMN IF EXISTS ${sql.id(SEARCH_COLUMN)}`);
}

/** A tsquery of quoted lexemes (the words hold no quotes) joined by AND, the last one a prefix. */
function tsQuery(words: SearchWords): string {
  return words.map((w, i) => `'${foldWord(w)}'${i === words.length - 1 ? ':*' : ''}`).join(' & ');
}

export function postgresSearchClause(_spec: SearchSpec, words: SearchWords, alias: string): SearchClause {
  const column = sql.id(alias, SEARCH_COLUMN);
  const query = sql`to_tsquery('simple'::regconfig, ${tsQuery(words)})`;
  return { join: sql.empty, where: sql`${column} @@ ${query}`, rank: sql`ts_rank(${column}, ${query})` };
}
