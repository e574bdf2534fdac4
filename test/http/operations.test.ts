import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance, type HTTPMethods, type RouteOptions } from 'fastify';
import { type Operation, operationOf } from '../../src/http/operation.js';
import { registerRoutes, routes } from '../../src/http/routes/index.js';
import { buildServer } from '../../src/http/server.js';
import { DIALECTS, startApp, TEST_SUPERUSER, type TestApp } from '../harness/index.js';

/** What a request log would record about one request. */
interface Seen {
  status: number;
  operation: Operation | undefined;
}

/** One request and the operation a log must read for it. */
interface Step {
  method: HTTPMethods;
  url: string | (() => string);
  body?: unknown;
  /** who asks: the superuser (default), a guest, or a raw Authorization header */
  auth?: 'su' | 'guest' | { header: string };
  status: number;
  /** undefined: no route matched */
  tag: string | undefined;
  /** name of the operation's collection; undefined: none */
  collection?: string;
  /** keeps something of the response for a later step */
  keep?: (json: any) => void;
}

/** The one entry the response hook logged for the last request (the hook may run just after the reply ends). */
async function nextLogEntry(log: Seen[]): Promise<Seen> {
  for (let i = 0; i < 100 && log.length === 0; i++) await new Promise((resolve) => setImmediate(resolve));
  assert.equal(log.length, 1, 'one response hook call per request');
  return log.splice(0)[0] as Seen;
}

