import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../harness/index.js';
import { flush, makeRealtimeEnv, type RealtimeEnv } from './setup.js';
import { connect, SseStream, subscribe } from './sse-stream.js';

const P = '/api/collections/posts/records';

for (const dialect of DIALECTS) {
  describe(`realtime over raw SSE (${dialect})`, () => {
    let env: RealtimeEnv;
    const streams: SseStream[] = [];
    const open = async () => {
      const c = await connect(env.t.url);
      streams.push(c.stream);
      return c;
    };

    before(async () => {
      env = await makeRealtimeEnv(dialect);
    });
    after(async () => {
      for (const s of streams) s.close();
      await env.t.close();
    });

    it('greets a new client with PB_CONNECT carrying its 40-character id on the id line', async () => {
      const stream = await SseStream.open(env.t.url);
      streams.push(stream);
      assert.equal(stream.response.status, 200);
      assert.equal(stream.response.headers.get('content-type'), 'text/event-stream');
      assert.equal(stream.response.headers.get('cache-control'), 'no-store');
      assert.equal(stream.response.headers.get('x-accel-buffering'), 'no');
      const hello = await stream.next();
      assert.equal(hello.event, 'PB_CONNECT');
      assert.match(hello.id, /^[A-Za-z0-9]{40}$/);
      assert.deepEqual(JSON.parse(hello.data), { clientId: hello.id });
      assert.equal(stream.raw, `id:${hello.id}\nevent:PB_CONNECT\ndata:{"clientId":"${hello.id}"}\n\n`);
    });

    it('refuses malformed subscription requests with field errors, and unknown clients with 404', async () => {
      const { clientId } = await open();
      const cases: Array<[unknown, number, string]> = [
        [{}, 400, 'clientId'],
        [{ clientId: 'x'.repeat(256) }, 400, 'clientId'],
        [{ clientId, subscriptions: 5 }, 400, 'subscriptions'],
        [{ clientId, subscriptions: { a: 1 } }, 400, 'subscriptions'],
        [{ clientId, subscriptions: Array.from({ length: 1001 }, (_, i) => `t${i}`) }, 400, 'subscriptions'],
        [{ clientId, subscriptions: ['ok', 'x'.repeat(2501)] }, 400, 'subscriptions'],
        [{ clientId, subscriptions: ['posts/*?options=%7Bnot-json'] }, 400, 'subscriptions'],
        [
          { clientId, subscriptions: [`posts/*?options=${encodeURIComponent('{"query":{"filter":"nope = 1"}}')}`] },
          400,
          'subscriptions',
        ],
        [{ clientId, subscriptions: ['bad\nevent:x'] }, 400, 'subscriptions'],
        [{ clientId, subscriptions: [42] }, 400, 'subscriptions'],
        [{ clientId: 'no-such-client', subscriptions: [] }, 404, ''],
      ];
      for (const [body, status, field] of cases) {
        const res = await subscribe(env.t.url, body);
        assert.equal(res.status, status, JSON.stringify(body).slice(0, 80));
        assert.equal(res.json?.status, status);
        if (field) assert.ok(res.json.data[field], JSON.stringify(res.json));
        else assert.equal(res.json?.message, 'Missing or invalid client id.');
      }
      const one = await subscribe(env.t.url, { clientId, subscriptions: ['ok', 'x'.repeat(2501)] });
      assert.equal(one.json.data.subscriptions['1'].code, 'validation_length_too_long');
      // none of these changed the client: it still has no subscriptions and accepts a good request
      assert.equal(env.t.app.realtime.isSubscribed(clientId, 'ok'), false);
      assert.equal((await subscribe(env.t.url, { clientId, subscriptions: ['ok', ''] })).status, 204);
      assert.equal(env.t.app.realtime.isSubscribed(clientId, 'ok'), true);
    });

    it('accepts form bodies too', async () => {
      const { clientId } = await open();
      const form = new FormData();
      form.append('clientId', clientId);
      form.append('subscriptions', 'a');
      form.append('subscriptions', 'b');
      const res = await fetch(`${env.t.url}/api/realtime`, { method: 'POST', body: form });
      assert.equal(res.status, 204);
      assert.equal(env.t.app.realtime.isSubscribed(clientId, 'a'), true);
      assert.equal(env.t.app.realtime.isSubscribed(clientId, 'b'), true);
    });

    it('keeps the auth a client first subscribed with: another user or a guest gets 403', async () => {
      const { clientId } = await open();
      const body = { clientId, subscriptions: ['posts/*'] };
      assert.equal((await subscribe(env.t.url, body)).status, 204, 'guest first');
      assert.equal((await subscribe(env.t.url, body, env.tokens.ann)).status, 204, 'guest → ann is an upgrade');
      const other = await subscribe(env.t.url, body, env.tokens.bob);
      assert.equal(other.status, 403);
      assert.equal(other.json?.message, "The current and the previous request authorization don't match.");
      assert.equal((await subscribe(env.t.url, body)).status, 403, 'ann → guest');
      assert.equal((await subscribe(env.t.url, body, env.tokens.ann)).status, 204, 'ann again');
    });

    it('sends create, update and delete of visible records after commit, with hidden fields left out', async () => {
      const { stream, clientId } = await open();
      const subs = ['posts/*', 'pings/*', 'flush'];
      assert.equal((await subscribe(env.t.url, { clientId, subscriptions: subs }, env.tokens.su)).status, 204);
      const created = await env.api('POST', P, { title: 'hello', status: 'public', secret: 's3' }, 'su');
      assert.equal(created.status, 200);
      const id = created.json.id;
      const c = await stream.nextData('posts/*');
      assert.equal(c.action, 'create');
      assert.equal(c.record?.id, id);
      assert.equal(c.record?.title, 'hello');
      assert.equal(c.record?.collectionName, 'posts');
      assert.equal('secret' in (c.record ?? {}), false, 'hidden fields never travel, even to superusers');
      assert.equal((await env.api('PATCH', `${P}/${id}`, { title: 'changed' }, 'su')).status, 200);
      const u = await stream.nextData('posts/*');
      assert.equal(u.action, 'update');
      assert.equal(u.record?.title, 'changed');
      assert.equal((await env.api('DELETE', `${P}/${id}`, undefined, 'su')).status, 204);
      const d = await stream.nextData('posts/*');
      assert.equal(d.action, 'delete');
      assert.equal(d.record?.id, id);
      // the wire format: id, event, one data line
      const frame = stream.raw.slice(stream.raw.lastIndexOf(`id:${clientId}\nevent:posts/*\n`));
      assert.match(frame, /^id:[A-Za-z0-9]{40}\nevent:posts\/\*\ndata:\{.*\}\n\n/);
    });

    it('judges each subscriber by the list rule (col/*) or view rule (col/id), a delete by the record as it was', async () => {
      const ann = await open();
      const bob = await open();
      const guest = await open();
      const subs = ['posts/*', 'pings/*', 'flush'];
      assert.equal(
        (await subscribe(env.t.url, { clientId: ann.clientId, subscriptions: subs }, env.tokens.ann)).status,
        204,
      );
      assert.equal(
        (await subscribe(env.t.url, { clientId: bob.clientId, subscriptions: subs }, env.tokens.bob)).status,
        204,
      );
      assert.equal((await subscribe(env.t.url, { clientId: guest.clientId, subscriptions: subs })).status, 204);
      const mine = await env.api('POST', P, { title: 'ann only', status: 'draft', owner: env.users.ann.id }, 'su');
      const pub = await env.api('POST', P, { title: 'for all', status: 'public' }, 'su');
      assert.equal((await env.api('DELETE', `${P}/${pub.json.id}`, undefined, 'su')).status, 204);
      const annSaw = (await flush(env, ann.stream)).map((m) => `${m.data.action}:${m.data.record.title}`);
      const bobSaw = (await flush(env, bob.stream)).map((m) => `${m.data.action}:${m.data.record.title}`);
      const guestSaw = (await flush(env, guest.stream)).map((m) => `${m.data.action}:${m.data.record.title}`);
      assert.deepEqual(annSaw, ['create:ann only', 'create:for all', 'delete:for all']);
      assert.deepEqual(bobSaw, ['create:for all', 'delete:for all']);
      assert.deepEqual(guestSaw, ['create:for all', 'delete:for all']);

      // a record topic: the view rule, and only that record
      const annOne = await open();
      const topic = `posts/${mine.json.id}`;
      await subscribe(
        env.t.url,
        { clientId: annOne.clientId, subscriptions: [topic, 'pings/*', 'flush'] },
        env.tokens.ann,
      );
      const bobOne = await open();
      await subscribe(
        env.t.url,
        { clientId: bobOne.clientId, subscriptions: [topic, 'pings/*', 'flush'] },
        env.tokens.bob,
      );
      await env.api('PATCH', `${P}/${mine.json.id}`, { title: 'ann edit' }, 'su');
      await env.api('POST', P, { title: 'other', status: 'public' }, 'su');
      assert.deepEqual(
        (await flush(env, annOne.stream)).map((m) => `${m.event}:${m.data.record.title}`),
        [`${topic}:ann edit`],
      );
      assert.deepEqual(await flush(env, bobOne.stream), []);
    });

    it('applies the options of each subscription: filter, expand, fields, and one copy per key', async () => {
      const { stream, clientId } = await open();
      const opt = (o: unknown) => `posts/*?options=${encodeURIComponent(JSON.stringify(o))}`;
      const filtered = opt({ query: { filter: 'title ~ "keep"' } });
      const expanded = opt({ query: { expand: 'owner', fields: 'id,title,expand.owner.email' } });
      const subs = [filtered, expanded, 'pings/*', 'flush'];
      assert.equal((await subscribe(env.t.url, { clientId, subscriptions: subs }, env.tokens.ann)).status, 204);
      await env.api('POST', P, { title: 'keep me', status: 'public', owner: env.users.ann.id }, 'su');
      await env.api('POST', P, { title: 'drop me', status: 'public', owner: env.users.ann.id }, 'su');
      const seen = await flush(env, stream);
      const byKey = (k: string) => seen.filter((m) => m.event === k).map((m) => m.data.record);
      assert.deepEqual(
        byKey(filtered).map((r) => r.title),
        ['keep me'],
      );
      const exp = byKey(expanded);
      assert.equal(exp.length, 2);
      assert.deepEqual(Object.keys(exp[0]).sort(), ['expand', 'id', 'title']);
      assert.deepEqual(exp[0].expand, { owner: { email: 'ann@example.com' } });
    });

    it('delivers batch writes after the commit and nothing from a rolled-back batch', async () => {
      const su = await env.api('PATCH', '/api/settings', { batch: { enabled: true, maxRequests: 10 } }, 'su');
      assert.equal(su.status, 200);
      const { stream, clientId } = await open();
      await subscribe(env.t.url, { clientId, subscriptions: ['posts/*', 'pings/*', 'flush'] }, env.tokens.su);
      const ok = await env.api(
        'POST',
        '/api/batch',
        { requests: [1, 2].map((i) => ({ method: 'POST', url: P, body: { title: `batch ${i}`, status: 'public' } })) },
        'su',
      );
      assert.equal(ok.status, 200, JSON.stringify(ok.json));
      const failed = await env.api(
        'POST',
        '/api/batch',
        {
          requests: [
            { method: 'POST', url: P, body: { title: 'rolled back', status: 'public' } },
            { method: 'PATCH', url: `${P}/missingmissing1`, body: {} },
          ],
        },
        'su',
      );
      assert.equal(failed.status, 400);
      const seen = (await flush(env, stream)).map((m) => `${m.data.action}:${m.data.record.title}`);
      assert.deepEqual(seen, ['create:batch 1', 'create:batch 2']);
    });

    it('sends the deletes of cascaded records too', async () => {
      const { stream, clientId } = await open();
      await subscribe(env.t.url, { clientId, subscriptions: ['comments/*', 'pings/*', 'flush'] }, env.tokens.su);
      const post = await env.api('POST', P, { title: 'parent', status: 'public' }, 'su');
      const c1 = await env.api('POST', '/api/collections/comments/records', { text: 'a', post: post.json.id }, 'su');
      const c2 = await env.api('POST', '/api/collections/comments/records', { text: 'b', post: post.json.id }, 'su');
      assert.equal((await env.api('DELETE', `${P}/${post.json.id}`, undefined, 'su')).status, 204);
      const seen = (await flush(env, stream)).map((m) => `${m.data.action}:${m.data.record.id}`);
      assert.deepEqual(seen.slice(0, 2), [`create:${c1.json.id}`, `create:${c2.json.id}`]);
      assert.deepEqual(seen.slice(2).sort(), [`delete:${c1.json.id}`, `delete:${c2.json.id}`].sort());
    });

    it('keeps a subscriber’s auth current: an update of its record changes what it hears, a delete makes it a guest', async () => {
      const carl = await env.api(
        'POST',
        '/api/collections/users/records',
        { email: 'carl@example.com', password: 'password-123', passwordConfirm: 'password-123' },
        'su',
      );
      const auth = await env.api('POST', '/api/collections/users/auth-with-password', {
        identity: 'carl@example.com',
        password: 'password-123',
      });
      const { stream, clientId } = await open();
      await subscribe(env.t.url, { clientId, subscriptions: ['vips/*', 'pings/*', 'flush'] }, auth.json.token);
      const V = '/api/collections/vips/records';
      await env.api('POST', V, { title: 'before verified' }, 'su');
      assert.deepEqual(await flush(env, stream), []);
      assert.equal(
        (await env.api('PATCH', `/api/collections/users/records/${carl.json.id}`, { verified: true }, 'su')).status,
        200,
      );
      await env.api('POST', V, { title: 'once verified' }, 'su');
      assert.deepEqual(
        (await flush(env, stream)).map((m) => m.data.record.title),
        ['once verified'],
      );
      assert.equal(
        (await env.api('DELETE', `/api/collections/users/records/${carl.json.id}`, undefined, 'su')).status,
        204,
      );
      await env.api('POST', V, { title: 'after delete' }, 'su');
      assert.deepEqual(await flush(env, stream), []);
      // a guest now: it may subscribe without auth again
      assert.equal((await subscribe(env.t.url, { clientId, subscriptions: ['vips/*'] })).status, 204);
    });

    it('publishes custom topics and messages to one client from the server', async () => {
      const a = await open();
      const b = await open();
      await subscribe(env.t.url, { clientId: a.clientId, subscriptions: ['news', '@oauth2'] });
      await subscribe(env.t.url, { clientId: b.clientId, subscriptions: ['news?options=%7B%7D'] });
      assert.equal(await env.t.app.realtime.publish('news', { headline: 'hi' }), 2);
      assert.deepEqual(await a.stream.nextData('news'), { headline: 'hi' });
      assert.deepEqual(await b.stream.nextData('news?options=%7B%7D'), { headline: 'hi' });
      assert.equal(env.t.app.realtime.hasClient(a.clientId), true);
      assert.equal(env.t.app.realtime.isSubscribed(a.clientId, '@oauth2'), true);
      assert.equal(await env.t.app.realtime.sendToClient(a.clientId, '@oauth2', { code: 'abc', state: 'x' }), true);
      assert.deepEqual(await a.stream.nextData('@oauth2'), { code: 'abc', state: 'x' });
      assert.equal(b.stream.unread().length, 0);
    });

    it('an empty list unsubscribes from everything and keeps the connection', async () => {
      const { stream, clientId } = await open();
      await subscribe(env.t.url, { clientId, subscriptions: ['news'] });
      assert.equal((await subscribe(env.t.url, { clientId, subscriptions: [] })).status, 204);
      assert.equal(env.t.app.realtime.isSubscribed(clientId, 'news'), false);
      assert.equal(env.t.app.realtime.hasClient(clientId), true);
      await subscribe(env.t.url, { clientId, subscriptions: ['flush'] });
      await env.t.app.realtime.publish('news', 1);
      await env.t.app.realtime.publish('flush', 2);
      assert.equal((await stream.next()).event, 'flush');
    });

    it('forgets a client that disconnects', async () => {
      const { stream, clientId } = await open();
      stream.close();
      await stream.done;
      // the server notices the closed socket on its own schedule: ask until it has
      while (env.t.app.realtime.hasClient(clientId)) await new Promise((r) => setTimeout(r, 10));
      assert.equal((await subscribe(env.t.url, { clientId, subscriptions: [] })).status, 404);
    });
  });
}
