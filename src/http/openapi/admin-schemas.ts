import type { Schema } from './json-schema.js';

const str = { type: 'string' };
const rule = { type: ['string', 'null'], description: 'a filter expression; "" lets anyone, null only superusers' };

/** The collection model as the collections API reads and writes it. */
export const COLLECTION: Schema = {
  type: 'object',
  properties: {
    id: str,
    name: str,
    type: { type: 'string', enum: ['base', 'auth', 'view'] },
    system: { type: 'boolean' },
    fields: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: str, name: str, type: str, system: { type: 'boolean' }, hidden: { type: 'boolean' } },
        required: ['name', 'type'],
        additionalProperties: true,
      },
    },
    indexes: { type: 'array', items: str },
    listRule: rule,
    viewRule: rule,
    createRule: rule,
    updateRule: rule,
    deleteRule: rule,
    viewQuery: { type: 'string', description: 'view collections: the SELECT that defines them' },
    searchFields: {
      type: 'array',
      items: str,
      description:
        'base and auth collections: the text, editor, email or url fields of the full-text index ([] = no search)',
    },
    webhooks: {
      type: 'array',
      items: { $ref: '#/components/schemas/Webhook' },
      description: 'base and auth collections: receivers of record changes (see docs/webhooks.md)',
    },
    created: str,
    updated: str,
  },
  required: ['id', 'name', 'type'],
  additionalProperties: true,
};

/** The runtime settings (secrets are never returned). */
export const SETTINGS: Schema = {
  type: 'object',
  properties: Object.fromEntries(
    [
      'meta',
      'smtp',
      's3',
      'backups',
      'batch',
      'logs',
      'rateLimits',
      'trustedProxy',
      'metrics',
      'twoPersonRule',
      'webhooks',
    ].map((k) => [k, { type: 'object', additionalProperties: true }]),
  ),
  additionalProperties: true,
};

export const LOG: Schema = {
  type: 'object',
  properties: {
    id: str,
    created: str,
    level: { type: 'integer', description: 'DEBUG -4, INFO 0, WARN 4, ERROR 8' },
    message: str,
    data: { type: 'object', additionalProperties: true },
  },
  required: ['id', 'created', 'level', 'message', 'data'],
};

export const LOG_STATS: Schema = {
  type: 'array',
  items: { type: 'object', properties: { total: { type: 'integer' }, date: str }, required: ['total', 'date'] },
};

export const CRON_JOBS: Schema = {
  type: 'array',
  items: { type: 'object', properties: { id: str, expression: str }, required: ['id', 'expression'] },
};

export const HEALTH: Schema = {
  type: 'object',
  properties: { code: { type: 'integer' }, message: str, data: { type: 'object', additionalProperties: true } },
  required: ['code', 'message', 'data'],
};

export const BATCH_REQUEST: Schema = {
  type: 'object',
  properties: {
    requests: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          method: { type: 'string', enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] },
          url: str,
          headers: { type: 'object', additionalProperties: str },
          body: { type: 'object', additionalProperties: true },
        },
        required: ['method', 'url'],
      },
    },
  },
  required: ['requests'],
};

export const BATCH_RESULT: Schema = {
  type: 'array',
  items: { type: 'object', properties: { status: { type: 'integer' }, body: {} }, required: ['status', 'body'] },
};

export const BACKUP_DRILL: Schema = {
  type: 'object',
  properties: {
    key: str,
    ok: { type: 'boolean' },
    checked: str,
    durationMs: { type: 'number' },
    collections: { type: 'integer' },
    rows: { type: 'integer' },
    problems: { type: 'array', items: str },
  },
  required: ['key', 'ok', 'checked', 'problems'],
};

export const BACKUPS: Schema = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      key: str,
      size: { type: 'integer' },
      modified: str,
      drill: { oneOf: [BACKUP_DRILL, { type: 'null' }], description: 'the last restore drill of this backup' },
    },
    required: ['key', 'size', 'modified'],
  },
};

