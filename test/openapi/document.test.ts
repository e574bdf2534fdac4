import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { createUser, DIALECTS, startApp, type TestApp, type TestUser } from '../harness/index.js';

type Doc = {
  paths: Record<string, Record<string, { description?: string; responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
};

/** Every field type, a hidden field, a relation and odd but valid names. */
const POSTS_FIELDS = [
  { name: 'title', type: 'text', required: true, max: 120 },
  { name: 'body', type: 'editor' },
  { name: 'views', type: 'number', min: 0, max: 1000, onlyInt: true },
  { name: 'published', type: 'bool' },
  { name: 'contact', type: 'email' },
  { name: 'site', type: 'url' },
  { name: 'publishAt', type: 'date' },
  { name: 'status', type: 'select', values: ['draft', 'live'], maxSelect: 1 },
  { name: 'tags', type: 'select', values: ['a', 'b', 'c'], maxSelect: 3 },
  { name: 'cover', type: 'file', maxSelect: 1 },
  { name: 'author', type: 'relation', collectionId: '_pb_users_auth_', maxSelect: 1 },
  { name: 'meta', type: 'json' },
  { name: 'where_1', type: 'geoPoint' },
  { name: 'internal', type: 'text', hidden: true },
  { name: 'created', type: 'autodate', onCreate: true },
  { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true },
];

for (const dialect of DIALECTS) {
  describe(`OpenAPI document (${dialect})`, () => {
    let t: TestApp;
    let su: string;
    let user: TestUser;
    const validator = new Validator();

    async function call(method: string, path: string, token?: string, body?: unknown) {
      const headers: Record<string, string> = {};
      if (token) headers.authorization = token;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(t.url + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : null };
    }
    const documentFor = async (token?: string) => (await call('GET', '/api/openapi.json', token)).json as Doc;

    before(async () => {
      t = await startApp({ dialect });
      su = await t.superuserToken();
      user = await createUser(t, 'ana@example.com');
      const collections = [
        { name: 'posts', listRule: '', viewRule: '', createRule: '@request.auth.id != ""', fields: POSTS_FIELDS },
        { name: 'secrets', fields: [{ name: 'code', type: 'text' }] },
        { name: 'post_titles', type: 'view', listRule: '', viewRule: '', viewQuery: 'SELECT id, title FROM posts' },
      ];
      for (const c of collections) {
        const res = await call('POST', '/api/collections', su, c);
        assert.equal(res.status, 200, JSON.stringify(res.json));
      }
    });
    after(async () => {
      await t?.close();
    });

    it('is a valid OpenAPI 3.1 document for guests and for superusers', async () => {
      for (const token of [undefined, user.token, su]) {
        const doc = await documentFor(token);
        const result = await validator.validate(doc as unknown as Record<string, unknown>);
        assert.equal(validator.version, '3.1');
        assert.ok(result.valid, JSON.stringify(result.errors));
      }
    });

    it('shows others only collections someone may read, and no admin APIs', async () => {
      const guest = await documentFor();
      assert.ok(guest.paths['/api/collections/posts/records']?.get, 'posts are listed');
      assert.equal(guest.paths['/api/collections/posts/records/{id}']?.delete, undefined, 'null delete rule: hidden');
      assert.equal(
        guest.paths['/api/collections/secrets/records'],
        undefined,
        'all rules null: the collection is hidden',
      );
      assert.equal(guest.components.schemas.secretsRecord, undefined);
      assert.equal(guest.paths['/api/settings'], undefined);
      assert.equal(guest.paths['/api/collections'], undefined);
      assert.equal(guest.components.schemas.postsRecord?.properties?.internal, undefined, 'hidden fields stay hidden');

      const admin = await documentFor(su);
      assert.ok(admin.paths['/api/collections/secrets/records']?.get);
      assert.ok(admin.paths['/api/collections/posts/records/{id}']?.delete);
      assert.ok(admin.paths['/api/settings']?.patch);
      assert.ok(admin.paths['/api/logs']?.get);
      assert.ok(admin.components.schemas.postsRecord?.properties?.internal, 'superusers receive hidden fields');
    });

    it('describes fields: types, enums, required keys; never passwords or token keys', async () => {
      const doc = await documentFor(su);
      const record = doc.components.schemas.postsRecord as { properties: Record<string, Record<string, unknown>> };
      assert.deepEqual(record.properties.status?.enum, ['draft', 'live', '']);
      assert.deepEqual((record.properties.tags?.items as { enum?: string[] } | undefined)?.enum, ['a', 'b', 'c']);
      assert.equal(record.properties.published?.type, 'boolean');
      const create = doc.components.schemas.postsCreate;
      assert.deepEqual(create?.required, ['title']);
      assert.ok(create?.properties?.['tags+'], 'modifiers are documented');
      const users = doc.components.schemas.usersRecord;
      assert.equal(users?.properties?.password, undefined);
      assert.equal(users?.properties?.tokenKey, undefined);
      assert.ok(doc.components.schemas.usersCreate?.properties?.password);
      assert.equal(doc.components.schemas.post_titlesCreate, undefined, 'views take no writes');
      assert.ok(doc.paths['/api/collections/users/auth-with-password']?.post);
      const rule = doc.paths['/api/collections/posts/records']?.post?.description ?? '';
      assert.match(rule, /@request\.auth\.id != ""/, 'the rule is in the description');
    });

    it('changes as soon as a collection changes', async () => {
      const before = await documentFor(su);
      assert.equal(before.components.schemas.postsRecord?.properties?.rating, undefined);
      const posts = (await call('GET', '/api/collections/posts', su)).json as { fields: unknown[] };
      const fields = [...posts.fields, { name: 'rating', type: 'number' }];
      assert.equal((await call('PATCH', '/api/collections/posts', su, { fields })).status, 200);
      const afterChange = await documentFor(su);
      assert.ok(afterChange.components.schemas.postsRecord?.properties?.rating);
      assert.equal((await call('PATCH', '/api/collections/secrets', su, { listRule: '' })).status, 200);
      assert.ok((await documentFor()).paths['/api/collections/secrets/records']?.get);
    });

    it("matches the server's real answers", async () => {
      const doc = await documentFor(su);
      const ajv = new Ajv2020.default({ strict: false, allErrors: true });
      addFormats.default(ajv);
      // the whole document as one schema resource: its "#/components/..." references resolve inside it
      ajv.addSchema(doc as object, 'doc');
      const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
      /** The JSON body schema of one documented answer, following a shared response's reference. */
      const schemaRef = (path: string, method: string, status: string): string => {
        const res = doc.paths[path]?.[method]?.responses[status] as { $ref?: string } | undefined;
        assert.ok(res, `${method} ${path} documents ${status}`);
        const at = res.$ref ? res.$ref.slice(1) : `/${pointer('paths', path, method, 'responses', status)}`;
        return `doc#${at}/content/application~1json/schema`;
      };
      const created = await call('POST', '/api/collections/posts/records', user.token, {
        title: 'Hello',
        tags: ['a', 'c'],
        status: 'live',
        author: user.id,
        where_1: { lon: 10, lat: 20 },
        meta: { x: 1 },
        contact: 'a@example.com',
        publishAt: '2026-01-02 03:04:05.000Z',
      });
      assert.equal(created.status, 200, JSON.stringify(created.json));
      const samples: Array<[string, string, string, { status: number; json: unknown }]> = [
        ['/api/collections/posts/records', 'post', '200', created],
        ['/api/collections/posts/records', 'get', '200', await call('GET', '/api/collections/posts/records')],
        [
          '/api/collections/posts/records/{id}',
          'get',
          '200',
          await call('GET', `/api/collections/posts/records/${created.json.id}?expand=author`, su),
        ],
        ['/api/collections/posts/records/{id}', 'get', '404', await call('GET', '/api/collections/posts/records/nope')],
        [
          '/api/collections/posts/records',
          'post',
          '400',
          await call('POST', '/api/collections/posts/records', user.token, {}),
        ],
        [
          '/api/collections/users/auth-with-password',
          'post',
          '200',
          await call('POST', '/api/collections/users/auth-with-password', undefined, {
            identity: user.email,
            password: user.password,
          }),
        ],
        [
          '/api/collections/post_titles/records',
          'get',
          '200',
          await call('GET', '/api/collections/post_titles/records'),
        ],
        ['/api/health', 'get', '200', await call('GET', '/api/health')],
        ['/api/logs', 'get', '200', await call('GET', '/api/logs', su)],
        ['/api/crons', 'get', '200', await call('GET', '/api/crons', su)],
      ];
      for (const [path, method, status, answer] of samples) {
        assert.equal(String(answer.status), status, `${method} ${path}: ${JSON.stringify(answer.json)}`);
        const validate = ajv.compile({ $ref: schemaRef(path, method, status) });
        const what = `${method.toUpperCase()} ${path} ${status}`;
        assert.ok(
          validate(answer.json),
          `${what}: ${JSON.stringify(validate.errors)} for ${JSON.stringify(answer.json)}`,
        );
      }
    });
  });
}
