import {
  APPROVAL,
  AUDIT_ENTRY,
  BACKUP_DRILL,
  BACKUPS,
  BATCH_REQUEST,
  BATCH_RESULT,
  COLLECTION,
  CRON_JOBS,
  HEALTH,
  LOG,
  LOG_STATS,
  SETTINGS,
  WEBHOOK,
  WEBHOOK_DELIVERY,
} from './admin-schemas.js';
import { jsonResponse, listPage, paramRef } from './components.js';
import { ref, type Schema } from './json-schema.js';
import { type HttpMethod, NO_CONTENT, type Operation, type OperationSpec, operation } from './operation.js';

const str = { type: 'string' };
const LIST_PARAMS = ['page', 'perPage', 'sort', 'filter', 'skipTotal', 'fields'].map((p) => paramRef(p));
const ANY_OBJECT: Schema = { type: 'object', additionalProperties: true };
/** The answer of a destructive operation held back by the two-person rule. */
const HELD: Record<string, Schema> = {
  '202': jsonResponse('Held for a second superuser (two-person rule): the pending approval', ref('Approval')),
};

interface Entry {
  routeTag: string;
  method: HttpMethod;
  path: string;
  /** callable without a superuser token */
  public?: boolean;
  spec: Omit<OperationSpec, 'operationId'> & { operationId?: string };
}

const opId = (tag: string) => tag.replace(/\.(\w)/g, (_, c: string) => c.toUpperCase());

