import { type Fragment, sql } from '../../store/compiler.js';
import { type Collection, type Field, isMultiple } from '../collection.js';
import { hasSingleColumnUniqueIndex } from '../collections/index-def.js';
import type { PathEnd, Step } from './chain.js';
import { visibleStep } from './chain.js';
import type { ResolveContext } from './context.js';
import { findField, isJsonField, isListField, isMultiList, relationTarget } from './fields.js';
import { fail } from './values.js';

/** Relation hops allowed in one path; a longer path is an error. */
const MAX_HOPS = 6;

/**
 * Walks a record field path from `start`: plain fields, relation hops (single
 * `rel.id` read from the column itself), back-relations `<collection>_via_<field>`, and a JSON
 * path after a json/geoPoint field. `hops` counts relation hops already taken before `start`.
 */
export function walkRecordPath(
  ctx: ResolveContext,
  start: Collection,
  segments: readonly string[],
  modifier: string | null,
  hops = 0,
): PathEnd {
  if (modifier === 'changed') fail('the :changed modifier applies only to @request.body fields');
  const steps: Step[] = [];
  let current = start;
  for (let i = 0; i < segments.length; i++) {
    const name = segments[i] as string;
    const last = i === segments.length - 1;
    const field = findField(current, name);
    if (!field) {
      const back = backRelation(ctx, current, name);
      if (++hops > MAX_HOPS) fail(`more than ${MAX_HOPS} relation hops`);
      if (last && modifier === 'length') return { steps, terminal: (prev) => countRows(ctx, back, prev), json: false };
      steps.push(back);
      current = back.collection as Collection;
      if (last) return after(steps, fieldEnd(ctx, current, findField(current, 'id') as Field, modifier));
      continue;
    }
    if (ctx.restricted && field.hidden) fail(`the "${name}" field is hidden`);
    if (last) return after(steps, fieldEnd(ctx, current, field, modifier));
    if (isJsonField(field)) return after(steps, jsonEnd(ctx, field, segments.slice(i + 1), modifier));
    if (field.type !== 'relation') fail(`the "${name}" field has no sub-fields`);
    const target = ctx.catalog.find(relationTarget(field));
    if (!target) fail(`the "${name}" relation points to a missing collection`);
    if (!isMultiple(field) && i + 2 === segments.length && segments[i + 1]?.toLowerCase() === 'id') {
      return after(steps, fieldEnd(ctx, current, field, modifier === 'lower' ? 'lower' : null));
    }
    if (++hops > MAX_HOPS) fail(`more than ${MAX_HOPS} relation hops`);
    steps.push(...relationSteps(ctx, field, target));
    current = target;
  }
  return fail('empty field path');
}

function after(steps: readonly Step[], end: PathEnd): PathEnd {
  return { ...end, steps: [...steps, ...end.steps] };
}

type EndParts = Omit<PathEnd, 'steps'> & { steps?: readonly Step[] };

/** The last field of a path, with its modifier. */
function fieldEnd(ctx: ResolveContext, collection: Collection, field: Field, modifier: string | null): PathEnd {
  const name = field.name;
  const column = (alias: string) => ctx.sql.column(alias, name);
  const parts: EndParts = fieldValue(ctx, field, modifier, column);
  const guard =
    ctx.restricted && collection.type === 'auth' && name === 'email' && findField(collection, 'emailVisibility')
      ? (alias: string) =>
          sql`${sql.raw(ctx.sql.column(alias, 'emailVisibility'))} = ${sql.raw(ctx.sql.boolLiteral(true))}`
      : undefined;
  return { steps: parts.steps ?? [], terminal: parts.terminal, json: parts.json, ...(guard ? { guard } : {}) };
}