for (const dialect of DIALECTS) {
  describe(`operation tags (${dialect})`, () => {
    let t: TestApp;
    let server: FastifyInstance;
    let token: string;
    const log: Seen[] = [];

    before(async () => {
      t = await startApp({ dialect });
      token = await t.superuserToken();
      // a second server over the same app, with a response hook standing in for a request log
      server = await buildServer(t.app);
      server.addHook('onResponse', async (req, reply) => {
        log.push({ status: reply.statusCode, operation: operationOf(req) });
      });
      await server.ready();
    });
    after(async () => {
      await server?.close();
      await t?.close();
    });

    it('registers every route with a unique, non-empty tag', async () => {
      const registered: RouteOptions[] = [];
      const bare = Fastify();
      bare.addHook('onRoute', (route) => {
        registered.push(route);
      });
      registerRoutes(bare, t.app);
      await bare.ready();
      await bare.close();

      const own = registered.filter((r) => r.method !== 'HEAD');
      assert.equal(own.length, routes.length);
      const tags = own.map((r) => r.config?.route?.tag ?? '');
      for (const [i, tag] of tags.entries())
        assert.match(tag, /^[a-z0-9]+(\.[a-zA-Z0-9]+)?$/, `${own[i]?.url} has a tag`);
      assert.equal(new Set(tags).size, tags.length, `tags are unique: ${tags.join(', ')}`);
      for (const r of registered.filter((r) => r.method === 'HEAD')) {
        assert.ok(r.config?.route?.tag, `HEAD ${r.url} shares its GET route's tag`);
      }
      for (const def of routes) {
        assert.ok(server.hasRoute({ method: def.method, url: def.url }), `${def.method} ${def.url} is served`);
      }
    });

    it('gives each request the operation and collection a request log reads', async () => {
      let recordId = '';
      let usersId = '';
      const steps: Step[] = [
        { method: 'GET', url: '/api/health', status: 200, tag: 'health' },
        { method: 'HEAD', url: '/api/health', status: 200, tag: 'health' },
        {
          method: 'GET',
          url: '/api/collections?filter=name="users"',
          status: 200,
          tag: 'collections.list',
          keep: (json) => {
            usersId = json.items[0].id;
          },
        },
        { method: 'GET', url: '/api/collections/meta/scaffolds', status: 200, tag: 'collections.scaffolds' },
        {
          method: 'POST',
          url: '/api/collections',
          body: { name: 'ops_posts', type: 'base', fields: [{ name: 'title', type: 'text' }] },
          status: 200,
          tag: 'collections.create',
        },
        {
          method: 'GET',
          url: '/api/collections/ops_posts',
          status: 200,
          tag: 'collections.view',
          collection: 'ops_posts',
        },
        {
          method: 'PATCH',
          url: '/api/collections/ops_posts',
          body: { listRule: '' },
          status: 200,
          tag: 'collections.update',
          collection: 'ops_posts',
        },
        {
          method: 'POST',
          url: '/api/collections/ops_posts/records',
          body: { title: 'first' },
          status: 200,
          tag: 'records.create',
          collection: 'ops_posts',
          keep: (json) => {
            recordId = json.id;
          },
        },
        {
          method: 'GET',
          url: '/api/collections/ops_posts/records',
          auth: 'guest',
          status: 200,
          tag: 'records.list',
          collection: 'ops_posts',
        },
        {
          method: 'GET',
          url: () => `/api/collections/ops_posts/records/${recordId}`,
          status: 200,
          tag: 'records.view',
          collection: 'ops_posts',
        },
        {
          method: 'PATCH',
          url: () => `/api/collections/ops_posts/records/${recordId}`,
          body: { title: 'second' },
          status: 200,
          tag: 'records.update',
          collection: 'ops_posts',
        },
        {
          method: 'DELETE',
          url: () => `/api/collections/ops_posts/records/${recordId}`,
          status: 204,
          tag: 'records.delete',
          collection: 'ops_posts',
        },
        {
          method: 'DELETE',
          url: '/api/collections/ops_posts/truncate',
          status: 204,
          tag: 'collections.truncate',
          collection: 'ops_posts',
        },
        {
          method: 'DELETE',
          url: '/api/collections/ops_posts',
          status: 204,
          tag: 'collections.delete',
          collection: 'ops_posts',
        },
        {
          method: 'PUT',
          url: '/api/collections/import',
          body: { collections: [{ name: 'ops_imported', type: 'base', fields: [] }] },
          status: 204,
          tag: 'collections.import',
        },
        {
          method: 'GET',
          url: '/api/collections/users/auth-methods',
          auth: 'guest',
          status: 200,
          tag: 'auth.methods',
          collection: 'users',
        },
        {
          method: 'POST',
          url: '/api/collections/_superusers/auth-with-password',
          body: { identity: TEST_SUPERUSER.email, password: TEST_SUPERUSER.password },
          auth: 'guest',
          status: 200,
          tag: 'auth.withPassword',
          collection: '_superusers',
        },
        {
          method: 'POST',
          url: '/api/collections/_superusers/auth-refresh',
          status: 200,
          tag: 'auth.refresh',
          collection: '_superusers',
        },
        {
          method: 'POST',
          url: '/api/collections/users/request-otp',
          body: { email: 'nobody@example.com' },
          auth: 'guest',
          status: 403,
          tag: 'auth.requestOtp',
          collection: 'users',
        },
        {
          method: 'POST',
          url: '/api/collections/users/auth-with-otp',
          body: {},
          auth: 'guest',
          status: 403,
          tag: 'auth.withOtp',
          collection: 'users',
        },
        {
          method: 'POST',
          url: '/api/collections/users/request-verification',
          body: { email: 'nobody@example.com' },
          auth: 'guest',
          status: 204,
          tag: 'auth.requestVerification',
          collection: 'users',
        },
        {
          method: 'POST',
          url: '/api/collections/users/confirm-verification',
          body: { token: 'x' },
          auth: 'guest',
          status: 400,
          tag: 'auth.confirmVerification',
          collection: 'users',
        },
        {
          method: 'POST',
          url: '/api/collections/users/request-password-reset',
          body: { email: 'nobody@example.com' },
          auth: 'guest',
          status: 204,
          tag: 'auth.requestPasswordReset',
          collection: 'users',
        },
        {
          method: 'POST',
          url: '/api/collections/users/confirm-password-reset',
          body: {},
          auth: 'guest',
          status: 400,
          tag: 'auth.confirmPasswordReset',
          collection: 'users',
        },
        {
          method: 'POST',
          url: '/api/collections/users/request-email-change',
          body: { newEmail: 'new@example.com' },
          auth: 'guest',
          status: 401,
          tag: 'auth.requestEmailChange',
          collection: 'users',
        },
        {
          method: 'POST',
          url: '/api/collections/users/confirm-email-change',
          body: {},
          auth: 'guest',
          status: 400,
          tag: 'auth.confirmEmailChange',
          collection: 'users',
        },
        {
          method: 'POST',
          url: '/api/collections/users/impersonate/nothinghere1234',
          status: 404,
          tag: 'auth.impersonate',
          collection: 'users',
        },
        { method: 'POST', url: '/api/settings/test/email', body: {}, status: 400, tag: 'settings.testEmail' },
        // a batch (off by default) has no collection of its own: its sub-requests have theirs
        {
          method: 'POST',
          url: '/api/batch',
          body: { requests: [{ method: 'POST', url: '/api/collections/users/records' }] },
          status: 403,
          tag: 'batch',
        },
        { method: 'GET', url: '/api/crons', status: 200, tag: 'crons.list' },
        { method: 'POST', url: '/api/crons/nope', status: 404, tag: 'crons.run' },
        { method: 'GET', url: '/api/metrics', status: 200, tag: 'metrics' },
        { method: 'GET', url: '/api/webhooks/nope/deliveries', status: 404, tag: 'webhooks.deliveries' },
        { method: 'POST', url: '/api/webhooks/nope/deliveries/nope/redeliver', status: 404, tag: 'webhooks.redeliver' },
        // the collection is found by id as well as by name
        {
          method: 'GET',
          url: () => `/api/collections/${usersId}/records`,
          status: 200,
          tag: 'records.list',
          collection: 'users',
        },
        { method: 'GET', url: '/api/logs', status: 200, tag: 'logs.list' },
        { method: 'GET', url: '/api/logs/stats', status: 200, tag: 'logs.stats' },
        { method: 'GET', url: '/api/logs/nothinghere1234', status: 404, tag: 'logs.view' },
        { method: 'GET', url: '/api/audit', status: 200, tag: 'audit.list' },
        { method: 'GET', url: '/api/audit/nothinghere1234', status: 404, tag: 'audit.view' },
        { method: 'GET', url: '/api/approvals', status: 200, tag: 'approvals.list' },
        { method: 'GET', url: '/api/approvals/nothinghere1234', status: 404, tag: 'approvals.view' },
        { method: 'POST', url: '/api/approvals/nothinghere1234/approve', status: 404, tag: 'approvals.approve' },
        { method: 'POST', url: '/api/approvals/nothinghere1234/reject', status: 404, tag: 'approvals.reject' },
        // an unknown collection: the operation is known, its collection is not
        { method: 'GET', url: '/api/collections/nope/records', status: 404, tag: 'records.list' },
        { method: 'GET', url: '/api/collections/nope', status: 404, tag: 'collections.view' },
        // a refused request is tagged too
        { method: 'GET', url: '/api/collections', auth: 'guest', status: 401, tag: 'collections.list' },
        {
          method: 'GET',
          url: '/api/collections/users/records',
          auth: { header: 'not-a-token' },
          status: 200,
          tag: 'records.list',
          collection: 'users',
        },
        { method: 'GET', url: '/api/settings', status: 200, tag: 'settings.view' },
        { method: 'PATCH', url: '/api/settings', body: { logs: { maxDays: 7 } }, status: 200, tag: 'settings.update' },
        {
          method: 'POST',
          url: '/api/collections/users/auth-with-oauth2',
          body: {},
          auth: 'guest',
          status: 403,
          tag: 'auth.withOAuth2',
          collection: 'users',
        },
        { method: 'GET', url: '/api/oauth2-redirect?state=x&code=y', status: 307, tag: 'oauth2.redirect' },
        { method: 'POST', url: '/api/oauth2-redirect', body: {}, status: 303, tag: 'oauth2.redirectPost' },
        {
          method: 'POST',
          url: '/api/settings/apple/generate-client-secret',
          body: {},
          status: 400,
          tag: 'settings.appleClientSecret',
        },
        { method: 'GET', url: '/api/openapi.json', status: 200, tag: 'openapi' },
        { method: 'GET', url: '/_/docs', status: 200, tag: 'docs.reference' },
        { method: 'GET', url: '/_/docs/reference.js', status: 200, tag: 'docs.referenceAsset' },
        { method: 'GET', url: '/_/', status: 200, tag: 'ui.index' },
        { method: 'GET', url: '/_/missing.js', status: 404, tag: 'ui.asset' },
        {
          method: 'POST',
          url: '/api/setup/superuser',
          body: { token: 'x' },
          status: 400,
          tag: 'setup.createSuperuser',
        },
        {
          method: 'GET',
          url: '/api/files/users/nothing/nothing.txt',
          status: 404,
          tag: 'files.download',
          collection: 'users',
        },
        { method: 'POST', url: '/api/files/token', status: 200, tag: 'files.token' },
        {
          method: 'POST',
          url: '/api/settings/test/s3',
          body: { filesystem: 'storage' },
          status: 400,
          tag: 'settings.testFilesystem',
        },
        { method: 'POST', url: '/api/realtime', body: { clientId: 'nope' }, status: 404, tag: 'realtime.subscribe' },
        { method: 'GET', url: '/api/backups', status: 200, tag: 'backups.list' },
        { method: 'POST', url: '/api/backups', body: { name: 'BAD' }, status: 400, tag: 'backups.create' },
        { method: 'POST', url: '/api/backups/upload', body: {}, status: 400, tag: 'backups.upload' },
        { method: 'GET', url: '/api/backups/none.zip', status: 403, tag: 'backups.download' },
        { method: 'DELETE', url: '/api/backups/none.zip', status: 400, tag: 'backups.delete' },
        { method: 'POST', url: '/api/backups/none.zip/restore', status: 400, tag: 'backups.restore' },
        { method: 'POST', url: '/api/backups/none.zip/drill', status: 400, tag: 'backups.drill' },
        // no route matched: no operation
        { method: 'GET', url: '/api/nothing-here', status: 404, tag: undefined },
        { method: 'PUT', url: '/api/health', status: 404, tag: undefined },
      ];

      const covered = new Set<string>();
      for (const step of steps) {
        const url = typeof step.url === 'function' ? step.url() : step.url;
        const auth = step.auth ?? 'su';
        const headers: Record<string, string> = {};
        if (auth === 'su') headers.authorization = token;
        else if (auth !== 'guest') headers.authorization = auth.header;
        const res = await server.inject({
          method: step.method,
          url,
          headers,
          ...(step.body === undefined ? {} : { payload: step.body as object }),
        });
        const what = `${step.method} ${url}`;
        assert.equal(res.statusCode, step.status, `${what}: ${res.body}`);
        step.keep?.(res.json());
        const seen = await nextLogEntry(log);
        assert.equal(seen.status, step.status);
        assert.equal(seen.operation?.tag, step.tag, `${what}: tag`);
        assert.equal(seen.operation?.collection?.name, step.collection, `${what}: collection`);
        if (step.tag) covered.add(step.tag);
      }
      // the realtime stream never ends, so it has no response to log (test/realtime covers it)
      covered.add('realtime.connect');
      const untested = routes.map((r) => r.tag).filter((tag) => !covered.has(tag));
      assert.deepEqual(untested, [], 'every operation is exercised above');
    });
  });
}