/** Everything outside the record endpoints of collections, by route tag. */
const ENTRIES: readonly Entry[] = [
  {
    routeTag: 'health',
    method: 'get',
    path: '/api/health',
    public: true,
    spec: {
      group: 'system',
      summary: 'Health check (liveness; with `ready=1` also readiness)',
      description:
        'Cheap by default. With `ready=1` it also checks that the database answers and that the server is not stopping, and answers 503 otherwise.',
      auth: false,
      parameters: [{ name: 'ready', in: 'query', schema: { type: 'string', enum: ['1', 'true'] } }],
      ok: [200, jsonResponse('Healthy', HEALTH)],
      errors: [503],
    },
  },
  {
    routeTag: 'metrics',
    method: 'get',
    path: '/api/metrics',
    public: true,
    spec: {
      group: 'system',
      summary: 'Metrics in the Prometheus text format',
      description:
        'For superusers, or with `Authorization: Bearer <token>` holding the `metrics.token` of the settings.',
      ok: [
        200,
        {
          description: 'Prometheus text exposition format 0.0.4',
          content: { 'text/plain': { schema: { type: 'string' } } },
        },
      ],
      errors: [401, 403],
    },
  },
  {
    routeTag: 'openapi',
    method: 'get',
    path: '/api/openapi.json',
    public: true,
    spec: {
      group: 'system',
      summary: 'This document, for the requester (superusers see every collection and the admin APIs)',
      auth: false,
      ok: [200, jsonResponse('An OpenAPI 3.1 document', ANY_OBJECT)],
    },
  },
  {
    routeTag: 'batch',
    method: 'post',
    path: '/api/batch',
    public: true,
    spec: {
      group: 'batch',
      summary: 'Run record writes in one transaction',
      description: 'Each sub-request runs under its own collection rules; the first failure rolls everything back.',
      body: { json: BATCH_REQUEST },
      ok: [200, jsonResponse('One result per sub-request', BATCH_RESULT)],
      errors: [403, 413],
    },
  },
  {
    routeTag: 'files.download',
    method: 'get',
    path: '/api/files/{collection}/{recordId}/{filename}',
    public: true,
    spec: {
      group: 'files',
      summary: 'Download a file (or a thumbnail with `thumb`)',
      description: 'The view rule of the record applies; protected files need a file token (`token`).',
      auth: false,
      parameters: [
        {
          name: 'thumb',
          in: 'query',
          schema: str,
          description: 'a thumbnail size listed on the field, e.g. `100x100`',
        },
        { name: 'token', in: 'query', schema: str, description: 'a file token, for protected files' },
        { name: 'download', in: 'query', schema: { type: 'boolean' }, description: 'force a download' },
      ],
      ok: [
        200,
        {
          description: 'The file',
          content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
        },
      ],
      errors: [404],
    },
  },
  {
    routeTag: 'files.token',
    method: 'post',
    path: '/api/files/token',
    public: true,
    spec: {
      group: 'files',
      summary: 'A short-lived token for protected files',
      ok: [200, jsonResponse('The token', { type: 'object', properties: { token: str }, required: ['token'] })],
      errors: [401],
    },
  },
  {
    routeTag: 'realtime.connect',
    method: 'get',
    path: '/api/realtime',
    public: true,
    spec: {
      group: 'realtime',
      summary: 'Open a Server-Sent Events stream',
      description: 'The first event, `PB_CONNECT`, carries the client id to subscribe with.',
      auth: false,
      ok: [200, { description: 'An event stream', content: { 'text/event-stream': { schema: str } } }],
    },
  },
  {
    routeTag: 'realtime.subscribe',
    method: 'post',
    path: '/api/realtime',
    public: true,
    spec: {
      group: 'realtime',
      summary: 'Set the subscriptions of a client (replacing the previous ones)',
      body: {
        json: {
          type: 'object',
          properties: { clientId: str, subscriptions: { type: 'array', items: str } },
          required: ['clientId'],
        },
      },
      ok: [204, NO_CONTENT],
      errors: [403, 404],
    },
  },
  {
    routeTag: 'collections.list',
    method: 'get',
    path: '/api/collections',
    spec: {
      group: 'collections',
      summary: 'List collections',
      parameters: LIST_PARAMS,
      ok: [200, jsonResponse('A page of collections', listPage(ref('Collection')))],
    },
  },
  {
    routeTag: 'collections.create',
    method: 'post',
    path: '/api/collections',
    spec: {
      group: 'collections',
      summary: 'Create a collection',
      body: { json: ref('Collection') },
      ok: [200, jsonResponse('The collection', ref('Collection'))],
    },
  },
  {
    routeTag: 'collections.import',
    method: 'put',
    path: '/api/collections/import',
    spec: {
      group: 'collections',
      summary: 'Replace or merge collections in one go',
      body: {
        json: {
          type: 'object',
          properties: { collections: { type: 'array', items: ref('Collection') }, deleteMissing: { type: 'boolean' } },
          required: ['collections'],
        },
      },
      responses: HELD,
      ok: [204, NO_CONTENT],
    },
  },
  {
    routeTag: 'collections.scaffolds',
    method: 'get',
    path: '/api/collections/meta/scaffolds',
    spec: {
      group: 'collections',
      summary: 'Defaults of a new collection, per type',
      ok: [200, jsonResponse('One collection per type', { type: 'object', additionalProperties: ref('Collection') })],
    },
  },
  {
    routeTag: 'collections.view',
    method: 'get',
    path: '/api/collections/{collection}',
    spec: {
      group: 'collections',
      summary: 'View a collection',
      ok: [200, jsonResponse('The collection', ref('Collection'))],
      errors: [404],
    },
  },
  {
    routeTag: 'collections.update',
    method: 'patch',
    path: '/api/collections/{collection}',
    spec: {
      group: 'collections',
      summary: 'Update a collection (its table follows)',
      body: { json: ref('Collection') },
      ok: [200, jsonResponse('The collection', ref('Collection'))],
      errors: [404],
    },
  },
  {
    routeTag: 'collections.delete',
    method: 'delete',
    path: '/api/collections/{collection}',
    spec: {
      group: 'collections',
      summary: 'Delete a collection and its records',
      responses: HELD,
      ok: [204, NO_CONTENT],
      errors: [404],
    },
  },
  {
    routeTag: 'collections.truncate',
    method: 'delete',
    path: '/api/collections/{collection}/truncate',
    spec: {
      group: 'collections',
      summary: 'Delete every record of a collection',
      responses: HELD,
      ok: [204, NO_CONTENT],
      errors: [404],
    },
  },
  {
    routeTag: 'settings.view',
    method: 'get',
    path: '/api/settings',
    spec: {
      group: 'settings',
      summary: 'The settings (without secrets)',
      ok: [200, jsonResponse('The settings', ref('Settings'))],
    },
  },
  {
    routeTag: 'settings.update',
    method: 'patch',
    path: '/api/settings',
    spec: {
      group: 'settings',
      summary: 'Change settings (deep-merged, applied at once)',
      body: { json: ref('Settings') },
      responses: HELD,
      ok: [200, jsonResponse('The settings', ref('Settings'))],
    },
  },
  {
    routeTag: 'settings.testS3',
    method: 'post',
    path: '/api/settings/test/s3',
    spec: {
      group: 'settings',
      summary: 'Upload and delete a probe object with the S3 settings',
      body: { json: { type: 'object', properties: { filesystem: { type: 'string', enum: ['storage', 'backups'] } } } },
      ok: [204, NO_CONTENT],
    },
  },
  {
    routeTag: 'settings.testEmail',
    method: 'post',
    path: '/api/settings/test/email',
    spec: {
      group: 'settings',
      summary: 'Send a test email of one template',
      body: {
        json: {
          type: 'object',
          properties: {
            email: { type: 'string', format: 'email' },
            template: {
              type: 'string',
              enum: ['verification', 'password-reset', 'email-change', 'otp', 'login-alert'],
            },
            collection: str,
          },
          required: ['email', 'template'],
        },
      },
      ok: [204, NO_CONTENT],
    },
  },
  {
    routeTag: 'settings.appleClientSecret',
    method: 'post',
    path: '/api/settings/apple/generate-client-secret',
    spec: {
      group: 'settings',
      summary: 'Make the client secret "Sign in with Apple" needs',
      body: {
        json: {
          type: 'object',
          properties: { clientId: str, teamId: str, keyId: str, privateKey: str, duration: { type: 'integer' } },
          required: ['clientId', 'teamId', 'keyId', 'privateKey', 'duration'],
        },
      },
      ok: [200, jsonResponse('The secret', { type: 'object', properties: { secret: str }, required: ['secret'] })],
    },
  },
  {
    routeTag: 'logs.list',
    method: 'get',
    path: '/api/logs',
    spec: {
      group: 'logs',
      summary: 'List request and app logs',
      parameters: LIST_PARAMS,
      ok: [200, jsonResponse('A page of logs', listPage(ref('Log')))],
    },
  },
  {
    routeTag: 'logs.stats',
    method: 'get',
    path: '/api/logs/stats',
    spec: {
      group: 'logs',
      summary: 'Log counts per hour',
      parameters: [paramRef('filter')],
      ok: [200, jsonResponse('Counts per hour', LOG_STATS)],
    },
  },
  {
    routeTag: 'logs.view',
    method: 'get',
    path: '/api/logs/{id}',
    spec: { group: 'logs', summary: 'View one log', ok: [200, jsonResponse('The log', ref('Log'))], errors: [404] },
  },
  {
    routeTag: 'crons.list',
    method: 'get',
    path: '/api/crons',
    spec: { group: 'crons', summary: 'List scheduled jobs', ok: [200, jsonResponse('The jobs', CRON_JOBS)] },
  },
  {
    routeTag: 'crons.run',
    method: 'post',
    path: '/api/crons/{id}',
    spec: { group: 'crons', summary: 'Run a job now (in the background)', ok: [204, NO_CONTENT], errors: [404] },
  },
  {
    routeTag: 'backups.list',
    method: 'get',
    path: '/api/backups',
    spec: { group: 'backups', summary: 'List backups', ok: [200, jsonResponse('The backups', BACKUPS)] },
  },
  {
    routeTag: 'backups.create',
    method: 'post',
    path: '/api/backups',
    spec: {
      group: 'backups',
      summary: 'Make a backup now (answers when it is done)',
      body: { json: { type: 'object', properties: { name: str } }, required: false },
      ok: [204, NO_CONTENT],
    },
  },
  {
    routeTag: 'backups.upload',
    method: 'post',
    path: '/api/backups/upload',
    spec: {
      group: 'backups',
      summary: 'Upload a backup archive',
      body: {
        form: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
      },
      ok: [204, NO_CONTENT],
    },
  },
  {
    routeTag: 'backups.download',
    method: 'get',
    path: '/api/backups/{key}',
    public: true,
    spec: {
      group: 'backups',
      summary: 'Download a backup (with a superuser file token in `token`)',
      auth: false,
      parameters: [{ name: 'token', in: 'query', required: true, schema: str }],
      ok: [
        200,
        {
          description: 'The archive',
          content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
        },
      ],
      errors: [403, 404],
    },
  },
  {
    routeTag: 'backups.delete',
    method: 'delete',
    path: '/api/backups/{key}',
    spec: { group: 'backups', summary: 'Delete a backup', ok: [204, NO_CONTENT] },
  },
  {
    routeTag: 'backups.restore',
    method: 'post',
    path: '/api/backups/{key}/restore',
    spec: { group: 'backups', summary: 'Restore a backup (the app restarts on it)', ok: [204, NO_CONTENT] },
  },
  {
    routeTag: 'audit.list',
    method: 'get',
    path: '/api/audit',
    spec: {
      group: 'audit',
      summary: 'List the audit trail (newest first)',
      parameters: LIST_PARAMS,
      ok: [200, jsonResponse('A page of audit entries', listPage(ref('AuditEntry')))],
    },
  },
  {
    routeTag: 'audit.view',
    method: 'get',
    path: '/api/audit/{id}',
    spec: {
      group: 'audit',
      summary: 'View one audit entry',
      ok: [200, jsonResponse('The entry', ref('AuditEntry'))],
      errors: [404],
    },
  },
  {
    routeTag: 'webhooks.deliveries',
    method: 'get',
    path: '/api/webhooks/{webhookId}/deliveries',
    spec: {
      group: 'webhooks',
      summary: "List a webhook's deliveries with their attempts, newest first",
      parameters: [
        paramRef('page'),
        paramRef('perPage'),
        paramRef('skipTotal'),
        {
          name: 'status',
          in: 'query',
          schema: { type: 'string', enum: ['pending', 'sent', 'failed'] },
          description: 'only deliveries in this state',
        },
      ],
      ok: [200, jsonResponse('A page of deliveries', listPage(ref('WebhookDelivery')))],
      errors: [404],
    },
  },
  {
    routeTag: 'approvals.list',
    method: 'get',
    path: '/api/approvals',
    spec: {
      group: 'approvals',
      summary: 'List approval requests (two-person rule)',
      parameters: LIST_PARAMS,
      ok: [200, jsonResponse('A page of approvals', listPage(ref('Approval')))],
    },
  },
  {
    routeTag: 'approvals.view',
    method: 'get',
    path: '/api/approvals/{id}',
    spec: {
      group: 'approvals',
      summary: 'View one approval request',
      ok: [200, jsonResponse('The approval', ref('Approval'))],
      errors: [404],
    },
  },
  {
    routeTag: 'approvals.approve',
    method: 'post',
    path: '/api/approvals/{id}/approve',
    spec: {
      group: 'approvals',
      summary: 'Approve and run a held action (as its requester; not by the requester)',
      ok: [200, jsonResponse('The decided approval with its result', ref('Approval'))],
      errors: [404],
    },
  },
  {
    routeTag: 'approvals.reject',
    method: 'post',
    path: '/api/approvals/{id}/reject',
    spec: {
      group: 'approvals',
      summary: 'Reject a held action (the requester may withdraw their own)',
      ok: [200, jsonResponse('The rejected approval', ref('Approval'))],
      errors: [404],
    },
  },
  {
    routeTag: 'backups.drill',
    method: 'post',
    path: '/api/backups/{key}/drill',
    spec: {
      group: 'backups',
      summary: 'Run a restore drill of a backup now (restore into scratch, integrity and manifest checks)',
      ok: [200, jsonResponse('The drill result', BACKUP_DRILL)],
    },
  },
  {
    routeTag: 'webhooks.redeliver',
    method: 'post',
    path: '/api/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver',
    spec: {
      group: 'webhooks',
      summary: 'Send a delivered (or failed) event again, as a new delivery',
      description: 'Answers at once with the new delivery; it is sent in the background and retried like any other.',
      ok: [200, jsonResponse('The new delivery', ref('WebhookDelivery'))],
      errors: [404],
    },
  },
  {
    routeTag: 'setup.createSuperuser',
    method: 'post',
    path: '/api/setup/superuser',
    public: true,
    spec: {
      group: 'system',
      summary: 'Create the first superuser with the one-time token of the first-run link',
      description:
        'Only while no superuser exists, with the token of the link `basalt serve` prints (valid for an hour). Answers as a password sign-in does.',
      auth: false,
      body: {
        json: {
          type: 'object',
          required: ['token', 'email', 'password', 'passwordConfirm'],
          properties: { token: str, email: str, password: str, passwordConfirm: str },
        },
        required: true,
      },
      ok: [
        200,
        jsonResponse('The new superuser, signed in', {
          type: 'object',
          required: ['token', 'record'],
          properties: { token: str, record: ANY_OBJECT },
        }),
      ],
    },
  },
];

/** The operations outside collections this viewer may call (all of them for superusers). */
export function adminOperations(superuser: boolean): Operation[] {
  return ENTRIES.filter((e) => superuser || e.public).map((e) =>
    operation(e.routeTag, e.method, e.path, {
      ...e.spec,
      // superuser-only operations answer 401 without a token and 403 for other records
      errors: [...new Set([...(e.public ? [] : [401, 403]), ...(e.spec.errors ?? [])])],
      operationId: e.spec.operationId ?? opId(e.routeTag),
    }),
  );
}

/** Component schemas the admin operations refer to. */
export const ADMIN_SCHEMAS: Readonly<Record<string, Schema>> = {
  Collection: COLLECTION,
  Settings: SETTINGS,
  Log: LOG,
  AuditEntry: AUDIT_ENTRY,
  Approval: APPROVAL,
  Webhook: WEBHOOK,
  WebhookDelivery: WEBHOOK_DELIVERY,
};
