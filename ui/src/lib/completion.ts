/**
 * Completion for the filter and rule language: what may come at the caret (field names and relation
 * paths, `@request.*`, `@collection.*`, macros, modifiers, operators), from the collections' schemas.
 */

export interface Suggestion {
  /** the whole token the suggestion stands for, e.g. `@request.auth.email` */
  value: string;
  /** what kind of thing it is, shown beside it */
  detail: string;
}

export interface Completion {
  /** the token being typed spans [from, to) of the text */
  from: number;
  to: number;
  items: Suggestion[];
}

interface FieldLike {
  name?: unknown;
  type?: unknown;
  collectionId?: unknown;
}
export interface CollectionLike {
  id?: string;
  name: string;
  type?: string;
  fields?: FieldLike[];
}

export interface CompletionContext {
  /** the collection the rule or filter runs against (null: no record fields, e.g. before its first save) */
  collection: CollectionLike | null;
  /** every collection, for relation paths, `@collection.*` and `@request.auth.*` */
  collections: readonly CollectionLike[];
  /** rules reach `@request.*` and `@collection.*`; a records filter typed by a superuser does too */
  requestPaths?: boolean;
}

export const MACROS = [
  '@now', '@yesterday', '@tomorrow', '@todayStart', '@todayEnd', '@monthStart', '@monthEnd', '@yearStart', '@yearEnd',
  '@second', '@minute', '@hour', '@day', '@month', '@year', '@weekday',
];
const REQUEST = ['@request.auth.', '@request.body.', '@request.query.', '@request.headers.', '@request.context', '@request.method'];
const MODIFIERS = [':isset', ':changed', ':length', ':each', ':lower'];
export const OPERATORS: readonly [string, string][] = [
  ['=', 'equal'], ['!=', 'not equal'], ['>', 'greater'], ['>=', 'greater or equal'], ['<', 'less'],
  ['<=', 'less or equal'], ['~', 'contains'], ['!~', 'does not contain'], ['?=', 'any equal'], ['?!=', 'any not equal'],
  ['?~', 'any contains'], ['&&', 'and'], ['||', 'or'],
];
const AUTH_STATIC = ['id', 'collectionId', 'collectionName', 'email', 'emailVisibility', 'verified'];
const CONTEXTS = ['default', 'oauth2', 'otp', 'password', 'realtime', 'protectedFile', 'batch', 'expand'];
const LIMIT = 50;

const nameOf = (f: FieldLike) => String(f.name ?? '');
const isRelation = (f: FieldLike) => f.type === 'relation';

function fieldItems(c: CollectionLike | undefined, prefix: string, depth: number, all: readonly CollectionLike[]): Suggestion[] {
  const out: Suggestion[] = [];
  for (const f of c?.fields ?? []) {
    const name = nameOf(f);
    if (!name || f.type === 'password') continue;
    out.push({ value: prefix + name, detail: String(f.type ?? 'field') });
    if (depth > 0 && isRelation(f)) {
      const target = all.find((t) => t.id === f.collectionId);
      if (target) out.push({ value: `${prefix}${name}.`, detail: `relation to ${target.name}` });
    }
  }
  return out;
}

function relationTarget(c: CollectionLike | null | undefined, name: string, all: readonly CollectionLike[]) {
  const f = (c?.fields ?? []).find((x) => nameOf(x) === name && isRelation(x));
  return f ? all.find((t) => t.id === f.collectionId) : undefined;
}

