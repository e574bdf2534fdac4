import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../harness/index.js';
import { runScenario, type Scenario } from '../harness/scenario.js';
import type { RecordsEnv } from '../records/setup.js';
import { allRecords, makeBatchEnv, ON, setBatch } from './setup.js';

const B = '/api/batch';
const P = '/api/collections/posts/records';
const GENERIC = 'Something went wrong while processing your request.';
const INVALID = 'Invalid batch request data.';
const FAILED = 'Batch transaction failed.';

/** The error body of a batch whose sub-request `index` failed with `response`. */
function failedAt(index: number, response: unknown) {
  return {
    status: 400,
    message: FAILED,
    data: {
      requests: { [String(index)]: { code: 'batch_request_failed', message: 'Batch request failed.', response } },
    },
  };
}

const post = (title: string, query = '') => ({ method: 'POST', url: P + query, body: { title } });

/** A multipart form with the given text fields, and a small file under `fileField` when given. */
function form(fields: Record<string, string>, fileField?: string): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  if (fileField) f.append(fileField, new Blob(['hello'], { type: 'text/plain' }), 'hello.txt');
  return f;
}

/** The multipart form the SDK sends: the whole batch in one `@jsonPayload` part. */
function jsonPayload(payload: unknown): FormData {
  return form({ '@jsonPayload': JSON.stringify(payload) });
}

