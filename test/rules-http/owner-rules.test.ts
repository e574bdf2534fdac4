import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, ROOT } from '../harness/index.js';
import { createCollection, makeEnv, type RecordsEnv, signUp } from '../records/setup.js';

const NAIVE = 'author = @request.auth.id';
const SAFE = '@request.auth.id != "" && author = @request.auth.id';

for (const dialect of DIALECTS) {
  describe(`owner rules and orphaned records (${dialect})`, () => {
    let env: RecordsEnv;
    let orphanId = '';

    before(async () => {
      env = await makeEnv(dialect);
      const ann = await signUp(env, 'ann', 'ann@example.com');
      for (const [name, rule] of [
        ['naive_posts', NAIVE],
        ['safe_posts', SAFE],
      ] as const) {
        await createCollection(env, {
          name,
          listRule: rule,
          viewRule: rule,
          fields: [
            { name: 'title', type: 'text' },
            { name: 'author', type: 'relation', collectionId: '_pb_users_auth_', maxSelect: 1 },
          ],
        });
        const res = await env.api('POST', `/api/collections/${name}/records`, { title: 'x', author: ann.id }, 'su');
        assert.equal(res.status, 200);
        orphanId = res.json.id;
      }
      // deleting the owner unlinks the optional relation: the posts are left without an author
      const del = await env.api('DELETE', `/api/collections/users/records/${ann.id}`, undefined, 'su');
      assert.equal(del.status, 204);
    });
    after(() => env?.t.close());

    it('a guest matches an empty owner under the naive rule (the contract), never under the safe one', async () => {
      const naive = await env.api('GET', '/api/collections/naive_posts/records');
      assert.equal(naive.json.totalItems, 1, 'an empty auth id equals an empty relation');
      const safe = await env.api('GET', '/api/collections/safe_posts/records');
      assert.equal(safe.status, 200);
      assert.equal(safe.json.totalItems, 0);
      const view = await env.api('GET', `/api/collections/safe_posts/records/${orphanId}`);
      assert.equal(view.status, 404);
    });
  });
}

/** Every rule the documentation shows (JSON rule keys and backticked rules in tables). */
function documentedRules(): Array<{ file: string; rule: string }> {
  const files = ['README.md', ...readdirSync(join(ROOT, 'docs')).map((f) => join('docs', f))].filter((f) =>
    f.endsWith('.md'),
  );
  const out: Array<{ file: string; rule: string }> = [];
  for (const file of files) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const m of text.matchAll(/"(?:list|view|create|update|delete|manage|auth)Rule":\s*"((?:[^"\\]|\\.)*)"/g)) {
      out.push({ file, rule: JSON.parse(`"${m[1]}"`) });
    }
    for (const line of text.split('\n')) {
      if (!line.startsWith('|')) continue;
      for (const m of line.matchAll(/`([^`]*@request\.auth[^`]*)`/g)) out.push({ file, rule: m[1] ?? '' });
    }
  }
  return out;
}

describe('documented rules', () => {
  it('check that someone is signed in before comparing a field that may be empty with @request.auth.id', () => {
    const rules = documentedRules();
    assert.ok(rules.length > 10, 'the documentation shows rules');
    for (const { file, rule } of rules) {
      for (const m of rule.replaceAll('\\|', '|').matchAll(/([\w.@:]+)\s*\??=\s*@request\.auth\.id\b/g)) {
        if (m[1] === 'id') continue;
        assert.match(rule, /@request\.auth\.id\s*!=\s*(""|'')/, `${file}: ${rule}`);
      }
    }
  });
});
