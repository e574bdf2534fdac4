import { sql } from '../../store/sql.js';
import type { Migrator, Queryable } from '../../store/store.js';
import type { App } from '../app.js';
import { type Collection, RULE_NAMES } from '../collection.js';
import { validateSearchFields } from '../search/fields.js';
import { type ErrorData, type FieldError, V } from '../validation.js';
import { validateWebhooks } from '../webhooks/config.js';
import type { Catalog } from './catalog.js';
import { COLLECTION_TYPES } from './input.js';
import { checkRule } from './rule-check.js';
import { type RuleChecker, validateAuthOptions } from './validate-auth.js';
import { validateFields } from './validate-fields.js';
import { validateIndexes } from './validate-indexes.js';
import { createViewFields, ViewQueryError } from './view-schema.js';

export interface ValidateContext {
  app: App;
  tx: Queryable;
  migrator: Migrator;
  /** every collection as it will be once the change is applied (the one validated included) */
  catalog: Catalog;
}

const ID_PATTERN = /^\w+$/;
const NAME_PATTERN = /^\w+$/;
const chars = (s: string) => [...s].length;

function idError(next: Collection, original: Collection | null, ctx: ValidateContext): FieldError | null {
  if (!next.id) return V.required();
  if (original) return next.id === original.id ? null : V.valuesMismatch();
  if (chars(next.id) > 100) return V.lengthOutOfRange(1, 100);
  if (!ID_PATTERN.test(next.id)) return V.matchInvalid();
  const other = ctx.catalog.byId(next.id);
  return other && other !== next ? V.invalidOrExistingId() : null;
}

function typeError(next: Collection, original: Collection | null): FieldError | null {
  if (!next.type) return V.required();
  if (!COLLECTION_TYPES.includes(next.type)) return V.inInvalid();
  if (original && original.type !== next.type) return V.collectionTypeChange();
  return null;
}

async function nameError(
  next: Collection,
  original: Collection | null,
  ctx: ValidateContext,
): Promise<FieldError | null> {
  const name = next.name;
  if (!name) return V.required();
  if (chars(name) > 255) return V.lengthOutOfRange(1, 255);
  if (name.includes('_via_')) return V.foundVia();
  if (!NAME_PATTERN.test(name)) return V.matchInvalid();
  if (original?.system && original.name !== name) return V.collectionSystemNameChange();
  const lower = name.toLowerCase();
  const others = ctx.catalog.all().filter((c) => c.id !== next.id);
  if (others.some((c) => c.name.toLowerCase() === lower)) return V.collectionNameExists();
  if (others.some((c) => c.id === name)) return V.collectionNameIdDuplicate();
  if (
    original?.name.toLowerCase() !== lower &&
    !(await isStoredName(ctx.tx, name)) &&
    (await ctx.migrator.tableExists(ctx.tx, name))
  ) {
    return V.collectionNameInternalTable();
  }
  return null;
}

/** True when a stored collection already has this name (its table is then not an internal one). */
async function isStoredName(tx: Queryable, name: string): Promise<boolean> {
  const sameName = tx.dialect.caseInsensitiveEquals(sql.id('name'), sql`${name}`);
  const row = await tx.get(
    sql`SELECT 1 AS ${sql.id('found')} FROM ${sql.id('_collections')} WHERE ${sameName} LIMIT 1`,
  );
  return row !== undefined;
}

function ruleChecker(next: Collection, original: Collection | null, ctx: ValidateContext): RuleChecker {
  return (value, old) => {
    if (value !== null && value !== '') {
      const raw = checkRule(ctx.app, next, value);
      if (raw !== null) return V.invalidRule(raw);
    }
    if (original?.system && (value ?? null) !== (old ?? null)) return V.collectionSystemRuleChange();
    return null;
  };
}

async function viewFields(next: Collection, ctx: ValidateContext): Promise<FieldError | null> {
  const query = next.viewQuery ?? '';
  next.fields = [];
  if (query.trim() === '') return V.required();
  try {
    next.fields = await createViewFields(ctx.tx, ctx.migrator, query, ctx.catalog);
    return null;
  } catch (err) {
    if (err instanceof ViewQueryError) return V.viewQuery(err.message);
    throw err;
  }
}

/**
 * Validates a collection about to be created (`original` null) or updated: name, type, system flag,
 * fields, rules, indexes and view query.
 * View fields are generated here from the query. Returns the nested error data ({} when valid).
 */
export async function validateCollection(
  next: Collection,
  original: Collection | null,
  ctx: ValidateContext,
): Promise<ErrorData> {
  const out: ErrorData = {};
  const put = (key: string, err: FieldError | ErrorData | null) => {
    if (err) out[key] = err;
  };
  const viewQueryError = next.type === 'view' ? await viewFields(next, ctx) : null;
  put('id', idError(next, original, ctx));
  put('system', original && original.system !== next.system ? V.collectionSystemFlagChange() : null);
  put('type', typeError(next, original));
  put('name', await nameError(next, original, ctx));
  put('fields', validateFields(next, original, ctx.catalog));
  const rule = ruleChecker(next, original, ctx);
  for (const key of RULE_NAMES) {
    const value = next[key];
    const mustBeNil = next.type === 'view' && key !== 'listRule' && key !== 'viewRule';
    put(key, mustBeNil && value !== null ? V.nil() : rule(value, original?.[key]));
  }
  const others = ctx.catalog.all().filter((c) => c.id !== next.id);
  put('indexes', await validateIndexes(ctx.tx, ctx.migrator, next, original, others));
  put('viewQuery', viewQueryError);
  put('searchFields', validateSearchFields(next));
  put('webhooks', validateWebhooks(ctx.app, next, original, others));
  Object.assign(out, validateAuthOptions(next, original, rule));
  return out;
}
