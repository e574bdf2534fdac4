import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { timeOrderedIds } from '../../src/lib/random.js';

describe('timeOrderedIds', () => {
  it('gives 15 lowercase alphanumeric characters that sort by their time', () => {
    const start = Date.UTC(2026, 0, 1);
    const times = Array.from({ length: 2000 }, (_, i) => start + Math.floor(i / 10));
    const ids = timeOrderedIds(times);
    for (const id of ids) assert.match(id, /^[a-z0-9]{15}$/);
    for (let i = 1; i < ids.length; i++) {
      if ((times[i] as number) > (times[i - 1] as number)) assert.ok((ids[i] as string) > (ids[i - 1] as string));
    }
    assert.equal(new Set(ids).size, ids.length, 'ids made in the same millisecond differ');
    assert.equal(timeOrderedIds([0])[0]?.slice(0, 9), '000000000');
  });
});
