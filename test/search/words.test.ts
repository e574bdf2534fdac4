import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { highlightValue } from '../../src/core/search/highlight.js';
import { splitRankSort } from '../../src/core/search/sort.js';
import { MAX_SEARCH_WORDS, MAX_WORD_LENGTH, searchWords } from '../../src/core/search/words.js';
import { foldTranslation, foldWord } from '../../src/store/search-fold.js';

describe('search words', () => {
  const cases: Array<[string, string[]]> = [
    ['Senior  Rust\tengineer', ['senior', 'rust', 'engineer']],
    ['NEAR(a b)', ['near', 'a', 'b']],
    ['"quoted" -minus +plus col:umn a*', ['quoted', 'minus', 'plus', 'col', 'umn', 'a']],
    ['x\u0000y', ['x', 'y']],
    ['rust rust RUST', ['rust']],
    ['!!! ... ???', []],
    ['', []],
    ['Café München', ['café', 'münchen']],
    ['Cafe\u0301', ['café']],
    ['\u0301\u0301', []],
    ['数据 поиск', ['数据', 'поиск']],
  ];
  for (const [input, words] of cases) {
    it(JSON.stringify(input), () => assert.deepEqual(searchWords(input), words));
  }

  it('keeps at most 32 words and cuts long ones', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `w${i}`).join(' ');
    assert.equal(searchWords(many).length, MAX_SEARCH_WORDS);
    assert.equal(searchWords('y'.repeat(1000))[0]?.length, MAX_WORD_LENGTH);
  });

  it('never yields anything but letters, digits and marks', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        for (const w of searchWords(s)) assert.match(w, /^[\p{L}\p{N}\p{M}]+$/u);
      }),
    );
  });
});

describe('letter folding for PostgreSQL', () => {
  it('folds accents and capitals as the SQLite tokenizer does', () => {
    assert.equal(foldWord('MÜNCHEN'), 'munchen');
    assert.equal(foldWord('Ærø'), 'ærø');
    assert.equal(foldWord('Ελλάδα'), 'ελλαδα');
  });
  it('maps one character to one, with no quote in either string', () => {
    const { from, to } = foldTranslation();
    assert.equal([...from].length, [...to].length);
    assert.ok(!to.includes("'"));
  });
});

describe('@rank in sort lists', () => {
  it('splits around @rank terms', () => {
    assert.equal(splitRankSort('-created,title'), null);
    assert.deepEqual(splitRankSort('-@rank,created,-title'), [
      { rank: true, desc: true },
      { rank: false, text: 'created,-title' },
    ]);
    assert.deepEqual(splitRankSort('a, @rank ,+b'), [
      { rank: false, text: 'a' },
      { rank: true, desc: false },
      { rank: false, text: '+b' },
    ]);
  });
});

describe('highlight', () => {
  it('marks whole words and the last word as a prefix', () => {
    assert.equal(
      highlightValue('Senior engineers & seniority', ['senior', 'eng'], false),
      '<mark>Senior</mark> <mark>engineers</mark> &amp; seniority',
    );
  });
  it('keeps editor markup and entities', () => {
    assert.equal(
      highlightValue('<a href="/rust">Rust &amp; rusty</a><!-- rust -->', ['rust'], true),
      '<a href="/rust"><mark>Rust</mark> &amp; <mark>rusty</mark></a><!-- rust -->',
    );
  });
  it('escapes plain text without marks when there are no words', () => {
    assert.equal(highlightValue('<b>"x"</b>', [], false), '&lt;b&gt;&quot;x&quot;&lt;/b&gt;');
  });
});
