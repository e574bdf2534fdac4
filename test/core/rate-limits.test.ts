import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryCounter } from '../../src/core/rate-limits/memory-counter.js';
import { RuleTable } from '../../src/core/rate-limits/rule-table.js';
import { chunkOf } from '../../src/core/rate-limits/shared-counter.js';
import type { RateLimitRule } from '../../src/core/settings/settings.js';

const rule = (label: string, audience = '', maxRequests = 1, duration = 10): RateLimitRule => ({
  label,
  audience,
  duration,
  maxRequests,
});

describe('rate-limit rule selection', () => {
  const table = new RuleTable([
    rule('/api/'),
    rule('/api/batch'),
    rule('GET /api/files/'),
    rule('posts:create', '@guest'),
    rule('posts:create', '@auth'),
    rule('*:auth'),
    rule('mytag'),
  ]);
  /** The label of the rule picked for `tags` (collection labels), then `METHOD path`, then `path`. */
  const find = (method: string, path: string, tags: string[] = [], audience: '@guest' | '@auth' = '@guest') =>
    table.find(tags, method, path, audience)?.label;

  it('tries candidates in order, exact before prefix, and skips rules for the other audience', () => {
    assert.equal(find('POST', '/api/batch'), '/api/batch');
    assert.equal(find('GET', '/api/files/x/y'), 'GET /api/files/');
    assert.equal(find('POST', '/api/files/x'), '/api/');
    assert.equal(find('GET', '/api/files'), 'GET /api/files/', 'the path without the slash');
    assert.equal(find('POST', '/x', ['posts:create', '*:create']), 'posts:create');
    assert.equal(table.find(['posts:create'], 'POST', '/x', '@auth')?.audience, '@auth');
    assert.equal(
      find('POST', '/api/x', ['users:authWithPassword', 'users:auth', '*:authWithPassword', '*:auth']),
      '*:auth',
    );
    assert.equal(find('GET', '/x', ['mytag']), 'mytag');
    assert.equal(find('GET', '/apix'), undefined, 'a prefix is not a substring match');
    assert.equal(find('GET', '/other'), undefined);
  });

  it('tries prefixes in settings order, not longest first', () => {
    const t = new RuleTable([rule('/a/', '', 1), rule('/a/b/', '', 2)]);
    assert.equal(t.find([], 'GET', '/a/b/c', '@guest')?.maxRequests, 1);
    const audienced = new RuleTable([rule('/a/', '@auth', 1), rule('/a/b/', '', 2)]);
    assert.equal(audienced.find([], 'GET', '/a/b/c', '@guest')?.maxRequests, 2);
  });
});

describe('in-memory fixed windows', () => {
  it('admits maxRequests per window, starting at the first request', () => {
    const c = new MemoryCounter();
    const r = rule('/x', '', 2, 10);
    assert.equal(c.hit('b', 'k', r, 1000).allowed, true);
    assert.equal(c.hit('b', 'k', r, 5000).allowed, true);
    const refused = c.hit('b', 'k', r, 6500);
    assert.deepEqual(refused, { allowed: false, retryAfter: 5 });
    assert.equal(c.hit('b', 'other', r, 6500).allowed, true, 'keys count apart');
    assert.equal(c.hit('b', 'k', r, 11_000).allowed, true, 'a new window once duration has passed');
  });

  it('prunes ended windows, on demand and on its own as windows pile up', async () => {
    const c = new MemoryCounter();
    const r = rule('/x', '', 1, 1);
    for (let i = 0; i < 100; i++) c.hit('b', `ip${i}`, r, 0);
    assert.equal(c.size, 100);
    await c.prune(999);
    assert.equal(c.size, 100);
    await c.prune(1000);
    assert.equal(c.size, 0);
    for (let i = 0; i < 30_000; i++) c.hit('b', `ip${i}`, r, i < 10_000 ? 0 : 5000);
    assert.ok(c.size <= 20_001, `ended windows were dropped (${c.size} left)`);
    c.reset();
    assert.equal(c.size, 0);
  });
});

describe('shared counting', () => {
  it('claims a twentieth of the limit at a time, at least one', () => {
    assert.equal(chunkOf(1), 1);
    assert.equal(chunkOf(20), 1);
    assert.equal(chunkOf(39), 1);
    assert.equal(chunkOf(300), 15);
  });
});
