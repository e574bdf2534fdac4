import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { TEST_SUPERUSER } from '../harness/index.js';
import { inspect, NO_BROWSER, openPage, signIn, useDashboard } from './dashboard.js';

describe('dashboard: API preview of a collection (sqlite)', { skip: NO_BROWSER }, () => {
  const d = useDashboard();

  before(async () => {
    const res = await d.api('/api/collections', {
      method: 'POST',
      body: JSON.stringify({
        name: 'tasks',
        listRule: '',
        viewRule: '',
        createRule: '',
        updateRule: null,
        deleteRule: null,
        fields: [
          { name: 'title', type: 'text', required: true },
          { name: 'status', type: 'select', values: ['open', 'done'], maxSelect: 1 },
          { name: 'estimate', type: 'number' },
          { name: 'meta', type: 'json' },
        ],
      }),
    });
    assert.equal(res.status, 200);
  });

  it('lists the endpoints with snippets built from the schema, and the create snippet works as it is', async () => {
    const { page, cspViolations, close } = await openPage(d.browser);
    await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
    await page.goto(`${d.t.url}/_/#/collections/tasks`);
    await page.getByRole('link', { name: 'API preview' }).click();
    await page.getByRole('heading', { name: 'API of tasks' }).waitFor();
    for (const title of ['List and search', 'View one', 'Create', 'Update', 'Delete', 'Realtime']) {
      await page.getByRole('heading', { name: new RegExp(title) }).waitFor();
    }
    // who may call each endpoint, from the rules
    const update = page.getByRole('region', { name: /Update/ });
    await update.getByText('superusers only').waitFor();
    const create = page.getByRole('region', { name: /Create/ });
    await create.getByText('anyone').waitFor();
    // the path and who may call it read as two words apart
    const line = (await create.getByText('anyone').locator('xpath=..').textContent()) ?? '';
    assert.match(line, /\/api\/collections\/tasks\/records · anyone$/);
    const curl = (await create.getByLabel('curl for Create').textContent()) ?? '';
    assert.match(curl, new RegExp(`curl -X POST '${d.t.url}/api/collections/tasks/records'`));
    const sdk = (await create.getByLabel('SDK for Create').textContent()) ?? '';
    assert.match(sdk, /pb\.collection\("tasks"\)\.create\(/);
    assert.match(sdk, /"status": "open"/);
    await inspect(page, 'api-preview');
    assert.deepEqual(cspViolations, []);

    // the body of the curl snippet is accepted by the server as it stands
    const body = /-d '(.*)'$/.exec(curl)?.[1] ?? '';
    const res = await fetch(`${d.t.url}/api/collections/tasks/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    assert.equal(res.status, 200, await res.clone().text());
    const created = (await res.json()) as { title: string; status: string; estimate: number };
    assert.equal(created.status, 'open');
    assert.equal(created.estimate, 1);
    await close();
  });

  it('shows the sign-in endpoints of an auth collection', async () => {
    const { page, close } = await openPage(d.browser, { phone: true });
    await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
    await page.goto(`${d.t.url}/_/#/collections/users/api`);
    const signInSection = page.getByRole('region', { name: /Sign in with password/ });
    await signInSection.waitFor();
    const sdk = (await signInSection.getByLabel('SDK for Sign in with password').textContent()) ?? '';
    assert.match(sdk, /authWithPassword\(/);
    await close();
  });
});
