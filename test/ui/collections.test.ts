import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DIALECTS, TEST_SUPERUSER } from '../harness/index.js';
import { inspect, NO_BROWSER, openPage, signIn, useDashboard } from './dashboard.js';

async function addField(page: Page, type: string, name: string, index: number): Promise<void> {
  await page.locator('#add-type').selectOption(type);
  await page.getByRole('button', { name: 'Add field' }).click();
  await page.locator(`#field-${index}-name`).fill(name);
}

for (const dialect of DIALECTS) {
  describe(`dashboard: collections (${dialect})`, { skip: NO_BROWSER }, () => {
    const d = useDashboard({ app: { dialect } });

    it('lists and searches collections', async () => {
      const { page, close } = await openPage(d.browser);
      await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
      const list = page.getByRole('complementary', { name: 'Collections' });
      await list.getByRole('link', { name: /^users/ }).waitFor();
      await list.getByRole('link', { name: /^_superusers/ }).waitFor();
      if (dialect === 'sqlite') await inspect(page, 'collections');
      await page.getByLabel('Search collections').fill('super');
      await list.getByRole('link', { name: /^users/ }).waitFor({ state: 'detached' });
      assert.equal(await list.getByRole('link', { name: /^_superusers/ }).count(), 1);
      await page.getByLabel('Search collections').fill('zzz');
      await list.getByText('No collection matches.').waitFor();
      await close();
    });

    it('creates a base collection with fields and options, showing a rule error in place first', async () => {
      const { page, cspViolations, close } = await openPage(d.browser);
      await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
      await page.getByRole('link', { name: 'New collection' }).click();
      await page.getByRole('heading', { name: 'New collection' }).waitFor();
      await page.getByLabel('Name', { exact: true }).fill('posts');
      await addField(page, 'text', 'title', 0);
      await page.locator('#field-0-max').fill('120');
      await addField(page, 'number', 'score', 1);
      await page.locator('#field-1-min').fill('0');
      await addField(page, 'select', 'status', 2);
      await page.locator('#field-2-values').fill('draft, live');
      await addField(page, 'relation', 'author', 3);
      await page.locator('#field-3-collectionId').selectOption({ label: 'users' });
      await addField(page, 'file', 'cover', 4);
      await page.locator('#field-4-mimeTypes').fill('image/png, image/jpeg');
      await page.locator('#field-4-thumbs').fill('100x100');
      await addField(page, 'bool', 'featured', 5);
      await addField(page, 'date', 'published', 6);
      await addField(page, 'json', 'extra', 7);
      await page
        .getByRole('listitem')
        .filter({ has: page.locator('#field-0-name') })
        .getByLabel('Required')
        .check();

      await page.getByRole('checkbox', { name: 'Locked (superusers only)' }).first().uncheck();
      await page.locator('#rule-listRule').fill('nope = 1');
      if (dialect === 'sqlite') await inspect(page, 'collection-editor');
      await page.getByRole('button', { name: 'Create collection' }).click();
      const ruleError = page.locator('#rule-listRule-error');
      await ruleError.waitFor();
      assert.match((await ruleError.textContent()) ?? '', /Invalid rule/);
      assert.equal((await d.api('/api/collections/posts')).status, 404, 'nothing was created');

      await page.locator('#rule-listRule').fill('');
      await page.getByRole('button', { name: 'Create collection' }).click();
      await page.getByRole('heading', { name: 'Edit posts' }).waitFor();
      const created = (await d.api('/api/collections/posts')).json;
      assert.equal(created.listRule, '');
      assert.equal(created.viewRule, null);
      const byName = Object.fromEntries(created.fields.map((f: any) => [f.name, f]));
      assert.equal(byName.title.required, true);
      assert.equal(byName.title.max, 120);
      assert.deepEqual(byName.status.values, ['draft', 'live']);
      assert.equal(byName.author.collectionId, (await d.api('/api/collections/users')).json.id);
      assert.deepEqual(byName.cover.mimeTypes, ['image/png', 'image/jpeg']);
      assert.deepEqual(byName.cover.thumbs, ['100x100']);
      for (const name of ['score', 'featured', 'published', 'extra']) assert.ok(byName[name], name);
      await page
        .getByRole('complementary', { name: 'Collections' })
        .getByRole('link', { name: /^posts/ })
        .waitFor();
      assert.deepEqual(cspViolations, []);
      await close();
    });

    it('renames a field keeping its data, shows field errors, and deletes the collection', async () => {
      const created = await d.api('/api/collections/posts/records', {
        method: 'POST',
        body: JSON.stringify({ title: 'Kept title' }),
      });
      assert.equal(created.status, 200);
      const { page, close } = await openPage(d.browser);
      await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
      await page.goto(`${d.t.url}/_/#/collections/posts/edit`);
      await page.getByRole('heading', { name: 'Edit posts' }).waitFor();
      // the system field id comes first, then the fields in the order they were added
      const [title, score] = [page.locator('#field-1-name'), page.locator('#field-2-name')];
      assert.equal(await title.inputValue(), 'title');
      assert.equal(await score.inputValue(), 'score');
      await title.fill('headline');
      // a second field of the same name is refused, next to that field
      await score.fill('headline');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByRole('alert').filter({ hasText: /./ }).first().waitFor();
      await page.locator('#field-2-name[aria-invalid="true"]').waitFor();
      await score.fill('score');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByText('Collection saved.').waitFor();
      const record = await d.api(`/api/collections/posts/records/${created.json.id}`);
      assert.equal(record.json.headline, 'Kept title');

      await page.getByRole('button', { name: 'Delete collection' }).click();
      await page.getByRole('button', { name: 'Yes, delete' }).click();
      await page.getByRole('heading', { name: 'Collections' }).waitFor();
      assert.equal((await d.api('/api/collections/posts')).status, 404);
      await close();
    });
  });
}
