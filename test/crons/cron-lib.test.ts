import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cronError, isValidCron, nextCronTime, scheduleCron } from '../../src/lib/cron.js';
import { eventually } from './helpers.js';

describe('cron expressions (lib/cron)', () => {
  it('accepts five fields, six with seconds, and the nicknames', () => {
    for (const e of [
      '0 0 * * *',
      '*/5 * * * *',
      '2 * * * *',
      '0 */6 * * *',
      '* * * * * *',
      '*/2 * * * * *',
      '@daily',
      '@hourly',
      '0 9 * * MON-FRI',
    ]) {
      assert.equal(cronError(e), null, e);
      assert.ok(isValidCron(e), e);
    }
  });

  it('rejects malformed expressions with a reason', () => {
    for (const e of [
      '',
      '   ',
      'bad',
      '* * * *',
      '* * * * * * *',
      '61 * * * *',
      '* 24 * * *',
      '* * * * * * * *',
      '*/0 * * * *',
      'a b c d e',
    ]) {
      const reason = cronError(e);
      assert.equal(typeof reason, 'string', e);
      assert.ok((reason ?? '').length > 0, e);
      assert.doesNotMatch(reason ?? '', /^CronPattern/, e);
      assert.equal(isValidCron(e), false, e);
    }
  });

  it('reads expressions in UTC', () => {
    const from = new Date('2026-03-10T13:20:00.000Z');
    assert.equal(nextCronTime('0 0 * * *', from)?.toISOString(), '2026-03-11T00:00:00.000Z');
    assert.equal(nextCronTime('2 * * * *', from)?.toISOString(), '2026-03-10T14:02:00.000Z');
    assert.equal(nextCronTime('0 */6 * * *', from)?.toISOString(), '2026-03-10T18:00:00.000Z');
    assert.equal(nextCronTime('30 * * * * *', from)?.toISOString(), '2026-03-10T13:20:30.000Z');
  });

  it('calls back with the scheduled second of each tick', async () => {
    const ticks: Date[] = [];
    const schedule = scheduleCron('* * * * * *', (tick) => ticks.push(tick));
    try {
      await eventually(() => ticks.length >= 2, 'two ticks');
    } finally {
      schedule.stop();
    }
    for (const t of ticks) assert.equal(t.getUTCMilliseconds(), 0);
    assert.ok((ticks[1]?.getTime() ?? 0) > (ticks[0]?.getTime() ?? 0));
  });
});
