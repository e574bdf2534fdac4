import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../harness/index.js';
import { eventually, type Received } from './receiver.js';
import { makeWebhooksEnv, SECRET, type WebhooksEnv } from './setup.js';

/** The receiver side of the signature, as docs/webhooks.md tells receivers to check it. */
function verified(r: Received, secret: string): boolean {
  const timestamp = String(r.headers['x-basalt-timestamp'] ?? '');
  const given = String(r.headers['x-basalt-signature'] ?? '');
  const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${r.body}`).digest('hex')}`;
  const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
  return fresh && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

for (const dialect of DIALECTS) {
  describe(`webhook delivery (${dialect})`, () => {
    let env: WebhooksEnv;
    before(async () => {
      env = await makeWebhooksEnv(dialect);
    });
    after(() => env?.close());

    it('POSTs signed events for create, update and delete, with the record as a superuser sees it minus hidden fields', async () => {
      const created = await env.api('POST', '/api/collections/posts/records', {
        title: 'Hello',
        status: 'draft',
        internal: 'not for receivers',
      });
      assert.equal(created.status, 200, JSON.stringify(created.json));
      const id = created.json.id;
      assert.equal(
        (await env.api('PATCH', `/api/collections/posts/records/${id}`, { title: 'Hello again' })).status,
        200,
      );
      assert.equal((await env.api('DELETE', `/api/collections/posts/records/${id}`)).status, 204);
      await eventually(() => env.receiver.received.length >= 3, 'three events');
      const events = env.receiver.received.map((r) => r.json);
      assert.deepEqual(events.map((e) => e.event).sort(), ['create', 'delete', 'update']);
      for (const r of env.receiver.received) {
        assert.ok(verified(r, SECRET), 'the signature verifies with the secret');
        assert.ok(!verified(r, `${SECRET}x`), 'and not with another key');
        assert.equal(r.headers['content-type'], 'application/json');
        assert.equal(r.headers['x-basalt-webhook'], env.hookId);
        assert.equal(r.headers['x-basalt-event'], r.json.event);
        assert.match(String(r.headers['x-basalt-delivery']), /^\w{15}$/);
        assert.equal(r.json.webhook, env.hookId);
        assert.equal(r.json.collection.name, 'posts');
        assert.equal(r.json.record.id, id);
        assert.equal(r.json.record.collectionName, 'posts');
        assert.equal('internal' in r.json.record, false, 'hidden fields stay out');
        assert.equal(typeof r.json.record.status, 'string');
      }
      const update = events.find((e) => e.event === 'update');
      assert.equal(update.record.title, 'Hello again');
      const deleted = events.find((e) => e.event === 'delete');
      assert.equal(deleted.record.title, 'Hello again', 'a delete carries the record as it was');
      const list = await env.settled(3);
      for (const d of list) {
        assert.equal(d.attempts.length, 1);
        assert.equal(d.attempts[0].responseStatus, 204);
        assert.equal(d.responseStatus, 204);
        assert.equal(d.body.record.id, id);
      }
    });

    it('sends nothing for a batch that fails, and one event per record of a batch that commits', async () => {
      const before = env.receiver.received.length;
      const failed = await env.api('POST', '/api/batch', {
        requests: [
          { method: 'POST', url: '/api/collections/posts/records', body: { title: 'rolled back' } },
          { method: 'POST', url: '/api/collections/posts/records', body: { status: 'no-such-value' } },
        ],
      });
      assert.equal(failed.status, 400, JSON.stringify(failed.json));
      const ok = await env.api('POST', '/api/batch', {
        requests: [
          { method: 'POST', url: '/api/collections/posts/records', body: { title: 'batch one' } },
          { method: 'POST', url: '/api/collections/posts/records', body: { title: 'batch two' } },
        ],
      });
      assert.equal(ok.status, 200, JSON.stringify(ok.json));
      await eventually(() => env.receiver.received.length >= before + 2, 'the committed batch');
      await env.drained();
      const titles = env.receiver.received.slice(before).map((r) => r.json.record.title);
      assert.deepEqual(titles.sort(), ['batch one', 'batch two']);
      const rows = await env.t.app.store.all(`SELECT "body" FROM "_webhookDeliveries"`);
      assert.equal(
        rows.some((r) => String(r.body).includes('rolled back')),
        false,
      );
    });

    it('retries after the receiver answered 500, until it answers 2xx', async () => {
      env.receiver.mode = 'fail';
      const hits = env.receiver.hits;
      const created = await env.api('POST', '/api/collections/posts/records', { title: 'after 500' });
      assert.equal(created.status, 200);
      await eventually(() => env.receiver.hits >= hits + 2, 'two failed attempts');
      env.receiver.mode = 'ok';
      await eventually(
        () => env.receiver.received.find((r) => r.json.record.title === 'after 500'),
        'the event after the 500s',
      );
      await env.drained();
      const [d] = (await env.deliveries()).filter((x) => x.body.record.title === 'after 500');
      assert.equal(d.status, 'sent');
      assert.ok(d.attempts.length >= 3);
      assert.equal(d.attempts[0].responseStatus, 500);
      assert.match(d.attempts[0].error, /500/);
      assert.equal(d.attempts[0].responseBody, 'receiver broke');
      assert.equal(d.attempts.at(-1).responseStatus, 204);
      assert.deepEqual(
        d.attempts.map((a: any) => a.attempt),
        d.attempts.map((_: unknown, i: number) => i + 1),
      );
    });

    it('retries after the receiver was down', async () => {
      await env.receiver.stop();
      const created = await env.api('POST', '/api/collections/posts/records', { title: 'while down' });
      assert.equal(created.status, 200, 'the write does not wait for the receiver');
      const failedAttempt = await eventually(async () => {
        const [d] = (await env.deliveries()).filter((x) => x.body.record.title === 'while down');
        return d?.attempts.length > 0 ? d : null;
      }, 'a failed attempt');
      assert.equal(failedAttempt.attempts[0].responseStatus, 0);
      assert.match(failedAttempt.attempts[0].error, /ECONNREFUSED/);
      await env.receiver.start();
      await eventually(
        () => env.receiver.received.find((r) => r.json.record.title === 'while down'),
        'the event once the receiver is back',
      );
    });

    it('gives up on a receiver that hangs after the timeout, and retries', async () => {
      env.receiver.mode = 'hang';
      const hits = env.receiver.hits;
      const created = await env.api('POST', '/api/collections/posts/records', { title: 'hung' });
      assert.equal(created.status, 200);
      const d = await eventually(async () => {
        const [x] = (await env.deliveries()).filter((y) => y.body.record.title === 'hung');
        return x?.attempts.length > 0 ? x : null;
      }, 'a timed-out attempt');
      assert.match(d.attempts[0].error, /no answer within 1 s/);
      assert.ok(env.receiver.hits > hits);
      env.receiver.mode = 'ok';
      await eventually(() => env.receiver.received.find((r) => r.json.record.title === 'hung'), 'the retried event');
    });

    it('does not follow redirects: a 3xx is a failed attempt', async () => {
      env.receiver.mode = 'redirect';
      const created = await env.api('POST', '/api/collections/posts/records', { title: 'redirected' });
      assert.equal(created.status, 200);
      const d = await eventually(async () => {
        const [x] = (await env.deliveries()).filter((y) => y.body.record.title === 'redirected');
        return x?.attempts.length > 0 ? x : null;
      }, 'a redirected attempt');
      assert.equal(d.attempts[0].responseStatus, 302);
      assert.match(d.attempts[0].error, /redirect to http:\/\/127\.0\.0\.1:1\/elsewhere not followed/);
      env.receiver.mode = 'ok';
      await eventually(() => env.receiver.received.find((r) => r.json.record.title === 'redirected'), 'the retry');
    });

    it('marks a delivery failed after the last attempt', async () => {
      env.receiver.mode = 'fail';
      const created = await env.api('POST', '/api/collections/posts/records', { title: 'never' });
      assert.equal(created.status, 200);
      const failed = await env.settled(1, 'failed');
      const d = failed.find((x) => x.body.record.title === 'never');
      assert.ok(d);
      assert.equal(d.attempts.length, 6);
      assert.equal(d.responseStatus, 500);
      env.receiver.mode = 'ok';
      await env.drained();
    });

    it('redelivers a delivery as a new one with the same event id, signed anew', async () => {
      const [failed] = await env.settled(1, 'failed');
      const res = await env.api(
        'POST',
        `/api/webhooks/${env.hookId}/deliveries/${failed.id}/redeliver`,
        undefined,
        'su',
      );
      assert.equal(res.status, 200, JSON.stringify(res.json));
      assert.equal(res.json.redeliveryOf, failed.id);
      assert.equal(res.json.eventId, failed.eventId);
      assert.notEqual(res.json.id, failed.id);
      assert.equal(res.json.status, 'pending');
      const r = (await eventually(
        () => env.receiver.received.find((x) => x.headers['x-basalt-delivery'] === res.json.id),
        'the redelivered event',
      )) as Received;
      assert.equal(r.json.id, failed.body.id);
      assert.equal(r.body, JSON.stringify(failed.body));
      assert.ok(verified(r, SECRET));
      await env.drained();
      const again = (await env.deliveries()).find((d) => d.id === res.json.id);
      assert.equal(again.status, 'sent');
    });

    it('lists deliveries newest first with paging and a status filter; superusers only', async () => {
      const all = await env.deliveries();
      assert.ok(all.length >= 8);
      const created = all.map((d) => d.created);
      assert.deepEqual(created, [...created].sort().reverse());
      const page = await env.api('GET', `/api/webhooks/${env.hookId}/deliveries?perPage=2&page=2`, undefined, 'su');
      assert.equal(page.status, 200);
      assert.equal(page.json.items.length, 2);
      assert.equal(page.json.page, 2);
      assert.equal(page.json.totalItems, all.length);
      assert.deepEqual(
        page.json.items.map((d: any) => d.id),
        all.slice(2, 4).map((d) => d.id),
      );
      const sent = await env.deliveries(env.hookId, 'status=sent&perPage=100');
      assert.ok(sent.length > 0 && sent.every((d) => d.status === 'sent'));
      assert.equal(
        (await env.api('GET', `/api/webhooks/${env.hookId}/deliveries?status=odd`, undefined, 'su')).status,
        400,
      );
      assert.equal((await env.api('GET', `/api/webhooks/${env.hookId}/deliveries`)).status, 401);
      assert.equal((await env.api('GET', '/api/webhooks/nope/deliveries', undefined, 'su')).status, 404);
      const missing = await env.api('POST', `/api/webhooks/${env.hookId}/deliveries/nope/redeliver`, undefined, 'su');
      assert.equal(missing.status, 404);
      assert.equal(missing.json.message, 'The requested webhook delivery does not exist.');
      assert.equal(
        (await env.api('POST', `/api/webhooks/${env.hookId}/deliveries/${all[0].id}/redeliver`)).status,
        401,
      );
    });
  });
}
