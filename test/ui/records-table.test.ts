import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { TEST_SUPERUSER } from '../harness/index.js';
import { inspect, NO_BROWSER, openPage, signIn, useDashboard } from './dashboard.js';

// The dashboard is an API client: the API suites cover both databases, so this runs on SQLite only.
describe('dashboard: records table tools (sqlite)', { skip: NO_BROWSER }, () => {
  const d = useDashboard();
  const ids: Record<string, string> = {};

  before(async () => {
    const items = await d.api('/api/collections', {
      method: 'POST',
      body: JSON.stringify({
        name: 'items',
        fields: [
          { name: 'name', type: 'text' },
          { name: 'size', type: 'number' },
          { name: 'note', type: 'text' },
        ],
      }),
    });
    assert.equal(items.status, 200);
    const holders = await d.api('/api/collections', {
      method: 'POST',
      body: JSON.stringify({
        name: 'holders',
        fields: [{ name: 'item', type: 'relation', collectionId: items.json.id, required: true, maxSelect: 1 }],
      }),
    });
    assert.equal(holders.status, 200);
    for (const name of ['alpha', 'beta', 'gamma']) {
      const made = await d.api('/api/collections/items/records', {
        method: 'POST',
        body: JSON.stringify({ name, size: name.length, note: `about ${name}` }),
      });
      ids[name] = made.json.id;
    }
    // beta is held by a required relation, so deleting it fails
    await d.api('/api/collections/holders/records', { method: 'POST', body: JSON.stringify({ item: ids.beta }) });
  });

  it('remembers the chosen columns per collection', async () => {
    const { page, close } = await openPage(d.browser);
    await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
    await page.goto(`${d.t.url}/_/#/collections/items`);
    await page.getByRole('cell', { name: 'about alpha' }).waitFor();
    await page.getByText('Columns (').click();
    await page.getByRole('checkbox', { name: 'note' }).uncheck();
    await page.getByRole('cell', { name: 'about alpha' }).waitFor({ state: 'detached' });
    assert.equal(await page.getByRole('columnheader', { name: 'note' }).count(), 0);
    await inspect(page, 'records-columns');
    await page.reload();
    await page.getByRole('cell', { name: 'alpha', exact: true }).waitFor();
    assert.equal(await page.getByRole('columnheader', { name: 'note' }).count(), 0, 'the choice survives a reload');
    assert.equal(await page.getByRole('columnheader', { name: 'size' }).count(), 1);
    // another collection keeps all its columns
    await page.goto(`${d.t.url}/_/#/collections/holders`);
    await page.getByRole('columnheader', { name: 'item' }).waitFor();
    await close();
  });

  it('shows new, changed and deleted records live, and stops listening when leaving the page', async () => {
    const { page, close } = await openPage(d.browser);
    await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
    await page.goto(`${d.t.url}/_/#/collections/items`);
    await page.getByText('Live: changes appear as they happen.').waitFor();
    const made = await d.api('/api/collections/items/records', {
      method: 'POST',
      body: JSON.stringify({ name: 'delta', size: 5 }),
    });
    await page.getByRole('cell', { name: 'delta', exact: true }).waitFor();
    await d.api(`/api/collections/items/records/${made.json.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ name: 'delta changed' }),
    });
    await page.getByRole('cell', { name: 'delta changed' }).waitFor();
    await d.api(`/api/collections/items/records/${made.json.id}`, { method: 'DELETE' });
    await page.getByRole('cell', { name: 'delta changed' }).waitFor({ state: 'detached' });
    assert.equal(d.t.app.realtime.clientCount(), 1);
    await page.getByRole('link', { name: 'Logs' }).click();
    await page.getByRole('heading', { name: 'Logs' }).waitFor();
    while (d.t.app.realtime.clientCount() > 0) await sleep(20);
    await close();
  });

  it('deletes the selected records after a confirmation and reports those that failed', async () => {
    const { page, close } = await openPage(d.browser);
    await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
    await page.goto(`${d.t.url}/_/#/collections/items`);
    await page.getByRole('cell', { name: 'alpha', exact: true }).waitFor();
    await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
    await page.getByRole('button', { name: 'Delete selected (3)' }).click();
    await page.getByText('Delete 3 selected records?').waitFor();
    await inspect(page, 'records-bulk-delete');
    await page.getByRole('button', { name: 'Yes, delete them' }).click();
    await page.getByText('Deleted 2 of 3 records; 1 could not be deleted.').waitFor();
    const failed = page.getByRole('list', { name: 'Records not deleted' });
    assert.match((await failed.textContent()) ?? '', new RegExp(`${ids.beta}: Failed to delete record`));
    await page.getByRole('cell', { name: 'alpha', exact: true }).waitFor({ state: 'detached' });
    const left = (await d.api('/api/collections/items/records')).json.items.map((r: any) => r.name);
    assert.deepEqual(left, ['beta']);
    assert.equal(await page.getByRole('checkbox', { name: `Select record ${ids.beta}` }).isChecked(), true);
    await close();
  });
});
