import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { TEST_SUPERUSER } from '../harness/index.js';
import { inspect, NO_BROWSER, openPage, signIn, useDashboard } from './dashboard.js';

// the dashboard is an API client: the API suites cover both databases, this one runs on SQLite
describe('dashboard: view collections, indexes, duplicate, reorder (sqlite)', { skip: NO_BROWSER }, () => {
  const d = useDashboard();

  before(async () => {
    const made = await d.api('/api/collections', {
      method: 'POST',
      body: JSON.stringify({
        name: 'posts',
        fields: [
          { name: 'title', type: 'text' },
          { name: 'score', type: 'number' },
        ],
      }),
    });
    assert.equal(made.status, 200);
    for (const title of ['one', 'two']) {
      const r = await d.api('/api/collections/posts/records', { method: 'POST', body: JSON.stringify({ title }) });
      assert.equal(r.status, 200);
    }
  });

  it('creates a view collection and shows the fields the server inferred from its query', async () => {
    const { page, close } = await openPage(d.browser);
    await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
    await page.goto(`${d.t.url}/_/#/collections/new`);
    await page.getByLabel('Name', { exact: true }).fill('post_scores');
    await page.getByLabel('Type', { exact: true }).selectOption('view');
    // only the list and view rules exist for views
    await page.locator('#rule-viewRule').waitFor();
    assert.equal(await page.locator('#rule-createRule').count(), 0);
    await page.getByLabel(/View query/).fill('SELECT title FROM posts');
    await page.getByRole('button', { name: 'Save and preview fields' }).click();
    await page.locator('#view-query-error').waitFor();
    assert.equal((await d.api('/api/collections/post_scores')).status, 404, 'nothing was created');

    await page.getByLabel(/View query/).fill('SELECT p.id, p.title, count(p.id) AS total FROM posts p GROUP BY p.id');
    await page.getByRole('button', { name: 'Save and preview fields' }).click();
    await page.getByRole('heading', { name: 'Edit post_scores' }).waitFor();
    const table = page.getByRole('table', { name: 'Inferred fields' });
    await table.getByRole('cell', { name: 'total' }).waitFor();
    const rows = await table.locator('tbody tr').allTextContents();
    assert.equal(rows.length, 3);
    assert.match(rows.find((r) => r.startsWith('total')) ?? '', /number/);
    assert.match(rows.find((r) => r.startsWith('title')) ?? '', /text/);
    await inspect(page, 'collection-view');

    const stored = (await d.api('/api/collections/post_scores')).json;
    assert.equal(stored.type, 'view');
    assert.deepEqual(
      stored.fields.map((f: any) => [f.name, f.type]),
      [
        ['id', 'text'],
        ['title', 'text'],
        ['total', 'number'],
      ],
    );
    assert.equal((await d.api('/api/collections/post_scores/records')).json.totalItems, 2);
    await close();
  });

  it('adds and removes an index, reorders fields with the keyboard, and duplicates the collection', async () => {
    const { page, close } = await openPage(d.browser);
    await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
    await page.goto(`${d.t.url}/_/#/collections/posts/edit`);
    await page.getByRole('heading', { name: 'Edit posts' }).waitFor();
    await page.getByRole('group', { name: 'Index columns' }).getByLabel('title').check();
    await page.getByRole('group', { name: 'Index columns' }).getByLabel('score').check();
    await page.getByRole('button', { name: 'Add index' }).click();
    // reorder with the keyboard: focus the "down" button of title and press Enter
    await page.getByRole('button', { name: 'Move title down' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Collection saved.').waitFor();
    let stored = (await d.api('/api/collections/posts')).json;
    assert.deepEqual(
      stored.fields.map((f: any) => f.name),
      ['id', 'score', 'title'],
    );
    assert.equal(stored.indexes.length, 1);
    assert.match(stored.indexes[0], /^CREATE INDEX .* \(`title`, `score`\)$/);
    const records = (await d.api('/api/collections/posts/records?sort=title')).json.items;
    assert.deepEqual(
      records.map((r: any) => r.title),
      ['one', 'two'],
      'records keep their data',
    );

    await page.getByRole('button', { name: 'Remove index on title, score' }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Collection saved.').waitFor();
    stored = (await d.api('/api/collections/posts')).json;
    assert.deepEqual(stored.indexes, []);

    // put an index back so the copy must rename it
    await page.getByRole('group', { name: 'Index columns' }).getByLabel('title').check();
    await page.getByLabel('Unique', { exact: true }).check();
    await page.getByRole('button', { name: 'Add index' }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Collection saved.').waitFor();
    const original = (await d.api('/api/collections/posts')).json;

    await page.getByRole('link', { name: 'Duplicate' }).click();
    await page.getByRole('heading', { name: 'New collection' }).waitFor();
    assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'posts_copy');
    await page.getByLabel('Name', { exact: true }).fill('articles');
    await page.getByRole('button', { name: 'Create collection' }).click();
    await page.getByRole('heading', { name: 'Edit articles' }).waitFor();
    const copy = (await d.api('/api/collections/articles')).json;
    assert.notEqual(copy.id, original.id);
    assert.deepEqual(
      copy.fields.map((f: any) => [f.name, f.type]),
      original.fields.map((f: any) => [f.name, f.type]),
    );
    assert.equal(copy.indexes.length, 1);
    assert.match(copy.indexes[0], /^CREATE UNIQUE INDEX .* ON `articles` \(`title`\)$/);
    assert.equal((await d.api('/api/collections/articles/records')).json.totalItems, 0, 'no records are copied');
    assert.equal((await d.api('/api/collections/posts/records')).json.totalItems, 2);
    await close();
  });

  it('draws collections as boxes and relation fields as arrows in the relations diagram', async () => {
    const posts = (await d.api('/api/collections/posts')).json;
    const made = await d.api('/api/collections', {
      method: 'POST',
      body: JSON.stringify({
        name: 'comments',
        fields: [
          { name: 'body', type: 'text' },
          { name: 'post', type: 'relation', collectionId: posts.id, maxSelect: 1 },
        ],
      }),
    });
    assert.equal(made.status, 200);
    const { page, close } = await openPage(d.browser);
    await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Diagram' }).click();
    await page.getByRole('heading', { name: 'Relations diagram' }).waitFor();
    const diagram = page.getByRole('region', { name: 'Diagram' });
    await diagram.getByRole('link', { name: 'comments base', exact: true }).waitFor();
    await diagram.getByRole('link', { name: 'posts base', exact: true }).waitFor();
    assert.equal(await diagram.getByRole('link', { name: /^_superusers/ }).count(), 0, 'system collections hidden');
    assert.equal(await page.locator('svg.diagram path.arrow').count(), 1);
    const relations = await page.locator('.relations-list li').allTextContents();
    assert.deepEqual(relations, ['comments.post → posts']);
    await inspect(page, 'relations-diagram');
    await page.getByLabel('Show system collections').check();
    await diagram.getByRole('link', { name: /^_superusers/ }).waitFor();
    await diagram.getByRole('link', { name: /^comments/ }).click();
    await page.getByRole('heading', { name: 'Edit comments' }).waitFor();
    await close();
  });
});