function fieldValue(
  ctx: ResolveContext,
  field: Field,
  modifier: string | null,
  column: (alias: string) => string,
): EndParts {
  if (modifier === 'each' && isMultiList(field)) {
    const each: Step = {
      key: `each:${field.name}`,
      multi: true,
      collection: null,
      build: (_alias, prev) => ({ source: sql.raw(ctx.sql.jsonEach(column(prev))), on: null }),
    };
    return { steps: [each], terminal: (alias) => sql.raw(ctx.sql.jsonEachValue(alias)), json: false };
  }
  if (modifier === 'length' && isListField(field)) {
    return { terminal: (alias) => sql.raw(ctx.sql.jsonArrayLength(column(alias))), json: false };
  }
  const json = isJsonField(field);
  const read = (alias: string) => (json ? ctx.sql.jsonExtract(column(alias), []) : column(alias));
  if (modifier === 'lower') return { terminal: (alias) => sql.raw(ctx.sql.lower(read(alias))), json };
  return { terminal: (alias) => sql.raw(read(alias)), json };
}

/** `meta.a.0.b`: numeric segments are array indexes; a missing path is NULL. */
function jsonEnd(ctx: ResolveContext, field: Field, rest: readonly string[], modifier: string | null): PathEnd {
  const path = rest.map((s) => (/^[0-9]+$/.test(s) ? Number(s) : s));
  const read = (alias: string) => ctx.sql.jsonExtract(ctx.sql.column(alias, field.name), path);
  if (modifier === 'lower') return { steps: [], terminal: (alias) => sql.raw(ctx.sql.lower(read(alias))), json: true };
  return { steps: [], terminal: (alias) => sql.raw(read(alias)), json: true };
}

function relationSteps(ctx: ResolveContext, field: Field, target: Collection): Step[] {
  const { sql: c } = ctx;
  const name = field.name;
  const table = sql.id(target.name);
  if (!isMultiple(field)) {
    return [
      {
        key: `rel:${name}`,
        multi: false,
        collection: target,
        build: (alias, prev) => ({ source: table, on: sql.raw(`${c.column(alias, 'id')} = ${c.column(prev, name)}`) }),
      },
    ];
  }
  return [
    {
      key: `rel:${name}:items`,
      multi: true,
      collection: null,
      build: (_alias, prev) => ({ source: sql.raw(c.jsonEach(c.column(prev, name))), on: null }),
    },
    {
      key: `rel:${name}`,
      multi: false,
      collection: target,
      build: (alias, prev) => ({ source: table, on: sql.raw(`${c.column(alias, 'id')} = ${c.jsonEachValue(prev)}`) }),
    },
  ];
}

/**
 * `<collection>_via_<field>`: the records of another collection whose relation field points to
 * the current record. Multi-valued unless the field is single with a single-column UNIQUE index.
 */
function backRelation(ctx: ResolveContext, current: Collection, name: string): Step {
  const at = name.indexOf('_via_');
  if (at <= 0) fail(`unknown field "${name}"`);
  const back = ctx.catalog.find(name.slice(0, at));
  const field = back ? findField(back, name.slice(at + 5)) : undefined;
  if (!back || !field || field.type !== 'relation' || relationTarget(field) !== current.id) {
    fail(`invalid back-relation "${name}"`);
  }
  if (ctx.restricted && field.hidden) fail(`the "${name}" back-relation field is hidden`);
  const many = isMultiple(field);
  const { sql: c } = ctx;
  return {
    key: `via:${back.id}.${field.name}`,
    multi: many || !hasSingleColumnUniqueIndex(back, field.name),
    collection: back,
    build: (alias, prev) => {
      const own = c.column(alias, field.name);
      if (!many) return { source: sql.id(back.name), on: sql.raw(`${own} = ${c.column(prev, 'id')}`) };
      const items = ctx.aliases.next('e');
      const member = `${c.column(prev, 'id')} IN (SELECT ${c.jsonEachValue(items)} FROM ${c.jsonEach(own)} AS ${c.quote(items)})`;
      return { source: sql.id(back.name), on: sql.raw(member) };
    },
  };
}

/** `<collection>_via_<field>:length`: how many records point to the current one. */
function countRows(ctx: ResolveContext, back: Step, prev: string): Fragment {
  const alias = ctx.aliases.next('s');
  const { source, on } = visibleStep(ctx, back, alias, prev);
  return sql`(SELECT COUNT(*) FROM ${source} AS ${sql.id(alias)} WHERE ${on ?? sql.raw('1=1')})`;
}