for (const dialect of DIALECTS) {
  describe(`batch API (${dialect})`, () => {
    let env: RecordsEnv;
    const run = (s: Scenario) => runScenario(env.t, s, env.tokens);

    before(async () => {
      env = await makeBatchEnv(dialect);
    });
    after(() => env?.t.close());

    describe('settings', () => {
      const scenarios: Array<Scenario & { batch: object }> = [
        {
          name: 'batches off (the default)',
          batch: { enabled: false },
          method: 'POST',
          url: B,
          body: { requests: [post('first')] },
          status: 403,
          expect: { status: 403, message: 'Batch requests are not allowed.', data: {} },
        },
        {
          name: 'off is checked before the body is read: bad JSON still gets 403',
          batch: { enabled: false },
          method: 'POST',
          url: B,
          raw: { contentType: 'application/json', data: '{"requests": [' },
          status: 403,
          expect: { message: 'Batch requests are not allowed.' },
        },
        {
          name: 'maxRequests 0 counts as off',
          batch: { maxRequests: 0 },
          method: 'POST',
          url: B,
          body: { requests: [post('first')] },
          status: 403,
          expect: { message: 'Batch requests are not allowed.' },
        },
        {
          name: 'negative maxRequests counts as off',
          batch: { maxRequests: -1 },
          method: 'POST',
          url: B,
          body: { requests: [post('first')] },
          status: 403,
        },
        {
          name: 'more sub-requests than maxRequests',
          batch: { maxRequests: 2 },
          method: 'POST',
          url: B,
          body: { requests: [post('one'), post('two'), post('three')] },
          status: 400,
          expect: {
            message: INVALID,
            data: {
              requests: {
                code: 'validation_length_too_long',
                message: 'The length must be no more than 2.',
                params: { max: 2 },
              },
            },
          },
        },
        {
          name: 'exactly maxRequests sub-requests',
          batch: { maxRequests: 2 },
          method: 'POST',
          url: B,
          as: 'su',
          body: { requests: [post('one'), post('two')] },
          status: 200,
          expect: [{ status: 200 }, { status: 200 }],
        },
        {
          name: 'body over maxBodySize (Content-Length)',
          batch: { maxBodySize: 200 },
          method: 'POST',
          url: B,
          body: { requests: [post('x'.repeat(300))] },
          status: 413,
          expect: { status: 413, data: {} },
        },
        {
          name: 'multipart body over maxBodySize',
          batch: { maxBodySize: 200 },
          method: 'POST',
          url: B,
          raw: { contentType: 'multipart/form-data', data: jsonPayload({ requests: [post('x'.repeat(300))] }) },
          status: 413,
        },
        {
          name: 'a body under maxBodySize',
          batch: { maxBodySize: 400 },
          method: 'POST',
          url: B,
          body: { requests: [post('fits')] },
          status: 200,
          expect: [{ status: 200, body: { title: 'fits' } }],
        },
      ];
      for (const s of scenarios) {
        it(s.name, async () => {
          setBatch(env.t, { ...ON, ...s.batch });
          try {
            await run(s);
          } finally {
            setBatch(env.t, ON);
          }
        });
      }

      it('maxBodySize 0 means 128 MiB and replaces the server body limit (32 MiB) on this route', async () => {
        const filler = 'f'.repeat(33 * 1024 * 1024);
        await run({
          name: 'a 33 MiB batch',
          method: 'POST',
          url: B,
          body: { requests: [{ method: 'POST', url: P, body: { title: 'big body', filler } }] },
          status: 200,
          expect: [{ status: 200, body: { title: 'big body' } }],
        });
        await run({
          name: 'the same body to a single create is too large',
          method: 'POST',
          url: P,
          body: { title: 'big body', filler },
          status: 413,
        });
      });
    });

    describe('bad input', () => {
      const longUrl = `${P}?x=${'a'.repeat(2000)}`;
      const scenarios: Scenario[] = [
        {
          name: 'invalid JSON',
          method: 'POST',
          url: B,
          raw: { contentType: 'application/json', data: '{"requests": [' },
          status: 400,
          expect: { status: 400, message: GENERIC, data: {} },
        },
        {
          name: 'invalid @jsonPayload',
          method: 'POST',
          url: B,
          raw: { contentType: 'multipart/form-data', data: form({ '@jsonPayload': '{"requests": [' }) },
          status: 400,
          expect: { message: GENERIC, data: {} },
        },
        {
          name: 'an empty body',
          method: 'POST',
          url: B,
          status: 400,
          expect: {
            message: INVALID,
            data: { requests: { code: 'validation_required', message: 'Cannot be blank.' } },
          },
        },
        {
          name: 'no requests key',
          method: 'POST',
          url: B,
          body: { other: [] },
          status: 400,
          expect: { message: INVALID, data: { requests: { code: 'validation_required' } } },
        },
        {
          name: 'an empty list',
          method: 'POST',
          url: B,
          body: { requests: [] },
          status: 400,
          expect: { data: { requests: { code: 'validation_required' } } },
        },
        {
          name: 'requests is an object, not a list',
          method: 'POST',
          url: B,
          body: { requests: { 0: post('first') } },
          status: 400,
          expect: {
            message: INVALID,
            data: { requests: { code: 'validation_invalid_value', message: 'Must be a list.' } },
          },
        },
        {
          name: 'requests is a string',
          method: 'POST',
          url: B,
          body: { requests: 'POST /api/collections/posts/records' },
          status: 400,
          expect: { data: { requests: { code: 'validation_invalid_value' } } },
        },
        {
          name: 'the body is a list',
          method: 'POST',
          url: B,
          body: [post('first')],
          status: 400,
        },
        {
          name: 'a nested batch (a list inside the list)',
          method: 'POST',
          url: B,
          body: { requests: [[post('first')]] },
          status: 400,
          expect: {
            message: INVALID,
            data: { requests: { 0: { code: 'validation_invalid_value', message: 'Must be an object.' } } },
          },
        },
        {
          name: 'a nested batch body as a sub-request',
          method: 'POST',
          url: B,
          body: { requests: [{ requests: [post('first')] }] },
          status: 400,
          expect: {
            data: {
              requests: { 0: { method: { code: 'validation_required' }, url: { code: 'validation_required' } } },
            },
          },
        },
        {
          name: 'method and url missing, reported per index',
          method: 'POST',
          url: B,
          body: { requests: [post('first'), { body: {} }, { method: 'POST' }] },
          status: 400,
          expect: {
            message: INVALID,
            data: {
              requests: {
                1: {
                  method: { code: 'validation_required', message: 'Cannot be blank.' },
                  url: { code: 'validation_required', message: 'Cannot be blank.' },
                },
                2: { url: { code: 'validation_required' } },
              },
            },
          },
          absent: ['data.requests.0', 'data.requests.2.method'],
        },
        {
          name: 'an unknown method',
          method: 'POST',
          url: B,
          body: { requests: [{ method: 'FETCH', url: P }] },
          status: 400,
          expect: {
            data: { requests: { 0: { method: { code: 'validation_in_invalid', message: 'Must be a valid value.' } } } },
          },
        },
        {
          name: 'a lower-case method',
          method: 'POST',
          url: B,
          body: { requests: [{ method: 'post', url: P }] },
          status: 400,
          expect: { data: { requests: { 0: { method: { code: 'validation_in_invalid' } } } } },
        },
        {
          name: 'a url over 2000 characters',
          method: 'POST',
          url: B,
          body: { requests: [{ method: 'POST', url: longUrl }] },
          status: 400,
          expect: {
            data: { requests: { 0: { url: { code: 'validation_length_too_long', params: { max: 2000 } } } } },
          },
        },
        {
          name: 'a url that is not a string',
          method: 'POST',
          url: B,
          body: { requests: [{ method: 'POST', url: 12 }] },
          status: 400,
          expect: { data: { requests: { 0: { url: { code: 'validation_invalid_value' } } } } },
        },
        {
          name: 'headers that are not text',
          method: 'POST',
          url: B,
          body: { requests: [{ method: 'POST', url: P, headers: { 'x-count': 1 } }] },
          status: 400,
          expect: {
            data: {
              requests: {
                0: { headers: { code: 'validation_invalid_value', message: 'Must be an object of text values.' } },
              },
            },
          },
        },
        {
          name: 'a body that is not an object',
          method: 'POST',
          url: B,
          body: { requests: [{ method: 'POST', url: P, body: ['title'] }] },
          status: 400,
          expect: {
            data: { requests: { 0: { body: { code: 'validation_invalid_value', message: 'Must be an object.' } } } },
          },
        },
        {
          name: 'a file part under a field that takes no files',
          method: 'POST',
          url: B,
          raw: {
            contentType: 'multipart/form-data',
            data: form({ '@jsonPayload': JSON.stringify({ requests: [post('with file')] }) }, 'requests.0.attachment'),
          },
          status: 400,
          expect: {
            status: 400,
            message: 'Batch transaction failed.',
            data: {
              requests: {
                0: {
                  code: 'batch_request_failed',
                  response: { data: { attachment: { code: 'validation_not_file_field' } }, status: 400 },
                },
              },
            },
          },
        },
        {
          name: 'a file part naming no sub-request',
          method: 'POST',
          url: B,
          raw: {
            contentType: 'multipart/form-data',
            data: form({ '@jsonPayload': JSON.stringify({ requests: [post('with file')] }) }, 'requests.7.attachment'),
          },
          status: 400,
          expect: {
            message: 'Invalid batch request data.',
            data: { 'requests.7.attachment': { code: 'validation_not_file_field' } },
          },
        },
      ];
      for (const s of scenarios) {
        it(s.name, async () => {
          const before = await allRecords(env, 'posts');
          await run(s);
          assert.deepEqual(await allRecords(env, 'posts'), before, 'nothing was stored');
        });
      }
    });

    describe('unsupported sub-requests fail at their index and roll back the batch', () => {
      const unsupported = { status: 400, message: GENERIC, data: {} };
      const cases: Array<{ name: string; request: object; response: object }> = [
        {
          name: 'the batch endpoint itself',
          request: { method: 'POST', url: B, body: { requests: [post('x')] } },
          response: unsupported,
        },
        {
          name: 'the settings endpoint',
          request: { method: 'PATCH', url: '/api/settings', body: {} },
          response: unsupported,
        },
        {
          name: 'a collections endpoint',
          request: { method: 'POST', url: '/api/collections', body: { name: 'x' } },
          response: unsupported,
        },
        { name: 'a record list (GET)', request: { method: 'GET', url: P }, response: unsupported },
        { name: 'a record view (GET)', request: { method: 'GET', url: `${P}/abc` }, response: unsupported },
        {
          name: 'PATCH without an id',
          request: { method: 'PATCH', url: P, body: { title: 'x' } },
          response: unsupported,
        },
        {
          name: 'POST with an id',
          request: { method: 'POST', url: `${P}/abc`, body: { title: 'xyz' } },
          response: unsupported,
        },
        { name: 'DELETE without an id', request: { method: 'DELETE', url: P }, response: unsupported },
        {
          name: 'an auth endpoint',
          request: { method: 'POST', url: '/api/collections/users/auth-with-password', body: {} },
          response: unsupported,
        },
        {
          name: 'a full URL',
          request: { method: 'POST', url: `http://example.com${P}`, body: { title: 'xyz' } },
          response: unsupported,
        },
        {
          name: 'a relative URL',
          request: { method: 'POST', url: 'api/collections/posts/records', body: { title: 'xyz' } },
          response: unsupported,
        },
        {
          name: 'a malformed escape',
          request: { method: 'POST', url: '/api/collections/po%zzsts/records', body: { title: 'xyz' } },
          response: unsupported,
        },
        {
          name: 'an unknown collection (create)',
          request: { method: 'POST', url: '/api/collections/nope/records', body: { title: 'xyz' } },
          response: { status: 404, message: 'Missing or invalid collection context.', data: {} },
        },
        {
          name: 'an unknown collection (upsert)',
          request: { method: 'PUT', url: '/api/collections/nope/records', body: { title: 'xyz' } },
          response: { status: 404, message: 'Missing or invalid collection context.' },
        },
        {
          name: 'an unknown collection (delete)',
          request: { method: 'DELETE', url: '/api/collections/nope/records/abc' },
          response: { status: 404, message: 'Missing collection context.' },
        },
        {
          name: 'a view collection',
          request: { method: 'POST', url: '/api/collections/post_titles/records', body: { title: 'xyz' } },
          response: { status: 400, message: 'Unsupported collection type.' },
        },
        {
          name: 'a missing record (update)',
          request: { method: 'PATCH', url: `${P}/missingmissing1`, body: { title: 'xyz' } },
          response: { status: 404, message: "The requested resource wasn't found." },
        },
        {
          name: 'a missing record (delete)',
          request: { method: 'DELETE', url: `${P}/missingmissing1` },
          response: { status: 404 },
        },
        {
          name: 'a bad fields modifier',
          request: { method: 'POST', url: `${P}?fields=title:nope`, body: { title: 'xyz' } },
          response: unsupported,
        },
      ];
      for (const c of cases) {
        it(c.name, async () => {
          const before = await allRecords(env, 'posts');
          await run({
            name: c.name,
            as: 'su',
            method: 'POST',
            url: B,
            body: { requests: [post('stored first'), c.request, post('never runs')] },
            status: 400,
            expect: failedAt(1, c.response),
            absent: ['data.requests.0', 'data.requests.2'],
          });
          assert.deepEqual(await allRecords(env, 'posts'), before, 'the first create was rolled back');
        });
      }
    });

    describe('semantics', () => {
      it('commits creates, updates, upserts and deletes across two collections as one', async () => {
        const made = await env.api(
          'POST',
          B,
          {
            requests: [
              post('keep me'),
              post('delete me'),
              { method: 'POST', url: '/api/collections/tags/records', body: { name: 'old' } },
            ],
          },
          'su',
        );
        assert.equal(made.status, 200, JSON.stringify(made.json));
        const [keep, gone, tag] = made.json.map((r: { body: { id: string } }) => r.body.id);
        const res = await run({
          name: 'mixed batch',
          as: 'su',
          method: 'POST',
          url: B,
          body: {
            requests: [
              post('brand new'),
              { method: 'PATCH', url: `${P}/${keep}`, body: { title: 'kept and changed' } },
              { method: 'PUT', url: P, body: { id: keep, title: 'upserted over' } },
              { method: 'PUT', url: P, body: { id: 'upsertnew00001a', title: 'upserted new' } },
              { method: 'PUT', url: P, body: { title: 'upserted without id' } },
              { method: 'DELETE', url: `${P}/${gone}` },
              { method: 'PATCH', url: `/api/collections/tags/records/${tag}`, body: { name: 'new' } },
              { method: 'POST', url: '/api/collections/tags/records', body: { name: 'second' } },
            ],
          },
          status: 200,
          expect: [
            { status: 200, body: { collectionName: 'posts', title: 'brand new' } },
            { status: 200, body: { id: keep, title: 'kept and changed' } },
            { status: 200, body: { id: keep, title: 'upserted over' } },
            { status: 200, body: { id: 'upsertnew00001a', title: 'upserted new' } },
            { status: 200, body: { title: 'upserted without id' } },
            { status: 204, body: null },
            { status: 200, body: { collectionName: 'tags', id: tag, name: 'new' } },
            { status: 200, body: { collectionName: 'tags', name: 'second' } },
          ],
        });
        const posts = await allRecords(env, 'posts');
        const titles = posts.map((p) => p.title);
        for (const t of ['brand new', 'upserted over', 'upserted new', 'upserted without id'])
          assert.ok(titles.includes(t), t);
        assert.ok(!posts.some((p) => p.id === gone), 'deleted');
        const tags = (await allRecords(env, 'tags')).map((t) => t.name);
        assert.ok(tags.includes('new') && tags.includes('second') && !tags.includes('old'));
        assert.equal(res[4].body.id.length, 15, 'an upsert without id creates with a new id');
      });

      it('a failing sub-request leaves every collection unchanged and names its index with its response', async () => {
        const seeded = await env.api(
          'POST',
          B,
          {
            requests: [
              post('untouched'),
              { method: 'POST', url: '/api/collections/tags/records', body: { name: 'untouched' } },
            ],
          },
          'su',
        );
        assert.equal(seeded.status, 200);
        const [postId, tagId] = seeded.json.map((r: { body: { id: string } }) => r.body.id);
        const before = { posts: await allRecords(env, 'posts'), tags: await allRecords(env, 'tags') };
        await run({
          name: 'failing batch',
          as: 'su',
          method: 'POST',
          url: B,
          body: {
            requests: [
              { method: 'PATCH', url: `${P}/${postId}`, body: { title: 'changed' } },
              { method: 'DELETE', url: `/api/collections/tags/records/${tagId}` },
              { method: 'POST', url: '/api/collections/tags/records', body: { name: 'added' } },
              { method: 'POST', url: P, body: { title: '' } },
              post('never runs'),
            ],
          },
          status: 400,
          expect: failedAt(3, {
            status: 400,
            message: 'Failed to create record.',
            data: { title: { code: 'validation_required', message: 'Cannot be blank.' } },
          }),
        });
        assert.deepEqual(await allRecords(env, 'posts'), before.posts);
        assert.deepEqual(await allRecords(env, 'tags'), before.tags);
      });

      it('fires "after success" events only for a committed batch, after the commit', async () => {
        const log = env.t.events;
        const afterSuccess = () => log.fired.filter((n) => n.includes('AfterCreateSuccess'));
        await run({
          name: 'rolled back',
          as: 'su',
          method: 'POST',
          url: B,
          body: { requests: [post('one'), post('')] },
          status: 400,
          check: () => assert.deepEqual(afterSuccess(), []),
        });
        await run({
          name: 'committed',
          as: 'su',
          method: 'POST',
          url: B,
          body: { requests: [post('one'), post('two')] },
          status: 200,
          events: {
            onRecordCreateRequest: 2,
            onRecordCreate: 2,
            onRecordAfterCreateSuccess: 2,
          },
        });
      });

      it('runs the after-success handlers once the data is visible to other requests', async () => {
        const seen: number[] = [];
        const id = env.t.app.events.onRecordAfterCreateSuccess.bind(
          async (e) => {
            // a read outside the transaction: it only sees committed rows
            const res = await env.api('GET', `${P}/${String(e.record.id)}`, undefined, 'su');
            seen.push(res.status);
            await e.next();
          },
          { tags: ['posts'] },
        );
        try {
          const res = await env.api('POST', B, { requests: [post('visible a'), post('visible b')] }, 'su');
          assert.equal(res.status, 200);
          for (let i = 0; i < 200 && seen.length < 2; i++) await new Promise((r) => setTimeout(r, 5));
          assert.deepEqual(seen, [200, 200]);
        } finally {
          env.t.app.events.onRecordAfterCreateSuccess.unbind(id);
        }
      });

      it('applies each sub-request query: fields and expand', async () => {
        const userId =
          (await env.api('GET', '/api/collections/users/records', undefined, 'su')).json.items[0]?.id ??
          (await makeUser(env));
        await run({
          name: 'fields and expand',
          as: 'su',
          method: 'POST',
          url: B,
          body: {
            requests: [
              { method: 'POST', url: `${P}?fields=id,title`, body: { title: 'picked' } },
              {
                method: 'POST',
                url: `${P}?expand=author&fields=title,expand.author.id`,
                body: { title: 'expanded', author: userId },
              },
              { method: 'PUT', url: `${P}?fields=title:excerpt(3)`, body: { title: 'excerpted' } },
            ],
          },
          status: 200,
          expect: [
            { status: 200, body: { title: 'picked' } },
            { status: 200, body: { title: 'expanded', expand: { author: { id: userId } } } },
            { status: 200, body: { title: 'exc' } },
          ],
          check: (json) => {
            assert.deepEqual(Object.keys(json[0].body).sort(), ['id', 'title']);
            assert.deepEqual(Object.keys(json[1].body.expand.author), ['id']);
            assert.deepEqual(Object.keys(json[2].body), ['title']);
          },
        });
      });

      it("uses the batch's own auth: a per-request Authorization is ignored", async () => {
        await run({
          name: 'guest batch with a superuser token inside',
          method: 'POST',
          url: B,
          body: {
            requests: [
              {
                method: 'POST',
                url: '/api/collections/locked/records',
                headers: { Authorization: env.tokens.su },
                body: { note: 'x' },
              },
            ],
          },
          status: 400,
          expect: failedAt(0, { status: 403, message: 'Only superusers can perform this action.' }),
        });
        await run({
          name: 'superuser batch',
          as: 'su',
          method: 'POST',
          url: B,
          body: { requests: [{ method: 'POST', url: '/api/collections/locked/records', body: { note: 'x' } }] },
          status: 200,
          expect: [{ status: 200, body: { note: 'x' } }],
        });
      });

      it('merges per-request headers over the batch headers for rules', async () => {
        const create = { method: 'POST', url: '/api/collections/headered/records', body: { note: 'h' } };
        const rejected = failedAt(0, { status: 400, message: 'Failed to create record.' });
        const table: Array<{
          name: string;
          outer?: Record<string, string>;
          own?: Record<string, string>;
          ok: boolean;
        }> = [
          { name: 'no header', ok: false },
          { name: 'a per-request header', own: { 'X-Token': 'ok' }, ok: true },
          { name: 'the batch header', outer: { 'x-token': 'ok' }, ok: true },
          {
            name: 'a per-request header overrides the batch one',
            outer: { 'x-token': 'ok' },
            own: { 'x-token': 'no' },
            ok: false,
          },
          { name: 'and the other way round', outer: { 'x-token': 'no' }, own: { 'X-TOKEN': 'ok' }, ok: true },
        ];
        for (const row of table) {
          await run({
            name: row.name,
            method: 'POST',
            url: B,
            headers: row.outer,
            body: { requests: [{ ...create, headers: row.own }] },
            status: row.ok ? 200 : 400,
            expect: row.ok ? [{ status: 200, body: { note: 'h' } }] : rejected,
          });
        }
      });

      it('sets @request.context to "batch"', async () => {
        await run({
          name: 'single create is not a batch',
          method: 'POST',
          url: '/api/collections/batched/records',
          body: { note: 'single' },
          status: 400,
          expect: { message: 'Failed to create record.' },
        });
        await run({
          name: 'batch create',
          method: 'POST',
          url: B,
          body: { requests: [{ method: 'POST', url: '/api/collections/batched/records', body: { note: 'batched' } }] },
          status: 200,
          expect: [{ status: 200, body: { note: 'batched' } }],
        });
      });

      it('accepts the multipart form the SDK sends (@jsonPayload)', async () => {
        await run({
          name: 'multipart batch',
          method: 'POST',
          url: B,
          raw: { contentType: 'multipart/form-data', data: jsonPayload({ requests: [post('from a form')] }) },
          status: 200,
          expect: [{ status: 200, body: { title: 'from a form' } }],
        });
      });

      it('sees its own earlier writes: a later sub-request updates a record an earlier one created', async () => {
        await run({
          name: 'create then update',
          as: 'su',
          method: 'POST',
          url: B,
          body: {
            requests: [
              { method: 'POST', url: P, body: { id: 'chainedrecord01', title: 'first' } },
              { method: 'PATCH', url: `${P}/chainedrecord01`, body: { title: 'second' } },
              { method: 'PUT', url: P, body: { id: 'chainedrecord01', title: 'third' } },
            ],
          },
          status: 200,
          expect: [{ body: { title: 'first' } }, { body: { title: 'second' } }, { body: { title: 'third' } }],
        });
      });

      it('times out: rolled back, 400 with empty data', async () => {
        setBatch(env.t, { ...ON, timeout: 1 });
        let finished!: () => void;
        const handlerDone = new Promise<void>((resolve) => {
          finished = resolve;
        });
        // waits longer than the batch timeout before letting the create go on
        const id = env.t.app.events.onRecordCreate.bind(
          async (e) => {
            await new Promise((r) => setTimeout(r, 1500));
            try {
              await e.next();
            } finally {
              finished();
            }
          },
          { tags: ['slow'] },
        );
        try {
          const before = await allRecords(env, 'posts');
          await run({
            name: 'slow batch',
            as: 'su',
            method: 'POST',
            url: B,
            body: {
              requests: [
                post('before the slow one'),
                { method: 'POST', url: '/api/collections/slow/records', body: { note: 'slow' } },
                post('after'),
              ],
            },
            status: 400,
            expect: { status: 400, message: FAILED, data: {} },
            absent: ['data.requests'],
          });
          await handlerDone;
          // a write after the slow one settles: on SQLite it queues behind the rolled-back transaction
          const next = await env.api('POST', '/api/collections/tags/records', { name: 'after timeout' }, 'su');
          assert.equal(next.status, 200);
          assert.deepEqual(await allRecords(env, 'posts'), before, 'the first create was rolled back');
          assert.deepEqual(await allRecords(env, 'slow'), [], 'the slow create never stored');
        } finally {
          env.t.app.events.onRecordCreate.unbind(id);
          setBatch(env.t, ON);
        }
      });

      it('rolls back when the client goes away', async () => {
        let started!: () => void;
        const handlerStarted = new Promise<void>((resolve) => {
          started = resolve;
        });
        let finished!: () => void;
        const handlerDone = new Promise<void>((resolve) => {
          finished = resolve;
        });
        // well within the 3 s timeout: only the disconnect can stop this batch
        const id = env.t.app.events.onRecordCreate.bind(
          async (e) => {
            started();
            await new Promise((r) => setTimeout(r, 1000));
            try {
              await e.next();
            } finally {
              finished();
            }
          },
          { tags: ['slow'] },
        );
        try {
          const client = new AbortController();
          const sent = fetch(env.t.url + B, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: env.tokens.su as string },
            body: JSON.stringify({
              requests: [{ method: 'POST', url: '/api/collections/slow/records', body: { note: 'left' } }],
            }),
            signal: client.signal,
          });
          await handlerStarted;
          client.abort();
          await assert.rejects(sent);
          await handlerDone;
          const next = await env.api('POST', '/api/collections/tags/records', { name: 'after disconnect' }, 'su');
          assert.equal(next.status, 200);
          assert.deepEqual(await allRecords(env, 'slow'), [], 'the abandoned batch stored nothing');
        } finally {
          env.t.app.events.onRecordCreate.unbind(id);
        }
      });

      it('a timeout of 0 or less means 3 seconds', async () => {
        setBatch(env.t, { ...ON, timeout: 0 });
        try {
          await run({
            name: 'timeout 0',
            method: 'POST',
            url: B,
            body: { requests: [post('zero timeout')] },
            status: 200,
          });
          setBatch(env.t, { ...ON, timeout: -5 });
          await run({
            name: 'timeout -5',
            method: 'POST',
            url: B,
            body: { requests: [post('neg timeout')] },
            status: 200,
          });
        } finally {
          setBatch(env.t, ON);
        }
      });
    });
  });
}

async function makeUser(env: RecordsEnv): Promise<string> {
  const res = await env.api(
    'POST',
    '/api/collections/users/records',
    { email: 'batch-user@example.com', password: 'password-123', passwordConfirm: 'password-123' },
    'su',
  );
  assert.equal(res.status, 200, JSON.stringify(res.json));
  return res.json.id;
}
