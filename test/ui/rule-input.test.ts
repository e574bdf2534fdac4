import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { TEST_SUPERUSER } from '../harness/index.js';
import { inspect, NO_BROWSER, openPage, signIn, useDashboard } from './dashboard.js';

// the dashboard is an API client: the API suites cover both databases, this one runs on SQLite
describe('dashboard: rule and filter completion (sqlite)', { skip: NO_BROWSER }, () => {
  const d = useDashboard();

  before(async () => {
    const users = (await d.api('/api/collections/users')).json;
    const made = await d.api('/api/collections', {
      method: 'POST',
      body: JSON.stringify({
        name: 'notes',
        fields: [
          { name: 'title', type: 'text' },
          { name: 'owner', type: 'relation', collectionId: users.id, maxSelect: 1 },
        ],
      }),
    });
    assert.equal(made.status, 200);
    for (const title of ['alpha', 'beta']) {
      assert.equal(
        (await d.api('/api/collections/notes/records', { method: 'POST', body: JSON.stringify({ title }) })).status,
        200,
      );
    }
  });

  it('completes an API rule from the keyboard and shows the server error in place', async () => {
    const { page, close } = await openPage(d.browser);
    await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
    await page.goto(`${d.t.url}/_/#/collections/notes/edit`);
    await page.getByRole('heading', { name: 'Edit notes' }).waitFor();
    await page.getByRole('checkbox', { name: 'Locked (superusers only)' }).first().uncheck();
    const rule = page.getByRole('combobox', { name: 'List rule' });
    await rule.focus();
    await page.keyboard.type('ow');
    const list = page.locator('#rule-listRule-listbox');
    await list.getByRole('option', { name: /^owner\.\s/ }).waitFor();
    assert.equal(await rule.getAttribute('aria-expanded'), 'true');
    await page.keyboard.press('Enter'); // the first match, `owner`, is highlighted
    assert.equal(await rule.inputValue(), 'owner ');
    // after an operand come the operators; arrows pick one
    await list.getByRole('option', { name: /^= / }).waitFor();
    await page.keyboard.press('ArrowDown');
    assert.equal(await rule.getAttribute('aria-activedescendant'), 'rule-listRule-option-0');
    await page.keyboard.press('Enter');
    assert.equal(await rule.inputValue(), 'owner = ');
    await page.keyboard.type('@request.au');
    await list.getByRole('option', { name: /^@request\.auth\.\s/ }).waitFor();
    await inspect(page, 'rule-completion');
    await page.keyboard.press('Tab');
    assert.equal(await rule.inputValue(), 'owner = @request.auth.');
    await list.getByRole('option', { name: /^@request\.auth\.email\s/ }).waitFor();
    await page.keyboard.type('i');
    await page.keyboard.press('Enter');
    assert.equal(await rule.inputValue(), 'owner = @request.auth.id ');
    await page.keyboard.press('Escape');
    assert.equal(await rule.getAttribute('aria-expanded'), 'false');

    // relation paths one level deep, and a rule the server refuses
    const view = page.getByRole('combobox', { name: 'View rule' });
    await page.getByRole('checkbox', { name: 'Locked (superusers only)' }).nth(1).uncheck();
    await view.focus();
    await page.keyboard.type('owner.');
    await page
      .locator('#rule-viewRule-listbox')
      .getByRole('option', { name: /^owner\.email\s/ })
      .waitFor();
    await page.keyboard.type('nosuchfield = 1');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('#rule-viewRule-error').waitFor();
    assert.equal(await view.getAttribute('aria-invalid'), 'true');
    assert.equal((await d.api('/api/collections/notes')).json.listRule, null, 'nothing was saved');

    await view.fill('owner.email != ""');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Collection saved.').waitFor();
    const stored = (await d.api('/api/collections/notes')).json;
    assert.equal(stored.listRule.trim(), 'owner = @request.auth.id');
    assert.equal(stored.viewRule, 'owner.email != ""');
    await close();
  });

  it('completes the records filter and applies it with Enter', async () => {
    const { page, close } = await openPage(d.browser);
    await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
    await page.goto(`${d.t.url}/_/#/collections/notes`);
    await page.getByRole('cell', { name: 'beta' }).waitFor();
    const filter = page.getByRole('combobox', { name: 'Filter' });
    await filter.focus();
    await page.keyboard.type('tit');
    await page
      .locator('#records-filter-listbox')
      .getByRole('option', { name: /^title\s/ })
      .waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.type('= "alpha"');
    await page.keyboard.press('Enter');
    await page.getByRole('cell', { name: 'beta' }).waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'alpha' }).waitFor();
    assert.equal(await filter.inputValue(), 'title = "alpha"');
    await close();
  });
});
