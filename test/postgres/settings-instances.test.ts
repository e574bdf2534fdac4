import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, type ServerProcess } from '../harness/index.js';
import { call, eventually, startTwoInstances, type TwoInstances } from './two-instances.js';

describe('settings on several instances of one PostgreSQL database', { skip: !DIALECTS.includes('postgres') }, () => {
  let pair: TwoInstances;
  let a: ServerProcess;
  let b: ServerProcess;
  let token = '';

  before(async () => {
    pair = await startTwoInstances();
    ({ a, b, token } = pair);
  });
  after(async () => {
    await pair?.stop();
  });

  const appName = async (url: string) => (await call(url, 'GET', '/api/settings', undefined, token)).json.meta.appName;

  it('a change saved through one instance is in force on the other', async () => {
    const saved = await call(a.url, 'PATCH', '/api/settings', { meta: { appName: 'Changed on A' } }, token);
    assert.equal(saved.status, 200, JSON.stringify(saved.json));
    const ms = await eventually(async () => (await appName(b.url)) === 'Changed on A', 5000);
    process.stdout.write(`# settings in force on the second instance after ${ms} ms\n`);

    const back = await call(b.url, 'PATCH', '/api/settings', { batch: { enabled: true } }, token);
    assert.equal(back.status, 200);
    assert.equal(back.json.meta.appName, 'Changed on A', 'B merged onto what A saved');
    await eventually(async () => {
      const r = await call(a.url, 'GET', '/api/settings', undefined, token);
      return r.json.batch.enabled === true;
    }, 5000);
  });

  it('changes to different keys made at once on both instances are all kept', async () => {
    const rounds = 5;
    // each instance writes its own key in sequence; the two sequences run at the same time
    const series = async (url: string, body: (i: number) => unknown) => {
      const statuses: number[] = [];
      for (let i = 0; i < rounds; i++)
        statuses.push((await call(url, 'PATCH', '/api/settings', body(i), token)).status);
      return statuses;
    };
    const [onA, onB] = await Promise.all([
      series(a.url, (i) => ({ logs: { maxDays: 10 + i } })),
      series(b.url, (i) => ({ meta: { senderName: `Sender ${i}` } })),
    ]);
    assert.deepEqual([...onA, ...onB], Array(rounds * 2).fill(200));
    await eventually(async () => {
      const [onA, onB] = await Promise.all([
        call(a.url, 'GET', '/api/settings', undefined, token),
        call(b.url, 'GET', '/api/settings', undefined, token),
      ]);
      return (
        JSON.stringify(onA.json) === JSON.stringify(onB.json) &&
        onA.json.logs.maxDays === 10 + rounds - 1 &&
        onA.json.meta.senderName === `Sender ${rounds - 1}` &&
        onA.json.meta.appName === 'Changed on A'
      );
    }, 5000);
  });

  it('a refused change on one instance changes nothing anywhere', async () => {
    const before = await call(a.url, 'GET', '/api/settings', undefined, token);
    const refused = await call(b.url, 'PATCH', '/api/settings', { backups: { cron: 'every day' } }, token);
    assert.equal(refused.status, 400);
    assert.equal(refused.json.data.backups.cron.code, 'validation_invalid_cron');
    for (const url of [a.url, b.url]) {
      assert.deepEqual((await call(url, 'GET', '/api/settings', undefined, token)).json, before.json);
    }
  });
});
