import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, runCli } from '../harness/index.js';
import { call, eventually, startTwoInstances, type TwoInstances } from './two-instances.js';

describe('the audit chain on several instances of one PostgreSQL database', {
  skip: !DIALECTS.includes('postgres'),
}, () => {
  let pair: TwoInstances;

  before(async () => {
    pair = await startTwoInstances();
  });
  after(async () => {
    await pair?.stop();
  });

  it('stays one line when both instances append at once', async () => {
    const { a, b, token } = pair;
    const rounds = 12;
    const items = await call(a.url, 'POST', '/api/collections', { name: 'items', type: 'base' }, token);
    assert.equal(items.status, 200);
    await eventually(
      async () => (await call(b.url, 'GET', '/api/collections/items', undefined, token)).status === 200,
      5000,
    );
    // superuser writes on both instances at the same time: each one appends an audit entry
    const writes = await Promise.all(
      Array.from({ length: rounds }, (_, i) =>
        call(i % 2 === 0 ? a.url : b.url, 'POST', '/api/collections/items/records', {}, token),
      ),
    );
    for (const w of writes) assert.equal(w.status, 200, JSON.stringify(w.json));
    const page = await call(a.url, 'GET', '/api/audit?filter=action%3D%22records.create%22', undefined, token);
    assert.equal(page.json.totalItems, rounds);
    const seqs = (page.json.items as Array<{ seq: number }>).map((e) => e.seq);
    assert.equal(new Set(seqs).size, rounds);

    const verify = runCli(['audit', 'verify', `--dir=${a.dir}`, `--db=${dbUrl(a.child.spawnargs)}`]);
    assert.equal(verify.status, 0, verify.stderr);
    assert.match(verify.stdout, /intact/);
  });

  it('an approval decided on both instances at once runs once', async () => {
    const { a, b, token } = pair;
    const second = { email: 'second@example.com', password: 'second-password-1' };
    const made = await call(
      a.url,
      'POST',
      '/api/collections/_superusers/records',
      {
        ...second,
        passwordConfirm: second.password,
      },
      token,
    );
    assert.equal(made.status, 200, JSON.stringify(made.json));
    const auth = await call(b.url, 'POST', '/api/collections/_superusers/auth-with-password', {
      identity: second.email,
      password: second.password,
    });
    const other = auth.json.token as string;
    assert.equal(
      (await call(a.url, 'PATCH', '/api/settings', { twoPersonRule: { enabled: true } }, token)).status,
      200,
    );
    const created = await call(a.url, 'POST', '/api/collections', { name: 'doomed', type: 'base' }, token);
    assert.equal(created.status, 200);
    await eventually(
      async () => (await call(b.url, 'GET', '/api/collections/doomed', undefined, token)).status === 200,
      5000,
    );
    await eventually(async () => {
      const r = await call(b.url, 'GET', '/api/settings', undefined, token);
      return r.json.twoPersonRule.enabled === true;
    }, 5000);
    const held = await call(b.url, 'DELETE', '/api/collections/doomed', undefined, token);
    assert.equal(held.status, 202, JSON.stringify(held.json));
    const path = `/api/approvals/${held.json.id}/approve`;
    const answers = await Promise.all([a.url, b.url].map((url) => call(url, 'POST', path, undefined, other)));
    assert.deepEqual(answers.map((r) => r.status).sort(), [200, 400]);
    const page = await call(a.url, 'GET', '/api/audit?filter=action%3D%22collections.delete%22', undefined, token);
    const ran = (page.json.items as Array<{ outcome: string }>).filter((e) => e.outcome === 'success');
    assert.equal(ran.length, 1);
  });
});

/** The --db flag a server process was started with. */
function dbUrl(spawnargs: readonly string[]): string {
  const flag = spawnargs.find((arg) => arg.startsWith('--db='));
  if (!flag) throw new Error('no --db flag');
  return flag.slice('--db='.length);
}
