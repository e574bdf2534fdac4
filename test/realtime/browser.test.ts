import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { realtimeIdle } from '../../src/realtime/sse/start.js';
import { DIALECTS, launchChromium, sdkPageServer } from '../harness/index.js';
import { makeRealtimeEnv, type RealtimeEnv } from './setup.js';

/** A page on its own origin (so the stream is a cross-origin one) that loads the SDK's browser bundle. */
function pageServer(apiUrl: string): Promise<Server> {
  const html = `<!doctype html><meta charset="utf-8"><title>realtime</title>
<script src="/pocketbase.umd.js"></script>
<script>
  window.events = [];
  window.flushes = [];
  window.pb = new PocketBase(${JSON.stringify(apiUrl)});
  window.start = async () => {
    await pb.collection('posts').subscribe('*', (e) => window.events.push(e));
    await pb.realtime.subscribe('flush', (e) => window.flushes.push(e));
    return pb.realtime.clientId;
  };
</script>`;
  return sdkPageServer(html);
}

describe('realtime in a real browser (Chromium)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  for (const dialect of DIALECTS) {
    describe(dialect, () => {
      let env: RealtimeEnv;
      let site: Server;
      let page: Page;
      before(async () => {
        env = await makeRealtimeEnv(dialect);
        site = await pageServer(env.t.url);
        page = await browser.newPage();
        await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
      });
      after(async () => {
        await page?.close();
        await new Promise((r) => site?.close(r));
        await env?.t.close();
      });

      it('the SDK in the page sees creates, updates and deletes of records it may see, and nothing else', async () => {
        const clientId = await page.evaluate(() => (globalThis as any).start());
        assert.match(clientId, /^[A-Za-z0-9]{40}$/);
        const P = '/api/collections/posts/records';
        const hidden = await env.api(
          'POST',
          P,
          { title: 'not for guests', status: 'draft', owner: env.users.bob.id },
          'su',
        );
        assert.equal(hidden.status, 200);
        const rec = await env.api('POST', P, { title: 'in the browser', status: 'public' }, 'su');
        await env.api('PATCH', `${P}/${rec.json.id}`, { title: 'changed' }, 'su');
        await env.api('PATCH', `${P}/${hidden.json.id}`, { title: 'still hidden' }, 'su');
        await env.api('DELETE', `${P}/${rec.json.id}`, undefined, 'su');
        await env.api('DELETE', `${P}/${hidden.json.id}`, undefined, 'su');
        await page.waitForFunction(() => (globalThis as any).events.length >= 3);
        // every delivery judged, then a marker written after them all
        await realtimeIdle(env.t.app);
        await env.t.app.realtime.publish('flush', { done: true });
        await page.waitForFunction(() => (globalThis as any).flushes.length === 1);
        const events = await page.evaluate(() =>
          (globalThis as any).events.map((e: any) => `${e.action}:${e.record.id}:${e.record.title}`),
        );
        assert.deepEqual(events, [
          `create:${rec.json.id}:in the browser`,
          `update:${rec.json.id}:changed`,
          `delete:${rec.json.id}:changed`,
        ]);
      });
    });
  }
});
