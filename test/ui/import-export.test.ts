import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { TEST_SUPERUSER } from '../harness/index.js';
import { inspect, NO_BROWSER, openPage, signIn, useDashboard } from './dashboard.js';

// The dashboard is an API client: the API suites cover both databases, so this runs on SQLite only.
describe('dashboard: export and import of records (sqlite)', { skip: NO_BROWSER }, () => {
  const d = useDashboard();
  const download = async (page: Page, button: string) => {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: button }).click(),
    ]);
    return { name: file.suggestedFilename(), text: await readFile((await file.path()) as string, 'utf8') };
  };

  before(async () => {
    const made = await d.api('/api/collections', {
      method: 'POST',
      body: JSON.stringify({
        name: 'books',
        fields: [
          { name: 'title', type: 'text', required: true },
          { name: 'pages', type: 'number' },
          { name: 'tags', type: 'select', values: ['new', 'old', 'rare'], maxSelect: 3 },
          { name: 'meta', type: 'json' },
          { name: 'done', type: 'bool' },
        ],
      }),
    });
    assert.equal(made.status, 200);
    for (let i = 1; i <= 30; i++) {
      const title = i === 30 ? 'Quotes "and", commas\nand a line break' : `book ${String(i).padStart(2, '0')}`;
      const res = await d.api('/api/collections/books/records', {
        method: 'POST',
        body: JSON.stringify({ title, pages: i * 10, tags: i % 2 ? ['new'] : ['old', 'rare'], meta: { n: i } }),
      });
      assert.equal(res.status, 200);
    }
  });

  it('exports every row the filter matches, beyond the visible page, to CSV and JSON', async () => {
    const { page, close } = await openPage(d.browser);
    await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
    await page.goto(`${d.t.url}/_/#/collections/books`);
    await page.getByLabel('Filter').fill('pages > 50');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await page.getByText('Page 1 of 2 · 25 records').waitFor();
    await page.getByRole('button', { name: 'Export / import' }).click();
    await page.getByRole('heading', { name: 'Export and import' }).waitFor();
    await inspect(page, 'records-export-import');

    const csv = await download(page, 'Export CSV');
    assert.equal(csv.name, 'books.csv');
    assert.match(csv.text, /^id,title,pages,tags,meta,done\r\n/);
    assert.ok(
      csv.text.includes('"Quotes ""and"", commas\nand a line break",300,"[""old"",""rare""]","{""n"":30}",false'),
    );
    assert.ok(!csv.text.includes('book 05,'), 'rows outside the filter are left out');
    await page.getByText('Exported 25 records to books.csv.').waitFor();

    const json = await download(page, 'Export JSON');
    const rows = JSON.parse(json.text);
    assert.equal(rows.length, 25);
    assert.deepEqual(rows.find((r: any) => r.pages === 60).tags, ['old', 'rare']);
    await close();
  });

  it('imports CSV and JSON with a preview, creating good rows and listing the errors of bad ones', async () => {
    const { page, close } = await openPage(d.browser);
    await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
    await page.goto(`${d.t.url}/_/#/collections/books`);
    await page.getByRole('button', { name: 'Export / import' }).click();
    const csv = [
      'title,pages,tags,meta,done,colour',
      '"Imported, with a comma",12,"new,rare","{""k"":1}",true,blue',
      ',13,,,false,red',
      '"Two\nlines",14,old,,1,green',
      '',
    ].join('\r\n');
    await page.getByLabel('Import a CSV or JSON file').setInputFiles({
      name: 'more.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByText('more.csv: 3 rows.').waitFor();
    await page.getByText('Left out (no such field): colour').waitFor();
    const preview = page.getByRole('region', { name: 'Import preview' });
    await preview.getByRole('cell', { name: 'Imported, with a comma' }).waitFor();
    await inspect(page, 'records-import-preview');
    await page.getByRole('button', { name: 'Import 3 rows' }).click();
    await page.getByText('Imported 2 of 3 rows; 1 failed.').waitFor();
    const failed = page.getByRole('list', { name: 'Rows not imported' });
    assert.match((await failed.textContent()) ?? '', /Row 2: .* title: Cannot be blank\./);

    const found = (await d.api(`/api/collections/books/records?filter=${encodeURIComponent('pages < 20')}&sort=pages`))
      .json.items;
    assert.equal(found.length, 3, 'book 01 and the two good rows');
    const first = found.find((r: any) => r.pages === 12);
    assert.equal(first.title, 'Imported, with a comma');
    assert.deepEqual(first.tags, ['new', 'rare']);
    assert.deepEqual(first.meta, { k: 1 });
    assert.equal(first.done, true);
    assert.equal(found.find((r: any) => r.pages === 14).title, 'Two\nlines');

    const json = JSON.stringify([
      { title: 'From JSON', pages: 15, tags: ['rare'] },
      { pages: 16, tags: ['nope'] },
    ]);
    await page.getByLabel('Import a CSV or JSON file').setInputFiles({
      name: 'more.json',
      mimeType: 'application/json',
      buffer: Buffer.from(json),
    });
    await page.getByText('more.json: 2 rows.').waitFor();
    await page.getByRole('button', { name: 'Import 2 rows' }).click();
    await page.getByText(/Imported 1 of 2 rows; 1 failed\./).waitFor();
    assert.match(
      (await page.getByRole('list', { name: 'Rows not imported' }).textContent()) ?? '',
      /Row 2: .*title: Cannot be blank\..*tags: /,
    );
    const fromJson = (await d.api(`/api/collections/books/records?filter=${encodeURIComponent('title = "From JSON"')}`))
      .json;
    assert.deepEqual(fromJson.items[0].tags, ['rare']);

    await page.getByLabel('Import a CSV or JSON file').setInputFiles({
      name: 'broken.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('title\n"never closed'),
    });
    await page.getByText('broken.csv could not be read: A quoted field is not closed').waitFor();
    await close();
  });
});
