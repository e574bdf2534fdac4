import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import { DIALECTS, TEST_SUPERUSER } from '../harness/index.js';
import { inspect, NO_BROWSER, openPage, signIn, useDashboard } from './dashboard.js';

for (const dialect of DIALECTS) {
  describe(`dashboard: records (${dialect})`, { skip: NO_BROWSER }, () => {
    const d = useDashboard({ app: { dialect } });

    before(async () => {
      const made = await d.api('/api/collections', {
        method: 'POST',
        body: JSON.stringify({
          name: 'notes',
          fields: [
            { name: 'title', type: 'text', required: true },
            { name: 'count', type: 'number' },
            { name: 'done', type: 'bool' },
            { name: 'kind', type: 'select', values: ['idea', 'task'], maxSelect: 1 },
            { name: 'meta', type: 'json' },
            { name: 'due', type: 'date' },
            { name: 'picture', type: 'file', maxSelect: 1, mimeTypes: ['image/png'], thumbs: ['100x100'] },
          ],
        }),
      });
      assert.equal(made.status, 200);
      for (let i = 1; i <= 25; i++) {
        const title = `note ${String(i).padStart(2, '0')}`;
        const res = await d.api('/api/collections/notes/records', {
          method: 'POST',
          body: JSON.stringify({ title, count: i }),
        });
        assert.equal(res.status, 200);
      }
    });

    it('pages, sorts by column and filters, showing a bad filter as an error', async () => {
      const { page, cspViolations, close } = await openPage(d.browser);
      await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
      await page
        .getByRole('complementary', { name: 'Collections' })
        .getByRole('link', { name: /^notes/ })
        .click();
      await page.getByText('Page 1 of 2 · 25 records').waitFor();
      const rows = page.locator('tbody tr');
      assert.equal(await rows.count(), 20);
      if (dialect === 'sqlite') await inspect(page, 'records');

      await page.getByRole('button', { name: 'Next page' }).click();
      await page.getByText('Page 2 of 2 · 25 records').waitFor();
      // the second page's rows replace the first page's once they arrive
      await rows.nth(5).waitFor({ state: 'detached' });
      assert.equal(await rows.count(), 5);

      const countHeader = page.getByRole('columnheader', { name: 'count' });
      await countHeader.getByRole('button').click();
      await page.locator('th[aria-sort="ascending"]', { hasText: 'count' }).waitFor();
      await page.getByText('Page 2 of 2').waitFor();
      await page.getByRole('button', { name: 'Previous page' }).click();
      await page.getByRole('cell', { name: 'note 01', exact: true }).waitFor();
      assert.equal(await rows.first().locator('td').nth(3).textContent(), '1');
      await countHeader.getByRole('button').click();
      await page.locator('th[aria-sort="descending"]', { hasText: 'count' }).waitFor();
      await page.getByRole('cell', { name: 'note 25', exact: true }).waitFor();
      assert.equal(await rows.first().locator('td').nth(3).textContent(), '25');

      await page.getByLabel('Filter').fill('count > 22');
      await page.getByRole('button', { name: 'Apply filter' }).click();
      await page.getByText('Page 1 of 1 · 3 records').waitFor();
      await page.getByLabel('Filter').fill('nope ~ 1');
      await page.getByRole('button', { name: 'Apply filter' }).click();
      await page.locator('#records-filter-error').filter({ hasText: 'Invalid filter' }).waitFor();
      assert.equal(await page.getByLabel('Filter').getAttribute('aria-invalid'), 'true');
      assert.equal(await rows.count(), 3, 'the last good result stays');
      assert.deepEqual(cspViolations, []);
      await close();
    });

    it('creates, edits and deletes a record with an input per field type and server field errors', async () => {
      const { page, cspViolations, close } = await openPage(d.browser);
      await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
      await page.goto(`${d.t.url}/_/#/collections/notes`);
      await page.getByRole('link', { name: 'New record' }).click();
      await page.getByRole('heading', { name: 'New notes record' }).waitFor();
      await page.getByRole('button', { name: 'Create record' }).click();
      await page.locator('#record-title-error').filter({ hasText: 'Cannot be blank.' }).waitFor();

      await page.getByLabel('title (required)').fill('From the browser');
      await page.getByLabel('count').fill('7');
      await page.getByLabel('done').check();
      await page.getByLabel('kind').selectOption('task');
      await page.getByLabel('due').fill('2030-05-06T07:08');
      await page.getByLabel('meta').fill('{"tags": [1, 2');
      await page.locator('#record-meta-error').filter({ hasText: 'Not valid JSON' }).waitFor();
      await page.getByLabel('meta').fill('{"tags": [1, 2]}');
      const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#336699' } })
        .png()
        .toBuffer();
      await page.getByLabel('picture').setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: png });
      await page.getByText('dot.png (new)').waitFor();
      if (dialect === 'sqlite') await inspect(page, 'record-editor');
      await page.getByRole('button', { name: 'Create record' }).click();
      await page.getByRole('heading', { name: /^Record / }).waitFor();
      const id = decodeURIComponent(new URL(page.url()).hash.split('/').at(-1) ?? '');
      const stored = (await d.api(`/api/collections/notes/records/${id}`)).json;
      assert.equal(stored.title, 'From the browser');
      assert.equal(stored.count, 7);
      assert.equal(stored.done, true);
      assert.equal(stored.kind, 'task');
      assert.deepEqual(stored.meta, { tags: [1, 2] });
      assert.equal(stored.due, '2030-05-06 07:08:00.000Z', 'the picker works in UTC');
      assert.match(stored.picture, /^dot_\w+\.png$/);
      await page.getByRole('link', { name: stored.picture }).waitFor();

      await page.getByLabel('title (required)').fill('');
      await page.getByRole('button', { name: 'Save record' }).click();
      await page.locator('#record-title-error').filter({ hasText: 'Cannot be blank.' }).waitFor();
      await page.getByLabel('title (required)').fill('Renamed');
      await page.getByRole('button', { name: 'Save record' }).click();
      await page.getByText('Record saved.').waitFor();
      assert.equal((await d.api(`/api/collections/notes/records/${id}`)).json.title, 'Renamed');

      await page.getByRole('button', { name: 'Delete record' }).click();
      await page.getByRole('button', { name: 'Yes, delete' }).click();
      await page.getByRole('heading', { name: 'notes' }).waitFor();
      assert.equal((await d.api(`/api/collections/notes/records/${id}`)).status, 404);
      assert.deepEqual(cspViolations, []);
      await close();
    });

    it('is usable on a 390 px wide phone', async () => {
      const { page, close } = await openPage(d.browser, { phone: true });
      await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
      await page.goto(`${d.t.url}/_/#/collections/notes`);
      await page.getByText(/Page 1 of \d+/).waitFor();
      const overflow = await page.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      assert.equal(overflow, 0, 'the page itself never scrolls sideways (the table scrolls inside its box)');
      await page.getByRole('button', { name: 'Next page' }).click();
      await page.getByText('Page 2 of 2').waitFor();
      if (dialect === 'sqlite') await inspect(page, 'records-phone');
      await close();
    });
  });
}
