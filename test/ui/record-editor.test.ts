import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import { TEST_SUPERUSER } from '../harness/index.js';
import { inspect, NO_BROWSER, openPage, signIn, useDashboard } from './dashboard.js';

// The dashboard is an API client: the API suites cover both databases, so this runs on SQLite only.
describe('dashboard: record editor inputs (sqlite)', { skip: NO_BROWSER }, () => {
  const d = useDashboard();
  const authors: Record<string, string> = {};

  before(async () => {
    const a = await d.api('/api/collections', {
      method: 'POST',
      body: JSON.stringify({ name: 'authors', fields: [{ name: 'name', type: 'text', presentable: true }] }),
    });
    assert.equal(a.status, 200);
    for (const name of ['Ada Lovelace', 'Grace Hopper', 'Alan Turing']) {
      authors[name] = (
        await d.api('/api/collections/authors/records', { method: 'POST', body: JSON.stringify({ name }) })
      ).json.id;
    }
    const p = await d.api('/api/collections', {
      method: 'POST',
      body: JSON.stringify({
        name: 'posts',
        fields: [
          { name: 'title', type: 'text', required: true },
          { name: 'body', type: 'editor' },
          { name: 'tags', type: 'select', values: ['red', 'green', 'blue'], maxSelect: 2 },
          { name: 'author', type: 'relation', collectionId: a.json.id, maxSelect: 1 },
          { name: 'refs', type: 'relation', collectionId: a.json.id, maxSelect: 2 },
          { name: 'files', type: 'file', maxSelect: 3, maxSize: 100000 },
          { name: 'when', type: 'date' },
          { name: 'place', type: 'geoPoint' },
        ],
      }),
    });
    assert.equal(p.status, 200);
  });

  it('creates a record with rich text, relations, select, files, a UTC date and a geo point', async () => {
    const { page, cspViolations, close } = await openPage(d.browser);
    await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
    await page.goto(`${d.t.url}/_/#/collections/posts/records/new`);
    await page.getByRole('heading', { name: 'New posts record' }).waitFor();
    await page.getByLabel('title (required)').fill('Hello');

    const body = page.getByRole('textbox', { name: 'body' });
    await body.click();
    await page.keyboard.type('Big news');
    await page.keyboard.press('ControlOrMeta+a');
    await page.getByRole('button', { name: 'Bold' }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Bulleted list' }).click();
    await page.keyboard.type('first point');
    await page.getByRole('button', { name: 'Link' }).click();
    await page.getByLabel('Link address').fill('javascript:alert(1)');
    await page.getByRole('button', { name: 'Apply link' }).click();
    await page.getByText('Links must start with http://').waitFor();
    await page.getByLabel('Link address').fill('https://example.com/');
    await page.getByRole('button', { name: 'Apply link' }).click();

    await page.getByLabel('tags').selectOption(['red', 'blue']);
    await page.getByLabel('author', { exact: true }).fill('Grace');
    const authorResults = page.getByRole('list', { name: 'Matches for author' });
    // the search narrows the list to the one match
    await authorResults.getByRole('button', { name: /^Ada/ }).waitFor({ state: 'detached' });
    await authorResults.getByRole('button', { name: `Grace Hopper (${authors['Grace Hopper']})` }).click();
    await page.getByRole('list', { name: 'Picked author' }).getByText('Grace Hopper').waitFor();
    const refsResults = page.getByRole('list', { name: 'Matches for refs' });
    await refsResults.getByRole('button', { name: /^Ada Lovelace/ }).click();
    await refsResults.getByRole('button', { name: /^Alan Turing/ }).click();
    assert.equal(await refsResults.getByRole('button', { name: /^Grace Hopper/ }).isDisabled(), true, 'max 2 picked');

    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    await page.getByLabel('files').setInputFiles([
      { name: 'pic.png', mimeType: 'image/png', buffer: png },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') },
    ]);
    await page.getByText('pic.png (new)').waitFor();
    await page.getByLabel('when').fill('2030-01-02T03:04');
    await page.getByLabel('Longitude').fill('200');
    await page.getByLabel('Latitude').fill('45.5');
    await inspect(page, 'record-editor-inputs');

    await page.getByRole('button', { name: 'Create record' }).click();
    await page.locator('#record-place-error').waitFor();
    await page.getByLabel('Longitude').fill('12.25');
    await page.getByRole('button', { name: 'Create record' }).click();
    await page.getByRole('heading', { name: /^Record / }).waitFor();
    const id = decodeURIComponent(new URL(page.url()).hash.split('/').at(-1) ?? '');
    const stored = (await d.api(`/api/collections/posts/records/${id}`)).json;
    assert.match(stored.body, /<b>Big news<\/b>|<strong>Big news<\/strong>/);
    assert.match(
      stored.body,
      /<ul><li>(<b>)?first point(<\/b>)?<a href="https:\/\/example.com\/">https:\/\/example.com\/<\/a><\/li><\/ul>/,
    );
    assert.deepEqual(stored.tags, ['red', 'blue']);
    assert.equal(stored.author, authors['Grace Hopper']);
    assert.deepEqual(stored.refs, [authors['Ada Lovelace'], authors['Alan Turing']]);
    assert.equal(stored.files.length, 2);
    assert.equal(stored.when, '2030-01-02 03:04:00.000Z');
    assert.deepEqual(stored.place, { lon: 12.25, lat: 45.5 });

    // stored files: an image shows a thumbnail, another file a link; remove one, add one, keep the rest
    const pic = stored.files.find((f: string) => f.startsWith('pic'));
    const txt = stored.files.find((f: string) => f.startsWith('notes'));
    assert.match((await page.locator(`img[src*="${pic}"]`).getAttribute('src')) ?? '', /thumb=100x100/);
    await page.getByRole('link', { name: txt }).waitFor();
    await page.getByRole('button', { name: `Remove ${txt}` }).click();
    await page
      .getByLabel('files')
      .setInputFiles({ name: 'more.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
    await page.getByRole('button', { name: 'Save record' }).click();
    await page.getByText('Record saved.').waitFor();
    const after = (await d.api(`/api/collections/posts/records/${id}`)).json;
    assert.equal(after.files.length, 2);
    assert.ok(after.files.includes(pic));
    assert.ok(after.files.some((f: string) => f.startsWith('more')));
    assert.deepEqual(cspViolations, []);
    await close();
  });

  it('never puts unsafe stored HTML into the page and saves it cleaned', async () => {
    const made = await d.api('/api/collections/posts/records', {
      method: 'POST',
      body: JSON.stringify({
        title: 'Unsafe',
        body: '<p onclick="x()">ok <img src="x" onerror="window.__hit=1"></p><script>window.__hit=2</script><a href="javascript:window.__hit=3">bad</a>',
      }),
    });
    assert.equal(made.status, 200);
    const { page, close } = await openPage(d.browser);
    await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
    await page.goto(`${d.t.url}/_/#/collections/posts/records/${made.json.id}`);
    const body = page.getByRole('textbox', { name: 'body' });
    await body.getByText('ok').waitFor();
    const html = await body.innerHTML();
    assert.equal(html, '<p>ok </p><a>bad</a>');
    assert.equal(await page.evaluate('window.__hit'), undefined);
    await page.getByLabel('title (required)').fill('Cleaned');
    await body.click();
    await page.keyboard.press('End');
    await page.keyboard.type('!');
    await page.getByRole('button', { name: 'Save record' }).click();
    await page.getByText('Record saved.').waitFor();
    const stored = (await d.api(`/api/collections/posts/records/${made.json.id}`)).json;
    assert.doesNotMatch(stored.body, /script|onerror|onclick|javascript|<img/);
    await close();
  });
});