/** Candidates for a dotted path `token` (typed so far) — before filtering by the prefix. */
function pathCandidates(token: string, ctx: CompletionContext): Suggestion[] {
  const all = ctx.collections;
  if (token.startsWith('@')) {
    const out: Suggestion[] = MACROS.map((m) => ({ value: m, detail: 'macro' }));
    if (!ctx.requestPaths) return out;
    out.push(...REQUEST.map((r) => ({ value: r, detail: 'request' })), { value: '@collection.', detail: 'join a collection' });
    if (token.startsWith('@request.auth.')) {
      const auths = all.filter((c) => c.type === 'auth');
      const seen = new Set<string>();
      for (const name of AUTH_STATIC) {
        seen.add(name);
        out.push({ value: `@request.auth.${name}`, detail: 'signed-in record' });
      }
      for (const c of auths) {
        for (const s of fieldItems(c, '@request.auth.', 1, all)) {
          const key = s.value.slice('@request.auth.'.length);
          if (!seen.has(key)) {
            seen.add(key);
            out.push({ value: s.value, detail: `${s.detail} (${c.name})` });
          }
        }
      }
    } else if (token.startsWith('@request.body.')) {
      out.push(...fieldItems(ctx.collection ?? undefined, '@request.body.', 0, all));
    } else if (token.startsWith('@collection.')) {
      const rest = token.slice('@collection.'.length);
      const dot = rest.indexOf('.');
      if (dot === -1) {
        out.push(...all.map((c) => ({ value: `@collection.${c.name}.`, detail: `${c.type ?? ''} collection`.trim() })));
      } else {
        const target = all.find((c) => c.name === rest.slice(0, dot).split(':')[0]);
        out.push(...fieldItems(target, `@collection.${rest.slice(0, dot)}.`, 0, all));
      }
    }
    return out;
  }
  const parts = token.split('.');
  if (parts.length === 1) return fieldItems(ctx.collection ?? undefined, '', 1, all);
  // one relation level deep: `author.` lists the related collection's fields
  const target = relationTarget(ctx.collection, parts[0], all);
  return parts.length === 2 && target ? fieldItems(target, `${parts[0]}.`, 0, all) : [];
}

/** Values worth offering after an operator: `@request.context` takes one of a few words. */
function valueCandidates(before: string): Suggestion[] {
  return /@request\.context\s*\??!?=\s*$/.test(before) ? CONTEXTS.map((c) => ({ value: `'${c}'`, detail: 'context' })) : [];
}

const startsWith = (value: string, prefix: string) => value.toLowerCase().startsWith(prefix.toLowerCase());

/** What to offer at `caret` in `text`. */
export function complete(text: string, caret: number, ctx: CompletionContext): Completion {
  const before = text.slice(0, caret);
  // inside a quoted string nothing is offered
  if ((before.match(/(?<!\\)['"]/g)?.length ?? 0) % 2 === 1) return { from: caret, to: caret, items: [] };
  const op = /[=!<>~?&|]+$/.exec(before);
  if (op) {
    const items = OPERATORS.filter(([o]) => o.startsWith(op[0]) && o !== op[0]).map(([value, detail]) => ({ value, detail }));
    return { from: op.index, to: caret, items };
  }
  const word = /[@\w.:]*$/.exec(before)?.[0] ?? '';
  const from = caret - word.length;
  const end = caret + (/^[@\w.:]*/.exec(text.slice(caret))?.[0].length ?? 0);
  const colon = word.lastIndexOf(':');
  // a modifier after a path: `title:` → `title:lower`
  if (colon > 0 && !word.startsWith('@collection.')) {
    const head = word.slice(0, colon);
    const items = MODIFIERS.filter((m) => startsWith(m, word.slice(colon))).map((m) => ({ value: head + m, detail: 'modifier' }));
    return { from, to: end, items };
  }
  if (word === '') {
    const prev = before.trimEnd();
    if (prev !== '' && /[\w'")\]]$/.test(prev) && !/(&&|\|\|)$/.test(prev)) {
      return { from, to: end, items: OPERATORS.map(([value, detail]) => ({ value, detail })) };
    }
    const values = valueCandidates(before);
    if (values.length > 0) return { from, to: end, items: values };
  }
  const items = pathCandidates(word, ctx)
    .filter((s) => startsWith(s.value, word) && s.value !== word)
    .slice(0, LIMIT);
  return { from, to: end, items };
}

/** `text` with [from, to) replaced by `value`, and the caret after it (a space follows a finished token). */
export function accept(text: string, c: Completion, value: string): { text: string; caret: number } {
  const tail = text.slice(c.to);
  const insert = /[.:]$/.test(value) || /^\s/.test(tail) ? value : `${value} `;
  return { text: text.slice(0, c.from) + insert + tail, caret: c.from + insert.length };
}
