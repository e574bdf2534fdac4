import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accept, type CompletionContext, complete } from '../../ui/src/lib/completion.js';

const users = {
  id: 'u1',
  name: 'users',
  type: 'auth',
  fields: [
    { name: 'id', type: 'text' },
    { name: 'email', type: 'email' },
    { name: 'password', type: 'password' },
    { name: 'team', type: 'text' },
  ],
};
const posts = {
  id: 'p1',
  name: 'posts',
  type: 'base',
  fields: [
    { name: 'id', type: 'text' },
    { name: 'title', type: 'text' },
    { name: 'author', type: 'relation', collectionId: 'u1' },
  ],
};
const ctx: CompletionContext = { collection: posts, collections: [users, posts], requestPaths: true };
const values = (text: string, caret = text.length, c = ctx) => complete(text, caret, c).items.map((i) => i.value);

describe('rule completion', () => {
  it('offers the collection fields and relation paths one level deep', () => {
    assert.deepEqual(values('ti'), ['title']);
    assert.deepEqual(values('au'), ['author', 'author.']);
    assert.deepEqual(values('author.'), ['author.id', 'author.email', 'author.team'], 'no password field');
    assert.deepEqual(values('author.email.'), []);
  });

  it('offers @request paths, auth fields of every auth collection, body fields, @collection and macros', () => {
    assert.ok(values('@').includes('@now'));
    assert.ok(values('@').includes('@collection.'));
    assert.deepEqual(values('@request.'), [
      '@request.auth.',
      '@request.body.',
      '@request.query.',
      '@request.headers.',
      '@request.context',
      '@request.method',
    ]);
    assert.ok(values('@request.auth.').includes('@request.auth.team'));
    assert.ok(values('@request.auth.').includes('@request.auth.collectionName'));
    assert.deepEqual(values('@request.body.t'), ['@request.body.title']);
    assert.deepEqual(values('@collection.u'), ['@collection.users.']);
    assert.deepEqual(values('@collection.users.e'), ['@collection.users.email']);
    assert.deepEqual(values('@to'), ['@tomorrow', '@todayStart', '@todayEnd']);
    assert.ok(!values('@', 1, { ...ctx, requestPaths: false }).includes('@request.auth.'));
  });

  it('offers operators after an operand, modifiers after a colon, context values, nothing in strings', () => {
    assert.ok(values('title ').includes('='));
    assert.ok(values('title ').includes('?='));
    assert.deepEqual(values('title !'), ['!=', '!~']);
    assert.deepEqual(values('title:l'), ['title:length', 'title:lower']);
    assert.ok(values('@request.context = ').includes("'oauth2'"));
    assert.deepEqual(values('title = "ti'), []);
    assert.ok(values('title = "x" && ').includes('title'));
  });

  it('replaces the token being typed, with a space after a finished one', () => {
    const text = 'ti = 1';
    const c = complete(text, 2, ctx);
    assert.deepEqual(accept(text, c, 'title'), { text: 'title = 1', caret: 5 });
    const open = complete('au', 2, ctx);
    assert.deepEqual(accept('au', open, 'author.'), { text: 'author.', caret: 7 });
    assert.deepEqual(accept('au', open, 'author'), { text: 'author ', caret: 7 });
  });
});
