import { ref, type Schema } from './json-schema.js';

/** The error body every failure shares: `{status, message, data}` with field errors keyed by field. */
export const API_ERROR: Schema = {
  type: 'object',
  properties: {
    status: { type: 'integer' },
    message: { type: 'string' },
    data: {
      type: 'object',
      description: 'field errors, keyed by field (nested for nested input): `{code, message}` at each leaf',
      additionalProperties: true,
    },
  },
  required: ['status', 'message', 'data'],
};

const ERROR_TEXT: Readonly<Record<number, string>> = {
  400: 'Invalid request: validation errors under `data`',
  401: 'Missing or invalid authorization',
  403: 'Not allowed for this requester',
  404: 'Not found, or hidden from this requester',
  413: 'Request body too large',
  429: 'Too many requests (see `Retry-After`)',
  503: 'Not ready to serve (the database does not answer, or the server is stopping)',
};

/** The shared error responses, as components. */
export function errorResponses(): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  for (const [status, description] of Object.entries(ERROR_TEXT)) {
    out[`Error${status}`] = { description, content: { 'application/json': { schema: ref('ApiError') } } };
  }
  return out;
}

export const errorRef = (status: number): Schema => ({ $ref: `#/components/responses/Error${status}` });

const query = (name: string, schema: Schema, description: string): Schema => ({
  name,
  in: 'query',
  required: false,
  schema,
  description,
});

/** Query parameters shared by many operations, as components. */
export const PARAMETERS: Readonly<Record<string, Schema>> = {
  page: query('page', { type: 'integer', minimum: 1, default: 1 }, 'page number (1-based)'),
  perPage: query(
    'perPage',
    { type: 'integer', minimum: 1, maximum: 1000, default: 30 },
    'items per page (at most 1000)',
  ),
  sort: query(
    'sort',
    { type: 'string' },
    'comma-separated fields, `-` for descending; also `@random`, `@rowid`, and `@rank` (relevance) with `search`',
  ),
  filter: query('filter', { type: 'string' }, 'a filter expression, e.g. `(title ~ "abc" && created > "2026-01-01")`'),
  skipTotal: query('skipTotal', { type: 'boolean' }, 'skip counting: `totalItems` and `totalPages` are -1'),
  expand: query(
    'expand',
    { type: 'string' },
    'comma-separated relation paths to expand, e.g. `author,comments_via_post`',
  ),
  fields: query(
    'fields',
    { type: 'string' },
    'comma-separated keys to return, e.g. `id,title,expand.author.name`; `key:excerpt(200,true)` cuts text, `key:highlight` marks the words of `search` with `<mark>`',
  ),
};

/** `search` of a collection with a full-text index (the fields it reads are named in the description). */
export function searchParameter(fields: readonly string[]): Schema {
  return query(
    'search',
    { type: 'string', maxLength: 4096 },
    `full-text search in ${fields.map((f) => `\`${f}\``).join(', ')}: every word must match (the last one as a prefix); results come most relevant first unless \`sort\` is given`,
  );
}

export const paramRef = (name: keyof typeof PARAMETERS & string): Schema => ({
  $ref: `#/components/parameters/${name}`,
});

/** The list envelope around `item`. */
export function listPage(item: Schema): Schema {
  return {
    type: 'object',
    properties: {
      page: { type: 'integer' },
      perPage: { type: 'integer' },
      totalItems: { type: 'integer', description: '-1 with skipTotal' },
      totalPages: { type: 'integer', description: '-1 with skipTotal' },
      items: { type: 'array', items: item },
    },
    required: ['page', 'perPage', 'totalItems', 'totalPages', 'items'],
  };
}

/** An operation's answer with a JSON body. */
export const jsonResponse = (description: string, schema: Schema): Schema => ({
  description,
  content: { 'application/json': { schema } },
});
