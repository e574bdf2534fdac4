/** A subscription as POST /api/realtime stored it: the key verbatim (it is also the SSE event name). */
export interface Subscription {
  readonly key: string;
  /** the part before `?` */
  readonly topic: string;
  /** for record topics: the collection id or name, lower-cased; null for custom topics */
  readonly collection: string | null;
  /** for record topics: the record id, or `*` for every record */
  readonly record: string;
  /** `options.query`, values as strings (`filter`, `expand`, `fields`, the rest are `@request.query.*`) */
  readonly query: Readonly<Record<string, string>>;
  /** `options.headers`, names in lower snake_case (`@request.headers.*`) */
  readonly headers: Readonly<Record<string, string>>;
}

/** Why a key was refused (a field error message). */
export class TopicError extends Error {}

/** Topics the server itself publishes to, never record topics. */
const RESERVED = /^@/;

function asString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function stringMap(v: unknown, name: (k: string) => string): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new TopicError(`options must hold an object`);
  const out: Record<string, string> = {};
  for (const [k, value] of Object.entries(v)) out[name(k)] = asString(value);
  return out;
}

function parseOptions(search: string): { query: Record<string, string>; headers: Record<string, string> } {
  const raw = new URLSearchParams(search).get('options');
  if (raw === null || raw === '') return { query: {}, headers: {} };
  let options: unknown;
  try {
    options = JSON.parse(raw);
  } catch {
    throw new TopicError('options is not valid JSON');
  }
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new TopicError('options must be a JSON object');
  const o = options as Record<string, unknown>;
  return {
    query: stringMap(o.query, (k) => k),
    headers: stringMap(o.headers, (k) => k.toLowerCase().replaceAll('-', '_')),
  };
}

/**
 * Parses a subscription key: `COLLECTION/*`, `COLLECTION/RECORD_ID`, `COLLECTION` (the old form of
 * `COLLECTION/*`), `@oauth2` and any other custom topic, each with an optional `?options=<JSON>`.
 * Throws TopicError for options that are not a JSON object, or a key that would break the SSE
 * framing (line breaks: the key is sent back as the event name).
 */
export function parseSubscription(key: string): Subscription {
  if (/[\r\n]/.test(key)) throw new TopicError('line breaks are not allowed');
  const q = key.indexOf('?');
  const topic = q < 0 ? key : key.slice(0, q);
  const { query, headers } = q < 0 ? { query: {}, headers: {} } : parseOptions(key.slice(q + 1));
  if (RESERVED.test(topic) || topic === '') return { key, topic, collection: null, record: '', query, headers };
  const slash = topic.indexOf('/');
  const collection = (slash < 0 ? topic : topic.slice(0, slash)).toLowerCase();
  const record = slash < 0 ? '*' : topic.slice(slash + 1);
  return { key, topic, collection, record, query, headers };
}

/** The index key of a record topic: `collection/record` (collection lower-cased). */
export function topicIndexKey(collection: string, record: string): string {
  return `${collection}/${record}`;
}
