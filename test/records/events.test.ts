import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Collection } from '../../src/core/collection.js';
import { createCollection as createCollectionService } from '../../src/core/collections/service.js';
import type { RecordModelEvent } from '../../src/core/events.js';
import { createRecord, findRecordById } from '../../src/core/records/service.js';
import { requestInfo, SYSTEM } from '../../src/core/request.js';
import { DIALECTS } from '../harness/index.js';
import { runScenario, type Scenario } from '../harness/scenario.js';
import { createCollection, makeEnv, type RecordsEnv, signUp } from './setup.js';

const SYS = requestInfo(SYSTEM);

for (const dialect of DIALECTS) {
  describe(`record events (${dialect})`, () => {
    let env: RecordsEnv;
    let postId = '';
    const P = '/api/collections/posts/records';
    const run = (s: Scenario) => runScenario(env.t, s, env.tokens);
    const collection = (name: string): Collection => {
      const c = env.t.app.collections.find(name);
      assert.ok(c, name);
      return c;
    };

    before(async () => {
      env = await makeEnv(dialect);
      await signUp(env, 'ann', 'ann@example.com');
      await createCollection(env, {
        name: 'posts',
        listRule: '',
        viewRule: '',
        createRule: '',
        updateRule: '',
        deleteRule: '',
        fields: [{ name: 'title', type: 'text' }],
      });
      const posts = collection('posts');
      await createCollection(env, {
        name: 'comments',
        listRule: '',
        viewRule: '',
        fields: [
          { name: 'text', type: 'text' },
          { name: 'post', type: 'relation', collectionId: posts.id, maxSelect: 1, cascadeDelete: true },
        ],
      });
      await createCollection(env, {
        name: 'tags',
        fields: [
          { name: 'label', type: 'text' },
          { name: 'posts', type: 'relation', collectionId: posts.id, maxSelect: 5 },
        ],
      });
    });
    after(() => env?.t.close());

    it('a create request fires its request, model and after-success events once each', async () => {
      const json = await run({
        name: 'create',
        method: 'POST',
        url: P,
        body: { title: 'first' },
        status: 200,
        events: { onRecordCreateRequest: 1, onRecordCreate: 1, onRecordAfterCreateSuccess: 1 },
      });
      postId = json.id;
      assert.deepEqual(env.t.events.fired, ['onRecordCreateRequest', 'onRecordCreate', 'onRecordAfterCreateSuccess']);
    });

    it('reads fire only their request events', async () => {
      await run({ name: 'list', method: 'GET', url: P, status: 200, events: { onRecordsListRequest: 1 } });
      await run({
        name: 'view',
        method: 'GET',
        url: `${P}/${postId}`,
        status: 200,
        events: { onRecordViewRequest: 1 },
      });
    });

    it('update and auth requests fire theirs', async () => {
      await run({
        name: 'update',
        method: 'PATCH',
        url: `${P}/${postId}`,
        body: { title: 'changed' },
        status: 200,
        events: { onRecordUpdateRequest: 1, onRecordUpdate: 1, onRecordAfterUpdateSuccess: 1 },
      });
      await run({
        name: 'password sign-in',
        method: 'POST',
        url: '/api/collections/users/auth-with-password',
        body: { identity: 'ann@example.com', password: 'password-123' },
        status: 200,
        events: { onRecordAuthWithPasswordRequest: 1, onRecordAuthRequest: 1 },
      });
      await run({
        name: 'refresh',
        as: 'ann',
        method: 'POST',
        url: '/api/collections/users/auth-refresh',
        status: 200,
        events: { onRecordAuthRefreshRequest: 1, onRecordAuthRequest: 1 },
      });
    });

    it('a failed write fires its model event but no after-success event', async () => {
      await run({
        name: 'invalid relation',
        method: 'POST',
        url: '/api/collections/comments/records',
        as: 'su',
        body: { text: 'x', post: 'missing-post-id' },
        status: 400,
        events: { onRecordCreateRequest: 1, onRecordCreate: 1 },
      });
    });

    it('a delete fires model events for every cascaded delete and every unlinked reference', async () => {
      const posts = collection('posts');
      const post = await createRecord(env.t.app, posts, { data: { title: 'doomed' }, files: [] }, SYS);
      const other = await createRecord(env.t.app, posts, { data: { title: 'kept' }, files: [] }, SYS);
      await createRecord(env.t.app, collection('comments'), { data: { text: 'c', post: post.id }, files: [] }, SYS);
      await createRecord(
        env.t.app,
        collection('tags'),
        { data: { label: 't', posts: [post.id, other.id] }, files: [] },
        SYS,
      );
      await run({
        name: 'delete with references',
        method: 'DELETE',
        url: `${P}/${post.id}`,
        status: 204,
        events: {
          onRecordDeleteRequest: 1,
          onRecordDelete: 2,
          onRecordAfterDeleteSuccess: 2,
          onRecordUpdate: 1,
          onRecordAfterUpdateSuccess: 1,
        },
      });
    });

    it('handlers bound to a collection tag see only its records, and may change them before the write', async () => {
      const app = env.t.app;
      const seen: string[] = [];
      const id = app.events.onRecordCreate.tagged('posts').bind(async (e) => {
        seen.push(e.collection.name);
        e.record.title = `${String(e.record.title)} (checked)`;
        await e.next();
      });
      try {
        const post = await run({ name: 'post', method: 'POST', url: P, body: { title: 'tagged' }, status: 200 });
        assert.equal(post.title, 'tagged (checked)');
        const stored = await findRecordById(app.store, collection('posts'), post.id);
        assert.equal(stored?.title, 'tagged (checked)');
        await run({
          name: 'comment',
          method: 'POST',
          url: '/api/collections/comments/records',
          as: 'su',
          body: { text: 'untagged' },
          status: 200,
        });
        assert.deepEqual(seen, ['posts']);
      } finally {
        app.events.onRecordCreate.unbind(id);
      }
    });

    it('a request handler can answer instead of the action, and nothing is written', async () => {
      const app = env.t.app;
      const id = app.events.onRecordCreateRequest.bind(
        (e) => {
          e.response = { skipped: true };
        },
        { tags: ['posts'] },
      );
      try {
        await run({
          name: 'replaced',
          method: 'POST',
          url: P,
          body: { title: 'never stored' },
          status: 200,
          expect: { skipped: true },
          events: { onRecordCreateRequest: 1 },
        });
        const list = await run({ name: 'list', method: 'GET', url: `${P}?filter=(title='never stored')`, status: 200 });
        assert.equal(list.totalItems, 0);
      } finally {
        app.events.onRecordCreateRequest.unbind(id);
      }
    });

    it('a model handler that throws after the write rolls it back, and no after-success event fires', async () => {
      const app = env.t.app;
      const id = app.events.onRecordCreate.bind(
        async (e) => {
          await e.next();
          throw new Error('veto after the insert');
        },
        { tags: ['posts'] },
      );
      try {
        await run({
          name: 'vetoed',
          method: 'POST',
          url: P,
          body: { title: 'vetoed' },
          status: 500,
          events: { onRecordCreateRequest: 1, onRecordCreate: 1 },
        });
        const list = await run({ name: 'list', method: 'GET', url: `${P}?filter=(title='vetoed')`, status: 200 });
        assert.equal(list.totalItems, 0);
      } finally {
        app.events.onRecordCreate.unbind(id);
      }
    });

    it('services compose in a caller transaction; after-success waits for its commit and skips rolled-back savepoints', async () => {
      const app = env.t.app;
      const done: string[] = [];
      const id = app.events.onRecordAfterCreateSuccess.bind(async (e: RecordModelEvent) => {
        done.push(String(e.record.title ?? e.collection.name));
        await e.next();
      });
      try {
        let notesId = '';
        await app.store.schemaTransaction(async (tx) => {
          const notes = await createCollectionService(
            app,
            { name: 'notes', type: 'base', fields: [{ name: 'title', type: 'text' }] },
            tx,
          );
          notesId = notes.id;
          await createRecord(app, notes, { data: { title: 'inside' }, files: [] }, SYS, tx);
          await assert.rejects(
            tx.transaction(async (sp) => {
              await createRecord(app, notes, { data: { title: 'rolled back' }, files: [] }, SYS, sp);
              throw new Error('undo this savepoint');
            }),
            /undo this savepoint/,
          );
          assert.deepEqual(done, [], 'nothing is announced before the commit');
        });
        assert.deepEqual(done, ['inside']);
        await waitFor(() => app.collections.find('notes') !== undefined);
        const notes = collection('notes');
        assert.equal(notes.id, notesId);
        const rows = await app.store.all(`SELECT title FROM ${app.store.dialect.quote('notes')}`);
        assert.deepEqual(
          rows.map((r) => r.title),
          ['inside'],
        );
      } finally {
        app.events.onRecordAfterCreateSuccess.unbind(id);
      }
    });

    it('a rolled-back caller transaction leaves neither records nor after-success events', async () => {
      const app = env.t.app;
      const done: string[] = [];
      const id = app.events.onRecordAfterCreateSuccess.bind(async (e) => {
        done.push(String(e.record.title));
        await e.next();
      });
      try {
        await assert.rejects(
          app.store.transaction(async (tx) => {
            await createRecord(app, collection('posts'), { data: { title: 'outer rollback' }, files: [] }, SYS, tx);
            throw new Error('abort');
          }),
          /abort/,
        );
        assert.deepEqual(done, []);
        const list = await run({
          name: 'list',
          method: 'GET',
          url: `${P}?filter=(title='outer rollback')`,
          status: 200,
        });
        assert.equal(list.totalItems, 0);
      } finally {
        app.events.onRecordAfterCreateSuccess.unbind(id);
      }
    });
  });
}

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(check(), 'condition not reached');
}
