import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ApiError } from '../../src/core/errors.js';
import { parseFields, pickFields } from '../../src/http/fields.js';

const record = {
  collectionId: 'pbc_1',
  collectionName: 'posts',
  id: 'p1',
  title: 'Hello',
  body: '<p>Rich <b>text</b></p>',
  views: 3,
  meta: { lang: 'en', tags: ['a'] },
  expand: {
    author: { id: 'u1', name: 'Ana', email: 'ana@example.com' },
    comments_via_post: [
      { id: 'c1', text: 'Nice', likes: 1 },
      { id: 'c2', text: 'Meh', likes: 0 },
    ],
  },
};

const envelope = (items: unknown[]) => ({ items, page: 1, perPage: 30, totalItems: items.length, totalPages: 1 });

function assertBadRequest(fn: () => unknown): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ApiError);
    assert.equal(e.kind, 'invalid');
    assert.equal(e.message, 'Something went wrong while processing your request.');
    assert.deepEqual(e.data, {});
    return true;
  });
}

describe('pickFields: keys', () => {
  it('returns the value itself when the param is missing or names nothing', () => {
    for (const param of [undefined, '', ' ', ',', ' , ,']) assert.equal(pickFields(record, param), record);
  });

  it('keeps only the listed top-level keys and ignores unknown ones', () => {
    assert.deepEqual(pickFields(record, 'id,title,nope'), { id: 'p1', title: 'Hello' });
    assert.deepEqual(pickFields(record, ' id , views '), { id: 'p1', views: 3 });
    assert.deepEqual(pickFields(record, 'nope'), {});
  });

  it('picks nested keys with dots, inside objects and arrays of objects', () => {
    assert.deepEqual(pickFields(record, 'id,expand.author.name,expand.comments_via_post.text'), {
      id: 'p1',
      expand: { author: { name: 'Ana' }, comments_via_post: [{ text: 'Nice' }, { text: 'Meh' }] },
    });
    assert.deepEqual(pickFields(record, 'meta.lang'), { meta: { lang: 'en' } });
  });

  it('keeps a key whole when it is listed both whole and with a nested path', () => {
    assert.deepEqual(pickFields(record, 'meta.lang,meta'), { meta: record.meta });
    assert.deepEqual(pickFields(record, 'meta,meta.lang'), { meta: record.meta });
  });

  it('keeps every key at a level with *, while nested paths still pick deeper', () => {
    const picked = pickFields(record, '*,expand.author.name') as Record<string, unknown>;
    assert.deepEqual(Object.keys(picked), Object.keys(record));
    assert.deepEqual(picked.expand, { author: { name: 'Ana' } });
    assert.deepEqual(pickFields(record, 'expand.author.*'), { expand: { author: record.expand.author } });
  });

  it('leaves scalars and nested non-object values alone', () => {
    assert.equal(pickFields('text', 'id'), 'text');
    assert.equal(pickFields(null, 'id'), null);
    assert.deepEqual(pickFields({ a: 'x', b: [1, 2] }, 'a.b,b.c'), { a: 'x', b: [1, 2] });
    assert.deepEqual(pickFields([{ id: 1, x: 2 }, 'raw'], 'id'), [{ id: 1 }, 'raw']);
  });

  it('picks inside the items of a list envelope and keeps the envelope keys', () => {
    const list = envelope([record, { ...record, id: 'p2' }]);
    assert.deepEqual(pickFields(list, 'id'), { ...list, items: [{ id: 'p1' }, { id: 'p2' }] });
    assert.deepEqual(pickFields(envelope([]), 'id'), envelope([]));
    assert.deepEqual(pickFields(list, 'page'), { ...list, items: [{}, {}] });
  });

  it('never changes its input', () => {
    const copy = structuredClone(record);
    pickFields(record, 'id,expand.author.name,body:excerpt(3,true)');
    assert.deepEqual(record, copy);
  });

  it('keeps a "__proto__" key as plain data', () => {
    const obj = JSON.parse('{"id":"x","__proto__":{"polluted":true},"meta":{"__proto__":{"a":1},"b":2}}');
    const all = pickFields(obj, '*') as Record<string, unknown>;
    assert.equal(JSON.stringify(all), JSON.stringify(obj));
    assert.equal(Object.getPrototypeOf(all), Object.prototype);
    assert.equal(JSON.stringify(pickFields(obj, 'meta.__proto__')), '{"meta":{"__proto__":{"a":1}}}');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('gives the same result when the same param is reused', () => {
    const a = pickFields(record, 'id,expand.author.id');
    const b = pickFields({ ...record, id: 'other' }, 'id,expand.author.id');
    assert.deepEqual(a, { id: 'p1', expand: { author: { id: 'u1' } } });
    assert.deepEqual(b, { id: 'other', expand: { author: { id: 'u1' } } });
  });

  it('keeps exactly the listed keys of any JSON object (property)', () => {
    const KEY = fc.string({ minLength: 1 }).filter((k) => k.trim() === k && !/[.,:*()'"]/.test(k));
    fc.assert(
      fc.property(fc.dictionary(KEY, fc.jsonValue(), { noNullPrototype: true }), (obj) => {
        const keys = Object.keys(obj).filter((_, i) => i % 2 === 0);
        const picked = pickFields(obj, keys.join(',')) as Record<string, unknown>;
        assert.deepEqual(Object.keys(picked).sort(), [...keys].sort());
        assert.deepEqual(pickFields(obj, '*'), obj);
      }),
    );
  });
});

describe('pickFields: :excerpt modifier', () => {
  it('applies through the fields param, on strings only', () => {
    assert.deepEqual(pickFields(record, 'id,body:excerpt(100)'), { id: 'p1', body: 'Rich text' });
    assert.deepEqual(pickFields(record, 'views:excerpt(1),meta:excerpt(2,true)'), { views: 3, meta: record.meta });
    assert.deepEqual(pickFields(record, 'expand.author.name:excerpt(2, true)'), {
      expand: { author: { name: 'An...' } },
    });
    assert.deepEqual(pickFields({ a: 'abc', b: 'defg' }, '*:excerpt(2)'), { a: 'ab', b: 'de' });
  });

  it('treats withEllipsis like a Go boolean: 1, t, true (any case form) are true', () => {
    for (const flag of ['1', 't', 'T', 'true', 'TRUE', 'True', '"true"']) {
      assert.deepEqual(pickFields({ a: 'abcdef' }, `a:excerpt(2,${flag})`), { a: 'ab...' }, flag);
    }
    for (const flag of ['0', 'false', 'yes', 'on', 'x']) {
      assert.deepEqual(pickFields({ a: 'abcdef' }, `a:excerpt(2,${flag})`), { a: 'ab' }, flag);
    }
  });

  it('rejects a bad modifier with a 400', () => {
    for (const param of [
      'body:excerpt',
      'body:excerpt()',
      'body:excerpt(0)',
      'body:excerpt(-5)',
      'body:excerpt(abc)',
      'body:excerpt(1.5)',
      'body:excerpt(10,true,x)',
      'body:unknown(10)',
      'body:Excerpt(10)',
      'body:',
    ]) {
      assertBadRequest(() => pickFields(record, param));
      assertBadRequest(() => parseFields(param));
    }
  });

  it('accepts spaces and a zero decimal in the arguments', () => {
    assert.deepEqual(pickFields({ a: 'abcdef' }, 'a:excerpt( 3 , true )'), { a: 'abc...' });
    assert.deepEqual(pickFields({ a: 'abcdef' }, 'a:excerpt(3.0)'), { a: 'abc' });
  });
});
