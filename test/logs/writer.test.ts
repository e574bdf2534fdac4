import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { LogWriter } from '../../src/core/logs/writer.js';
import { decodeLogBatch, LogBatch } from '../../src/store/log-batch.js';
import { entriesToRows, type LogRow, type LogStore } from '../../src/store/log-store.js';

/** A store that keeps each batch it is given; `gate` holds writes until released. */
function memoryStore(opts: { fail?: boolean } = {}) {
  const batches: LogRow[][] = [];
  let release: (() => void) | null = null;
  let gate: Promise<void> | null = null;
  const store: LogStore = {
    async insert(batch) {
      if (gate) await gate;
      if (opts.fail) throw new Error('down');
      batches.push(entriesToRows(decodeLogBatch(batch)));
    },
    all: async () => [],
    get: async () => undefined,
    run: async () => ({ changes: 0 }),
    close: async () => {},
  };
  return {
    store,
    batches,
    hold() {
      gate = new Promise((r) => {
        release = r;
      });
    },
    release() {
      gate = null;
      release?.();
    },
  };
}

const silent = pino({ level: 'silent' });

describe('log writer', () => {
  it('writes nothing on the caller path and everything on flush, in one batch', async () => {
    const m = memoryStore();
    const w = new LogWriter(m.store, silent, { intervalMs: 60_000 });
    for (let i = 0; i < 3; i++) w.add(0, `m${i}`, JSON.stringify({ i }));
    assert.equal(m.batches.length, 0);
    assert.equal(w.queued, 3);
    await w.flush();
    assert.equal(m.batches.length, 1);
    const rows = m.batches[0] ?? [];
    assert.deepEqual(
      rows.map((r) => [r.message, r.data, r.level]),
      [
        ['m0', '{"i":0}', 0],
        ['m1', '{"i":1}', 0],
        ['m2', '{"i":2}', 0],
      ],
    );
    assert.match(rows[0]?.id ?? '', /^[a-z0-9]{15}$/);
    assert.match(rows[0]?.created ?? '', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    await w.close();
  });

  it('starts a write once a batch is full, and writes on the timer otherwise', async () => {
    const m = memoryStore();
    const w = new LogWriter(m.store, silent, { intervalMs: 5, batchSize: 2 });
    w.add(0, 'a', '{}');
    w.add(0, 'b', '{}');
    await new Promise((r) => setImmediate(r));
    assert.equal(m.batches.length, 1, 'a full batch is written without waiting for the timer');
    w.add(0, 'c', '{}');
    while (m.batches.length < 2) await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(
      m.batches.map((b) => b.map((r) => r.message)),
      [['a', 'b'], ['c']],
    );
    await w.close();
  });

  it('bounds the queue: drops and counts what does not fit while the store is slow', async () => {
    const m = memoryStore();
    const w = new LogWriter(m.store, silent, { intervalMs: 60_000, batchSize: 2, maxQueue: 3 });
    m.hold();
    w.add(0, 'a', '{}');
    w.add(0, 'b', '{}'); // starts a write that waits at the gate
    for (const msg of ['c', 'd', 'e', 'f', 'g']) w.add(0, msg, '{}');
    assert.equal(w.queued, 3);
    assert.equal(w.dropped, 2);
    m.release();
    await w.flush();
    assert.deepEqual(
      m.batches.flat().map((r) => r.message),
      ['a', 'b', 'c', 'd', 'e'],
    );
    await w.close();
  });

  it('keeps serving when the store fails, and takes nothing once closed', async () => {
    const m = memoryStore({ fail: true });
    const w = new LogWriter(m.store, silent, { intervalMs: 60_000 });
    w.add(8, 'x', '{}');
    await w.flush();
    assert.equal(w.queued, 0);
    await w.close();
    w.add(0, 'late', '{}');
    assert.equal(w.queued, 0);
  });

  it('formats request entries when the batch is decoded, after crossing to another thread unchanged', () => {
    const request = {
      level: 0,
      status: 200,
      elapsed: 1.23456,
      method: 'GET',
      url: '/api/x?q="é\u2028"',
      referer: '',
      userAgent: 'ua 🪨',
      auth: 'users',
      authId: 'u1',
      userIP: '10.0.0.1',
      remoteIP: '127.0.0.1',
      error: null,
      details: '',
    };
    const batch = new LogBatch();
    batch.add(1_700_000_000_123, 8, 'app', '{"a":1}');
    batch.addRequest(2, request);
    batch.addRequest(3, {
      ...request,
      level: 8,
      status: 400,
      authId: null,
      userIP: null,
      error: 'Bad',
      details: '{"f":{"code":"x"}}',
    });
    assert.equal(batch.count, 3);
    // what a worker thread receives: a structured clone
    const entries = decodeLogBatch(structuredClone(batch.seal()));
    assert.deepEqual(entries[0], { at: 1_700_000_000_123, level: 8, message: 'app', data: '{"a":1}' });
    assert.equal(entries[1]?.message, 'GET /api/x?q="é\u2028"');
    // the keys every request entry has (a key's order in the text does not matter to JSON readers)
    const shared = {
      type: 'request',
      execTime: 1.235,
      url: '/api/x?q="é\u2028"',
      method: 'GET',
      referer: '',
      userAgent: 'ua 🪨',
      auth: 'users',
    };
    assert.deepEqual(JSON.parse(entries[1]?.data ?? ''), {
      ...shared,
      status: 200,
      authId: 'u1',
      userIP: '10.0.0.1',
      remoteIP: '127.0.0.1',
    });
    assert.deepEqual(JSON.parse(entries[2]?.data ?? ''), {
      ...shared,
      status: 400,
      error: 'Bad',
      details: { f: { code: 'x' } },
    });
    assert.equal(entries[2]?.level, 8);
    const cut = { ...batch.seal(), texts: batch.seal().texts.slice(0, 5) };
    assert.throws(() => decodeLogBatch(cut), /malformed log batch/);
  });
});
