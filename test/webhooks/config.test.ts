import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import PocketBase from 'pocketbase';
import { DIALECTS } from '../harness/index.js';
import { signUp } from '../records/setup.js';
import { eventually } from './receiver.js';
import { makeWebhooksEnv, SECRET, type WebhooksEnv } from './setup.js';

const hook = (extra: Record<string, unknown>) => ({
  url: 'https://hooks.example.com/in',
  events: ['create'],
  ...extra,
});

for (const dialect of DIALECTS) {
  describe(`webhook configuration (${dialect})`, () => {
    let env: WebhooksEnv;
    before(async () => {
      env = await makeWebhooksEnv(dialect, { filter: 'status = "published"' });
      await signUp(env, 'ann', 'ann@example.com');
    });
    after(() => env?.close());

    const patch = (body: unknown) => env.api('PATCH', '/api/collections/posts', body, 'su');
    const stored = async () => (await env.api('GET', '/api/collections/posts', undefined, 'su')).json.webhooks;

    it('refuses bad webhooks with field errors and changes nothing', async () => {
      const before = await stored();
      const cases: Array<[Record<string, unknown>, Record<string, string>]> = [
        [hook({ url: '' }), { url: 'validation_required' }],
        [hook({ url: 'not a url' }), { url: 'validation_invalid_url' }],
        [hook({ url: 'ftp://hooks.example.com/in' }), { url: 'validation_webhook_url_scheme' }],
        [hook({ url: 'javascript:alert(1)' }), { url: 'validation_webhook_url_scheme' }],
        [hook({ events: [] }), { events: 'validation_required' }],
        [hook({ events: ['create', 'read'] }), { events: 'validation_in_invalid' }],
        [hook({ filter: 'titel = "x"' }), { filter: 'validation_invalid_rule' }],
        [hook({ filter: '(((' }), { filter: 'validation_invalid_rule' }],
        [hook({ secret: 'short' }), { secret: 'validation_length_out_of_range' }],
        [hook({ id: 'bad id!' }), { id: 'validation_match_invalid' }],
        [hook({ id: env.hookId }), { id: 'validation_webhook_id_exists' }],
      ];
      for (const [item, expected] of cases) {
        const res = await patch({ webhooks: [...before, item] });
        assert.equal(res.status, 400, JSON.stringify(item));
        const errors = res.json.data.webhooks[String(before.length)];
        for (const [key, code] of Object.entries(expected)) {
          assert.equal(errors?.[key]?.code, code, `${JSON.stringify(item)}: ${JSON.stringify(res.json.data)}`);
        }
      }
      for (const body of [{ webhooks: 'x' }, { webhooks: [1] }, { webhooks: [hook({ events: 'create' })] }]) {
        assert.equal((await patch(body)).status, 400);
      }
      const many = Array.from({ length: 21 }, () => hook({}));
      assert.equal((await patch({ webhooks: many })).json.data.webhooks.code, 'validation_length_too_long');
      assert.deepEqual(await stored(), before);
    });

    it('refuses private and loopback URLs unless the setting allows them', async () => {
      const off = await env.api('PATCH', '/api/settings', { webhooks: { allowPrivateAddresses: false } }, 'su');
      assert.equal(off.status, 200);
      try {
        const before = await stored();
        for (const url of [
          'http://127.0.0.1:8080/x',
          'http://localhost/x',
          'http://api.localhost/x',
          'http://[::1]/x',
          'http://10.1.2.3/x',
          'http://192.168.0.10/x',
          'http://169.254.169.254/latest/meta-data',
          'http://[::ffff:127.0.0.1]/x',
          'http://0.0.0.0/x',
        ]) {
          const res = await patch({ webhooks: [...before, hook({ url })] });
          assert.equal(res.status, 400, url);
          assert.equal(
            res.json.data.webhooks[String(before.length)].url.code,
            'validation_webhook_private_address',
            url,
          );
        }
        // the webhook saved earlier with a private address stays as it is; a public address is fine
        const ok = await patch({ webhooks: [...before, hook({ url: 'https://93.184.215.14/in' })] });
        assert.equal(ok.status, 200, JSON.stringify(ok.json));
        assert.equal((await patch({ webhooks: before })).status, 200);
      } finally {
        await env.api('PATCH', '/api/settings', { webhooks: { allowPrivateAddresses: true } }, 'su');
      }
    });

    it('checks the address a name resolves to at delivery time', async () => {
      const created = await patch({
        webhooks: [...(await stored()), { url: `http://localhost:${env.receiver.port}/dns`, events: ['create'] }],
      });
      assert.equal(created.status, 200, JSON.stringify(created.json));
      const dnsHook = created.json.webhooks.at(-1).id;
      await env.api('PATCH', '/api/settings', { webhooks: { allowPrivateAddresses: false } }, 'su');
      try {
        const hits = env.receiver.hits;
        const res = await env.api('POST', '/api/collections/posts/records', {
          title: 'to localhost',
          status: 'published',
        });
        assert.equal(res.status, 200);
        const [d] = await env.settled(1, 'failed', dnsHook);
        assert.match(d.attempts[0].error, /localhost resolves to (127\.0\.0\.1|::1), a private or loopback address/);
        assert.equal(d.attempts[0].responseStatus, 0);
        assert.equal(env.receiver.hits, hits, 'the receiver got nothing');
      } finally {
        await env.api('PATCH', '/api/settings', { webhooks: { allowPrivateAddresses: true } }, 'su');
        await patch({ webhooks: (await stored()).filter((w: any) => w.id !== dnsHook) });
        await env.drained();
      }
    });

    it('sends only events whose record matches the filter, evaluated on the record as written', async () => {
      const before = env.receiver.received.length;
      const draft = await env.api('POST', '/api/collections/posts/records', { title: 'draft', status: 'draft' });
      const published = await env.api('POST', '/api/collections/posts/records', { title: 'pub', status: 'published' });
      assert.equal(draft.status, 200);
      assert.equal(published.status, 200);
      await env.api('PATCH', `/api/collections/posts/records/${draft.json.id}`, { status: 'published' });
      await env.api('PATCH', `/api/collections/posts/records/${published.json.id}`, { status: 'draft' });
      await eventually(() => env.receiver.received.length >= before + 2, 'the matching events');
      await env.drained();
      const got = env.receiver.received.slice(before).map((r) => `${r.json.event}:${r.json.record.title}`);
      assert.deepEqual(got.sort(), ['create:pub', 'update:draft']);
    });

    it('sends only the events a webhook takes, and nothing while it is disabled', async () => {
      const [own] = await stored();
      assert.equal((await patch({ webhooks: [{ id: own.id, events: ['delete'], filter: '' }] })).status, 200);
      const before = env.receiver.received.length;
      const rec = await env.api('POST', '/api/collections/posts/records', { title: 'only delete', status: 'draft' });
      await env.api('DELETE', `/api/collections/posts/records/${rec.json.id}`);
      await eventually(() => env.receiver.received.length > before, 'the delete');
      await env.drained();
      assert.deepEqual(
        env.receiver.received.slice(before).map((r) => r.json.event),
        ['delete'],
      );
      assert.equal((await patch({ webhooks: [{ id: own.id, enabled: false }] })).status, 200);
      const paused = await env.api('POST', '/api/collections/posts/records', { title: 'paused' });
      await env.api('DELETE', `/api/collections/posts/records/${paused.json.id}`);
      await env.drained();
      assert.equal(env.receiver.received.length, before + 1);
      const rows = await env.t.app.store.all(`SELECT "id" FROM "_webhookDeliveries" WHERE "body" LIKE '%paused%'`);
      assert.equal(rows.length, 0);
      assert.equal(
        (await patch({ webhooks: [{ id: own.id, enabled: true, events: ['create', 'update', 'delete'] }] })).status,
        200,
      );
    });

    it('keeps a secret that is not resent, generates one for a new webhook, and shows them to superusers only', async () => {
      const [own] = await stored();
      assert.equal(own.secret, SECRET);
      const res = await patch({ webhooks: [{ id: own.id, url: env.receiver.url }, hook({})] });
      assert.equal(res.status, 200, JSON.stringify(res.json));
      assert.equal(res.json.webhooks[0].secret, SECRET);
      assert.deepEqual(res.json.webhooks[0].events, ['create', 'update', 'delete'], 'unsent properties are kept');
      const generated = res.json.webhooks[1];
      assert.match(generated.id, /^\w{15}$/);
      assert.match(generated.secret, /^[a-z0-9]{40}$/);
      assert.equal(generated.enabled, true);
      for (const as of ['ann', undefined]) {
        const view = await env.api('GET', '/api/collections/posts', undefined, as);
        assert.ok(view.status === 401 || view.status === 403);
        assert.doesNotMatch(JSON.stringify(view.json), /secret/);
        const doc = await env.api('GET', '/api/openapi.json', undefined, as);
        assert.equal(doc.status, 200);
        assert.doesNotMatch(JSON.stringify(doc.json), new RegExp(SECRET));
        assert.equal(doc.json.paths['/api/webhooks/{webhookId}/deliveries'], undefined);
      }
      const doc = await env.api('GET', '/api/openapi.json', undefined, 'su');
      assert.ok(doc.json.paths['/api/webhooks/{webhookId}/deliveries'].get);
      assert.ok(doc.json.paths['/api/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver'].post);
      assert.equal((await patch({ webhooks: [{ id: own.id }] })).status, 200);
    });

    it('refuses webhooks on view collections and bad webhook settings', async () => {
      const view = await env.api(
        'POST',
        '/api/collections',
        { name: 'post_titles', type: 'view', viewQuery: 'SELECT id, title FROM posts', webhooks: [hook({})] },
        'su',
      );
      assert.equal(view.status, 400);
      assert.equal(view.json.data.webhooks.code, 'validation_webhooks_unsupported');
      for (const [body, key, code] of [
        [{ timeout: 0 }, 'timeout', 'validation_min_greater_equal_than_required'],
        [{ timeout: 61 }, 'timeout', 'validation_max_less_equal_than_required'],
        [{ maxDays: 0 }, 'maxDays', 'validation_min_greater_equal_than_required'],
        [{ allowPrivateAddresses: 'yes' }, 'allowPrivateAddresses', 'validation_invalid_value'],
      ] as const) {
        const res = await env.api('PATCH', '/api/settings', { webhooks: body }, 'su');
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.equal(res.json.data.webhooks[key].code, code, JSON.stringify(res.json.data));
      }
      const settings = await env.api('GET', '/api/settings', undefined, 'su');
      assert.deepEqual(settings.json.webhooks, { allowPrivateAddresses: true, timeout: 1, maxDays: 7 });
    });

    it('is managed through the JS SDK: collection options and the deliveries endpoint', async () => {
      const pb = new PocketBase(env.t.url);
      pb.authStore.save(env.tokens.su as string);
      const posts = await pb.collections.getOne('posts');
      const updated = await pb.collections.update('posts', {
        webhooks: [
          ...(posts as any).webhooks,
          hook({ id: 'sdk_hook', url: env.receiver.url, secret: 'sdk-secret-0123456789' }),
        ],
      });
      assert.equal((updated as any).webhooks.at(-1).id, 'sdk_hook');
      const created = await pb.collection('posts').create({ title: 'via sdk', status: 'published' });
      const page = await eventually(async () => {
        const list = await pb.send(`/api/webhooks/${env.hookId}/deliveries`, { query: { perPage: 5 } });
        return list.items.find((d: any) => d.recordId === created.id && d.status === 'sent') ? list : null;
      }, 'the SDK-created record delivered');
      assert.equal(page.page, 1);
      const sdkList = await pb.send('/api/webhooks/sdk_hook/deliveries', {});
      assert.equal(sdkList.items[0].recordId, created.id);
      await pb.collections.update('posts', { webhooks: (posts as any).webhooks });
      await env.drained();
    });
  });
}
