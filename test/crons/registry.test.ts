import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CronJobs, type JobRun } from '../../src/core/jobs/registry.js';
import { capturingLogger, eventually, LEVEL } from './helpers.js';

const EVERY_SECOND = '* * * * * *';

/** A scheduler over a store that lets every tick run, unless `claim` says otherwise. */
function scheduler(claim: (job: string, tick: string) => Promise<boolean> = async () => true) {
  const { log, lines } = capturingLogger();
  const claims: Array<[string, string]> = [];
  const jobs = new CronJobs({
    log,
    store: {
      claimJobRun: (job, tick) => {
        claims.push([job, tick]);
        return claim(job, tick);
      },
    },
  });
  return { jobs, lines, claims };
}

describe('cron job registry', () => {
  it('lists user jobs first in id order, then the system ones', () => {
    const { jobs } = scheduler();
    const noop = () => undefined;
    jobs.add('__pbOTPCleanup__', '0 * * * *', noop);
    jobs.add('zeta', '*/5 * * * *', noop);
    jobs.add('__pbDBOptimize__', '0 0 * * *', noop);
    jobs.add('Alpha', '@daily', noop);
    jobs.add('alpha', '  0 1 * * *  ', noop);
    jobs.add('__pbMFACleanup__', '0 * * * *', noop);
    assert.deepEqual(jobs.list(), [
      { id: 'Alpha', expression: '@daily' },
      { id: 'alpha', expression: '0 1 * * *' },
      { id: 'zeta', expression: '*/5 * * * *' },
      { id: '__pbDBOptimize__', expression: '0 0 * * *' },
      { id: '__pbMFACleanup__', expression: '0 * * * *' },
      { id: '__pbOTPCleanup__', expression: '0 * * * *' },
    ]);
  });

  it('replaces a job added again under the same id, and removes jobs', () => {
    const { jobs } = scheduler();
    jobs.add('a', '0 * * * *', () => undefined);
    jobs.add('a', '5 * * * *', () => undefined);
    assert.deepEqual(jobs.list(), [{ id: 'a', expression: '5 * * * *' }]);
    assert.equal(jobs.remove('a'), true);
    assert.equal(jobs.remove('a'), false);
    assert.equal(jobs.has('a'), false);
    assert.deepEqual(jobs.list(), []);
  });

  it('refuses an invalid expression or id and keeps the job it had', () => {
    const { jobs } = scheduler();
    jobs.add('a', '0 * * * *', () => undefined);
    assert.throws(() => jobs.add('a', '61 * * * *', () => undefined), /invalid cron expression/);
    assert.throws(() => jobs.add('b', 'nonsense', () => undefined), /invalid cron expression/);
    assert.throws(() => jobs.add('', '0 * * * *', () => undefined), /invalid cron job id/);
    assert.deepEqual(jobs.list(), [{ id: 'a', expression: '0 * * * *' }]);
  });

  it('runs a job by hand, in the background, without a tick', async () => {
    const { jobs, claims } = scheduler();
    const runs: JobRun[] = [];
    jobs.add('manual', '0 0 1 1 *', (run) => {
      runs.push(run);
    });
    assert.equal(jobs.run('missing'), false);
    assert.equal(jobs.run('manual'), true);
    await jobs.idle();
    assert.deepEqual(runs, [{ id: 'manual', tick: null }]);
    assert.deepEqual(claims, [], 'a run by hand is not a scheduled tick');
    await jobs.stop();
  });

  it('logs a job that throws or rejects and keeps ticking, the other jobs too', async () => {
    const { jobs, lines } = scheduler();
    let thrown = 0;
    let rejected = 0;
    let counted = 0;
    jobs.add('throws', EVERY_SECOND, () => {
      thrown++;
      throw new Error('sync boom');
    });
    jobs.add('rejects', EVERY_SECOND, async () => {
      rejected++;
      throw new Error('async boom');
    });
    jobs.add('counts', EVERY_SECOND, () => {
      counted++;
    });
    jobs.start();
    try {
      await eventually(() => thrown >= 2 && rejected >= 2 && counted >= 2, 'two ticks of every job');
    } finally {
      await jobs.stop();
    }
    const failures = lines.filter((l) => l.level === LEVEL.error);
    assert.ok(failures.some((l) => l.job === 'throws' && l.err?.message === 'sync boom'));
    assert.ok(failures.some((l) => l.job === 'rejects' && l.err?.message === 'async boom'));
    assert.ok(failures.every((l) => l.job !== 'counts'));
    assert.equal(failures.filter((l) => l.job === 'throws').length, thrown);
  });

  it('does not start a job again while it still runs on this instance', async () => {
    const { jobs, lines } = scheduler();
    let started = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    jobs.add('slow', EVERY_SECOND, async () => {
      started++;
      await gate;
    });
    jobs.start();
    try {
      await eventually(() => started === 1, 'first run');
      await eventually(
        () => lines.some((l) => l.level === LEVEL.warn && l.job === 'slow'),
        'a tick skipped while the job runs',
      );
      jobs.run('slow');
      assert.equal(started, 1, 'neither the next tick nor a run by hand started it twice');
      release();
      await eventually(() => started >= 2, 'a later tick runs it again');
    } finally {
      release();
      await jobs.stop();
    }
  });

  it('runs a tick only when the store grants its claim, keyed by the scheduled second', async () => {
    let granted = 0;
    const { jobs, claims } = scheduler(async () => {
      granted++;
      return granted % 2 === 0;
    });
    const ticks: Array<Date | null> = [];
    jobs.add('claimed', EVERY_SECOND, (run) => {
      ticks.push(run.tick);
    });
    jobs.start();
    try {
      await eventually(() => claims.length >= 4, 'four claims');
    } finally {
      await jobs.stop();
    }
    assert.equal(ticks.length, Math.floor(claims.length / 2));
    for (const [job, tick] of claims) {
      assert.equal(job, 'claimed');
      assert.match(tick, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    }
    const granted2 = claims.filter((_, i) => i % 2 === 1).map(([, tick]) => tick);
    assert.deepEqual(
      ticks.map((t) => t?.toISOString()),
      granted2,
    );
  });

  it('reports a failed claim as a job failure', async () => {
    const { jobs, lines } = scheduler(async () => {
      throw new Error('database gone');
    });
    let ran = 0;
    jobs.add('unclaimable', EVERY_SECOND, () => {
      ran++;
    });
    jobs.start();
    try {
      await eventually(() => lines.some((l) => l.job === 'unclaimable' && l.level === LEVEL.error), 'the failure');
    } finally {
      await jobs.stop();
    }
    assert.equal(ran, 0);
  });

  it('stops its timers and waits for the runs in progress', async () => {
    const { jobs } = scheduler();
    let finished = false;
    let ticks = 0;
    jobs.add('finishing', '0 0 1 1 *', async () => {
      await new Promise((r) => setTimeout(r, 50));
      finished = true;
    });
    jobs.add('ticking', EVERY_SECOND, () => {
      ticks++;
    });
    jobs.start();
    await eventually(() => ticks >= 1, 'a tick');
    jobs.run('finishing');
    await jobs.stop();
    assert.equal(finished, true);
    const after = ticks;
    assert.equal(jobs.run('finishing'), true, 'a stopped scheduler still knows its jobs');
    await jobs.idle();
    assert.equal(ticks, after);
  });
});