export const AUDIT_ENTRY: Schema = {
  type: 'object',
  properties: {
    id: str,
    seq: { type: 'integer', description: 'position in the hash chain, from 1' },
    created: str,
    actorType: { type: 'string', enum: ['superuser', 'cli', 'system'] },
    actorId: { type: 'string', description: 'superuser id, or user@host for the CLI' },
    actorEmail: str,
    ip: str,
    action: { type: 'string', description: 'operation tag, e.g. collections.delete, cli.superuser.upsert' },
    target: str,
    outcome: { type: 'string', enum: ['success', 'error', 'pending'] },
    error: str,
    data: { type: 'object', additionalProperties: true, description: 'diff (secrets redacted), approval, status…' },
    hash: { type: 'string', description: 'SHA-256 over the previous hash and this entry' },
  },
  required: ['id', 'seq', 'created', 'actorType', 'action', 'outcome', 'data', 'hash'],
};

export const APPROVAL: Schema = {
  type: 'object',
  properties: {
    id: str,
    action: { type: 'string', description: 'the held operation, e.g. collections.delete' },
    target: str,
    payload: { type: 'object', additionalProperties: true, description: 'what it runs with (secrets redacted)' },
    status: { type: 'string', enum: ['pending', 'running', 'approved', 'failed', 'rejected', 'expired'] },
    requesterId: str,
    requesterEmail: str,
    requesterIp: str,
    created: str,
    expires: str,
    decidedById: str,
    decidedByEmail: str,
    decided: str,
    result: { type: 'object', additionalProperties: true, description: '{ok, value} or {ok: false, error}' },
  },
  required: ['id', 'action', 'target', 'status', 'requesterId', 'created', 'expires'],
};

/** One webhook of a collection, as the collections API reads and writes it. */
export const WEBHOOK: Schema = {
  type: 'object',
  properties: {
    id: { type: 'string', description: 'unique across collections; generated when left out' },
    url: { type: 'string', format: 'uri', description: 'an http(s) URL; private addresses need a setting' },
    events: { type: 'array', items: { type: 'string', enum: ['create', 'update', 'delete'] }, minItems: 1 },
    filter: { type: 'string', description: 'a filter the record must match ("" = every record)' },
    secret: {
      type: 'string',
      minLength: 16,
      maxLength: 255,
      description: 'the HMAC-SHA256 key of `X-Basalt-Signature`; generated when left out, kept when left out on update',
    },
    enabled: { type: 'boolean' },
  },
  required: ['url', 'events'],
};

const attempt: Schema = {
  type: 'object',
  properties: {
    attempt: { type: 'integer' },
    responseStatus: { type: 'integer', description: '0 when no answer came' },
    responseBody: { type: 'string', description: 'the first KiB of the answer' },
    error: str,
    durationMs: { type: 'integer' },
    created: str,
  },
  required: ['attempt', 'responseStatus', 'responseBody', 'error', 'durationMs', 'created'],
};

/** One delivery of an event to a webhook, with its attempts. */
export const WEBHOOK_DELIVERY: Schema = {
  type: 'object',
  properties: {
    id: str,
    webhookId: str,
    collectionId: str,
    eventId: { type: 'string', description: 'the same on every redelivery of the event' },
    event: { type: 'string', enum: ['create', 'update', 'delete'] },
    recordId: str,
    status: { type: 'string', enum: ['pending', 'sent', 'failed'] },
    responseStatus: { type: 'integer' },
    lastError: str,
    redeliveryOf: { type: 'string', description: 'the delivery this one repeats ("" for the first)' },
    body: { type: 'object', additionalProperties: true, description: 'the JSON body POSTed' },
    attempts: { type: 'array', items: attempt },
    created: str,
    updated: str,
  },
  required: ['id', 'webhookId', 'event', 'status', 'body', 'attempts', 'created', 'updated'],
};
