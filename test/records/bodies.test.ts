import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../harness/index.js';
import { runScenario, type Scenario } from '../harness/scenario.js';
import { createCollection, makeEnv, type RecordsEnv } from './setup.js';

const FIELDS = [
  { name: 'title', type: 'text', max: 100 },
  { name: 'n', type: 'number' },
  { name: 'flag', type: 'bool' },
  { name: 'tags', type: 'select', values: ['a', 'b', 'c'], maxSelect: 3 },
  { name: 'meta', type: 'json', maxSize: 2000 },
  { name: 'when', type: 'date' },
  { name: 'loc', type: 'geoPoint' },
];

for (const dialect of DIALECTS) {
  describe(`request bodies and bad input (${dialect})`, () => {
    let env: RecordsEnv;
    const P = '/api/collections/items/records';
    before(async () => {
      env = await makeEnv(dialect);
      await createCollection(env, {
        name: 'items',
        listRule: '',
        viewRule: '',
        createRule: '',
        updateRule: '',
        fields: FIELDS,
      });
    });
    after(() => env?.t.close());
    const run = (s: Scenario) => runScenario(env.t.url, s, env.tokens);

    it('reads multipart bodies with @jsonPayload and type inference', async () => {
      const form = new FormData();
      form.append('title', 'multi');
      form.append('n', '12');
      form.append('flag', 'true');
      form.append('tags', 'a');
      form.append('tags', 'b');
      form.append('@jsonPayload', JSON.stringify({ meta: { deep: [1, 2] } }));
      form.append('@jsonPayload', JSON.stringify({ title: 'from payload' }));
      await run({
        name: 'multipart',
        method: 'POST',
        url: P,
        raw: { contentType: 'multipart/form-data', data: form },
        status: 200,
        expect: { title: 'from payload', n: 12, flag: true, tags: ['a', 'b'], meta: { deep: [1, 2] } },
      });
    });

    it('reads urlencoded bodies; numeric-looking strings stay strings unless exact', async () => {
      await run({
        name: 'urlencoded',
        method: 'POST',
        url: P,
        raw: { contentType: 'application/x-www-form-urlencoded', data: 'title=007&n=1.5&flag=false&tags=c' },
        status: 200,
        expect: { title: '007', n: 1.5, flag: false, tags: ['c'] },
      });
    });

    it('treats an empty body as no fields', async () => {
      await run({
        name: 'empty json',
        method: 'POST',
        url: P,
        raw: { contentType: 'application/json', data: '' },
        status: 200,
        expect: { title: '' },
      });
    });

    const bad: Array<[string, Scenario['raw'] | undefined, unknown, number, string?]> = [
      ['malformed JSON', { contentType: 'application/json', data: '{"title": "x",' }, undefined, 400],
      ['JSON array body', { contentType: 'application/json', data: '[1,2]' }, undefined, 400],
      ['JSON string body', { contentType: 'application/json', data: '"x"' }, undefined, 400],
      [
        'unsupported content type',
        { contentType: 'text/plain', data: 'title=x' },
        undefined,
        400,
        'Unsupported Content-Type.',
      ],
      ['xml', { contentType: 'application/xml', data: '<a/>' }, undefined, 400, 'Unsupported Content-Type.'],
      [
        'broken multipart',
        {
          contentType: 'multipart/form-data; boundary=zzz',
          data: '--zzz\r\nContent-Disposition: form-data; name="title"\r\n\r\nabc',
        },
        undefined,
        400,
      ],
      [
        'bad @jsonPayload',
        { contentType: 'application/x-www-form-urlencoded', data: '%40jsonPayload=%7Bnope' },
        undefined,
        400,
      ],
      [
        'proto pollution',
        { contentType: 'application/json', data: '{"__proto__": {"title": "x"}, "title": "ok"}' },
        undefined,
        200,
      ],
    ];
    for (const [name, raw, , status, message] of bad) {
      it(`answers ${status} for ${name}`, async () => {
        const json = await run({ name, method: 'POST', url: P, raw, status });
        if (status >= 400) {
          assert.deepEqual(Object.keys(json).sort(), ['data', 'message', 'status']);
          assert.equal(json.status, status);
          if (message) assert.equal(json.message, message);
        }
      });
    }

    const wrongTypes: Array<[string, unknown, number, string?]> = [
      ['title object', { title: { a: 1 } }, 200],
      ['title array', { title: [1, 2] }, 200],
      ['huge title', { title: 'x'.repeat(200_000) }, 400, 'title'],
      ['number object', { n: { x: 1 } }, 200],
      ['bool array', { flag: [true] }, 200],
      ['select number', { tags: 5 }, 400, 'tags'],
      ['select object', { tags: { a: 1 } }, 200],
      ['date number', { when: 12345 }, 200],
      ['geo string', { loc: 'nowhere' }, 200],
      ['json too big', { meta: { s: 'y'.repeat(5000) } }, 400, 'meta'],
      ['deep json', { meta: JSON.parse(`${'['.repeat(3000)}${']'.repeat(3000)}`) }, 400, 'meta'],
      ['duplicate keys', '{"title":"first","title":"second"}', 200],
      [
        'invalid utf-8',
        Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]),
        200,
      ],
    ];
    for (const [name, body, status, field] of wrongTypes) {
      it(`keeps wrong types safe: ${name}`, async () => {
        const raw =
          typeof body === 'string' || Buffer.isBuffer(body)
            ? { contentType: 'application/json', data: body }
            : { contentType: 'application/json', data: JSON.stringify(body) };
        const json = await run({ name, method: 'POST', url: P, raw, status });
        if (field) assert.ok(json.data[field]?.code, `${name}: field error on ${field}: ${JSON.stringify(json)}`);
      });
    }

    it('leaves stored data untouched after rejected writes', async () => {
      const rec = await run({ name: 'seed', method: 'POST', url: P, body: { title: 'keep me', n: 1 }, status: 200 });
      const before = await env.api('GET', `${P}?perPage=1000`);
      const attempts: Scenario['raw'][] = [
        { contentType: 'application/json', data: '{"title": ' },
        { contentType: 'application/json', data: JSON.stringify({ title: 'x'.repeat(500) }) },
        { contentType: 'application/json', data: JSON.stringify({ tags: ['zzz'] }) },
        { contentType: 'text/csv', data: 'a,b' },
      ];
      for (const raw of attempts) {
        const res = await fetch(`${env.t.url}${P}/${rec.id}`, {
          method: 'PATCH',
          headers: { 'content-type': raw?.contentType ?? '' },
          body: raw?.data as string,
        });
        assert.equal(res.status, 400);
        const res2 = await fetch(`${env.t.url}${P}`, {
          method: 'POST',
          headers: { 'content-type': raw?.contentType ?? '' },
          body: raw?.data as string,
        });
        assert.equal(res2.status, 400);
      }
      const afterList = await env.api('GET', `${P}?perPage=1000`);
      assert.deepEqual(afterList.json, before.json);
    });

    it('answers 413 for a body over the limit', async () => {
      const big = Buffer.alloc(33 * 1024 * 1024, 'a');
      const res = await fetch(env.t.url + P, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: big,
      });
      assert.equal(res.status, 413);
      const json = (await res.json()) as { message: string };
      assert.equal(json.message, 'Request entity too large.');
    });
  });
}
