import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flushLogs } from '../../src/core/logs/index.js';
import { TEST_SUPERUSER } from '../harness/index.js';
import { inspect, NO_BROWSER, openPage, signIn, useDashboard } from './dashboard.js';

describe('dashboard: requests per hour chart (sqlite)', { skip: NO_BROWSER }, () => {
  const d = useDashboard();

  /** The total the server counts for `filter`, as the chart must show it. */
  const serverTotal = async (filter: string) => {
    const stats = (await d.api(`/api/logs/stats?filter=${encodeURIComponent(filter)}`)).json as { total: number }[];
    return stats.reduce((n, s) => n + s.total, 0);
  };

  it('charts requests per hour above the list and follows its filter', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await fetch(`${d.t.url}/api/health`)).status, 200);
    assert.equal((await fetch(`${d.t.url}/api/collections/missing/records`)).status, 404);
    assert.equal((await fetch(`${d.t.url}/api/collections/missing/records/x`)).status, 404);
    const { page, cspViolations, close } = await openPage(d.browser);
    await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
    await flushLogs(d.t.app);
    await page.goto(`${d.t.url}/_/#/logs`);
    const chart = page.getByRole('figure', { name: 'Requests per hour' });
    await chart.getByRole('img').waitFor();
    await chart.getByText(/ requests? over \d+ hours?,/).waitFor();
    await inspect(page, 'logs-chart');

    // new requests keep arriving unfiltered (this page's own): a filter gives counts that stay put
    await page.getByLabel('Filter logs').fill('data.url = "/api/health"');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    assert.equal(await serverTotal('data.url = "/api/health"'), 3);
    await chart.getByText(/^3 requests over \d+ hours,/).waitFor();
    await chart.getByText(/^Requests per hour as a table/).click();
    const counts = await chart.locator('tbody tr td:nth-child(2)').allTextContents();
    assert.equal(
      counts.reduce((n, c) => n + Number(c), 0),
      3,
    );

    await page.getByLabel('Filter logs').fill('data.status = 404');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    assert.equal(await serverTotal('data.status = 404'), 2);
    await chart.getByText(/^2 requests over \d+ hours,/).waitFor();

    await page.getByLabel('Filter logs').fill('data.status = 599');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await chart.getByText('No requests logged.').waitFor();
    assert.deepEqual(cspViolations, []);
    await close();
  });
});
