import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { enqueue } from '../../src/core/outbox/index.js';
import { createUser, DIALECTS, startApp, type TestApp } from '../harness/index.js';
import { SseStream } from '../realtime/sse-stream.js';
import { type PromSample, parsePrometheus, sampleValue } from './prometheus-text.js';

const TOKEN = 'scrape-token-0123456789abcdef';

/** Polls `read` until `ok` holds; the deadline only turns a hang into a clear failure. */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}: last ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

for (const dialect of DIALECTS) {
  describe(`GET /api/metrics (${dialect})`, () => {
    let t: TestApp;
    let superuser: string;
    let user: string;

    const scrape = async (auth = superuser): Promise<PromSample[]> => {
      const res = await fetch(`${t.url}/api/metrics`, { headers: { authorization: auth } });
      assert.equal(res.status, 200, await res.clone().text());
      return parsePrometheus(await res.text());
    };
    const requests = async (route: string, status: string) =>
      sampleValue(await scrape(), 'basalt_http_request_duration_seconds_count', { route, status }) ?? 0;

    before(async () => {
      t = await startApp({ dialect });
      superuser = await t.superuserToken();
      user = (await createUser(t, 'user@example.com')).token;
    });
    after(() => t.close());

    it('answers superusers in the Prometheus text format, with process and app metrics', async () => {
      const res = await fetch(`${t.url}/api/metrics`, { headers: { authorization: superuser } });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
      const samples = parsePrometheus(await res.text());
      assert.ok(sampleValue(samples, 'process_cpu_user_seconds_total') !== undefined);
      assert.ok(sampleValue(samples, 'nodejs_eventloop_lag_seconds') !== undefined);
      assert.equal(sampleValue(samples, 'basalt_build_info', { database: dialect }), 1);
      assert.ok(sampleValue(samples, 'basalt_db_pool_max') !== undefined);
      assert.ok(sampleValue(samples, 'basalt_db_pool_connections', { state: 'total' }) !== undefined);
    });

    it('refuses guests, other users and wrong tokens in the API error format', async () => {
      const cases: Array<[Record<string, string>, number]> = [
        [{}, 401],
        [{ authorization: 'Bearer not-the-token-at-all-000' }, 401],
        [{ authorization: user }, 403],
      ];
      for (const [headers, status] of cases) {
        const res = await fetch(`${t.url}/api/metrics`, { headers });
        assert.equal(res.status, status);
        const body = (await res.json()) as Record<string, unknown>;
        assert.equal(body.status, status);
        assert.deepEqual(body.data, {});
        assert.match(String(body.message), /metrics/);
      }
    });

    it('lets a scraper in with the token from the settings, which GET /api/settings never shows', async () => {
      const patch = await fetch(`${t.url}/api/settings`, {
        method: 'PATCH',
        headers: { authorization: superuser, 'content-type': 'application/json' },
        body: JSON.stringify({ metrics: { token: TOKEN } }),
      });
      assert.equal(patch.status, 200);
      const shown = (await patch.json()) as { metrics: Record<string, unknown> };
      assert.deepEqual(shown.metrics, { enabled: true });
      const view = await fetch(`${t.url}/api/settings`, { headers: { authorization: superuser } });
      assert.ok(!(await view.text()).includes(TOKEN));
      assert.ok((await scrape(`Bearer ${TOKEN}`)).length > 0);
      assert.ok((await scrape(TOKEN)).length > 0);
      const wrong = await fetch(`${t.url}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } });
      assert.equal(wrong.status, 401);
    });

    it('refuses a guessable token', async () => {
      const res = await fetch(`${t.url}/api/settings`, {
        method: 'PATCH',
        headers: { authorization: superuser, 'content-type': 'application/json' },
        body: JSON.stringify({ metrics: { token: 'short' } }),
      });
      assert.equal(res.status, 400);
      const body = (await res.json()) as { data: { metrics: { token: { code: string } } } };
      assert.equal(body.data.metrics.token.code, 'validation_length_out_of_range');
      assert.ok((await scrape(`Bearer ${TOKEN}`)).length > 0, 'the previous token still works');
    });

    it('counts requests by operation tag and status, never by URL', async () => {
      const before = await requests('health', '200');
      for (let i = 0; i < 3; i++) await (await fetch(`${t.url}/api/health?x=${i}`)).arrayBuffer();
      assert.equal(await requests('health', '200'), before + 3);
      const missing = await requests('records.view', '404');
      await (await fetch(`${t.url}/api/collections/nope/records/abc`)).arrayBuffer();
      assert.equal(await requests('records.view', '404'), missing + 1);
      await (await fetch(`${t.url}/no/such/page-${Date.now()}`)).arrayBuffer();
      const samples = await scrape();
      assert.ok((sampleValue(samples, 'basalt_http_request_duration_seconds_count', { route: 'other' }) ?? 0) >= 1);
      const routes = new Set(
        samples.filter((s) => s.name === 'basalt_http_request_duration_seconds_count').map((s) => s.labels.route),
      );
      for (const route of routes) assert.doesNotMatch(String(route), /\//, `route label ${route} is a tag`);
      const bucket = sampleValue(samples, 'basalt_http_request_duration_seconds_bucket', {
        route: 'health',
        status: '200',
        le: '+Inf',
      });
      assert.equal(bucket, await requests('health', '200'));
    });

    it('times database statements and commits', async () => {
      const read = (s: PromSample[]) => sampleValue(s, 'basalt_db_query_duration_seconds_count', { kind: 'read' }) ?? 0;
      const commit = (s: PromSample[]) =>
        sampleValue(s, 'basalt_db_query_duration_seconds_count', { kind: 'commit' }) ?? 0;
      const first = await scrape();
      await createUser(t, `u${Date.now()}@example.com`);
      await (await fetch(`${t.url}/api/collections/users/records`, { headers: { authorization: superuser } })).json();
      const second = await scrape();
      assert.ok(read(second) > read(first));
      assert.ok(commit(second) > commit(first));
    });

    it('stops timing while metrics.enabled is off', async () => {
      const set = (enabled: boolean) =>
        fetch(`${t.url}/api/settings`, {
          method: 'PATCH',
          headers: { authorization: superuser, 'content-type': 'application/json' },
          body: JSON.stringify({ metrics: { enabled } }),
        }).then((r) => r.arrayBuffer());
      await set(false);
      const off = await requests('health', '200');
      await (await fetch(`${t.url}/api/health`)).arrayBuffer();
      assert.equal(await requests('health', '200'), off);
      await set(true);
      await (await fetch(`${t.url}/api/health`)).arrayBuffer();
      assert.equal(await requests('health', '200'), off + 1);
    });

    it('shows realtime clients of this instance', async () => {
      const clients = async () => sampleValue(await scrape(), 'basalt_realtime_clients') ?? -1;
      assert.equal(await clients(), 0);
      const stream = await SseStream.open(t.url);
      await stream.next((m) => m.event === 'PB_CONNECT');
      assert.equal(await clients(), 1);
      stream.close();
      await until(clients, (n) => n === 0, 'the client to leave');
    });

    it('shows the outbox items not sent yet', async () => {
      const depth = async () => {
        const s = await scrape();
        return ['pending', 'sending', 'failed'].reduce(
          (sum, status) => sum + (sampleValue(s, 'basalt_outbox_items', { status }) ?? 0),
          0,
        );
      };
      const before = await depth();
      // no handler delivers this kind: the item stays in the queue
      await t.app.store.transaction((tx) => enqueue(t.app, tx, 'metrics-test-undeliverable', { n: 1 }));
      assert.equal(await depth(), before + 1);
    });

    it('counts cron runs by job and outcome', async () => {
      const runs = async (job: string, outcome: string) =>
        sampleValue(await scrape(), 'basalt_cron_runs_total', { job, outcome }) ?? 0;
      t.app.cron.add('metrics_ok', '0 0 1 1 *', () => undefined);
      t.app.cron.add('metrics_fail', '0 0 1 1 *', () => {
        throw new Error('deliberate failure');
      });
      for (const job of ['metrics_ok', 'metrics_fail']) {
        const res = await fetch(`${t.url}/api/crons/${job}`, { method: 'POST', headers: { authorization: superuser } });
        assert.equal(res.status, 204);
      }
      await t.app.cron.idle();
      assert.equal(await runs('metrics_ok', 'success'), 1);
      assert.equal(await runs('metrics_fail', 'failure'), 1);
      assert.equal(await runs('metrics_fail', 'success'), 0);
    });

    it('shows the last backup and the restore drill of each backup', async () => {
      const headers = { authorization: superuser, 'content-type': 'application/json' };
      assert.equal(sampleValue(await scrape(), 'basalt_backup_last_success', {}), undefined);
      const made = await fetch(`${t.url}/api/backups`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: 'metrics.zip' }),
      });
      assert.equal(made.status, 204);
      const drill = await fetch(`${t.url}/api/backups/metrics.zip/drill`, { method: 'POST', headers });
      assert.equal(drill.status, 200, await drill.clone().text());
      const samples = await scrape();
      const key = { key: 'metrics.zip' };
      assert.equal(sampleValue(samples, 'basalt_backup_last_success', key), 1);
      assert.ok((sampleValue(samples, 'basalt_backup_last_size_bytes', key) ?? 0) > 0);
      assert.ok((sampleValue(samples, 'basalt_backup_last_timestamp_seconds', key) ?? 0) > Date.now() / 1000 - 600);
      assert.equal(sampleValue(samples, 'basalt_backup_drill_success', { key: 'metrics.zip' }), 1);
    });
  });
}
