import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { excerpt } from '../../src/lib/html-to-text.js';

describe('excerpt: HTML to plain text', () => {
  const html = `  <script>var a = "</p>";</script>  <h1>Title</h1><p>First   line</p><div class="x">in<b>line</b>
  text<span>!</span></div><p>caf&eacute; &amp; cr&egrave;me &lt;b&gt; &#233;&#x41;</p>`;

  it('turns HTML into plain text: tags and script dropped, spaces around blocks, whitespace collapsed', () => {
    assert.equal(excerpt(html, 1000, false), 'Title First line inline text! caf&eacute; & cr&egrave;me <b> éA');
  });

  it('cuts to maxLength code points and adds ... only when cut and asked for', () => {
    assert.equal(excerpt('<p>Hello world</p>', 5, false), 'Hello');
    assert.equal(excerpt('<p>Hello world</p>', 5, true), 'Hello...');
    assert.equal(excerpt('<p>Hello world</p>', 11, true), 'Hello world');
    assert.equal(excerpt('<p>Hello world</p>', 50, true), 'Hello world');
    assert.equal(excerpt('Hello world', 6, true), 'Hello...');
    assert.equal(excerpt('аб\nв ', 4, true), 'аб в');
    assert.equal(excerpt('аб\nв ', 3, true), 'аб...');
    assert.equal(excerpt('😀😁😂', 2, false), '😀😁');
  });

  it('drops the content of excluded elements, nested or void, and comments', () => {
    const cases: Array<[string, string]> = [
      ['a<img src="x.png" alt="pic">b', 'ab'],
      ['a<form><form>x</form>y</form>b', 'ab'],
      ['a<svg viewBox="0 0 1 1"><text>svg</text></svg>b', 'ab'],
      ['a<select><option>1</option><option>2</option></select>b', 'ab'],
      ['a<textarea><p>raw</p></textarea>b', 'ab'],
      ['a<STYLE>p{}</STYLE>b', 'ab'],
      ['a<!-- <p>hidden</p> -->b', 'ab'],
      ['<!DOCTYPE html><html><head><title>T</title></head><body><p>x</p></body></html>', 'x'],
      ['a<input value="v"/>b<br>c<br/>d', 'abcd'],
      ['a<button>press</button>b', 'ab'],
      ['unclosed <script>alert(1)', 'unclosed'],
    ];
    for (const [input, expected] of cases) assert.equal(excerpt(input, 100, false), expected, input);
  });

  it('keeps text that only looks like markup', () => {
    assert.equal(excerpt('1 < 2 and 3 > 2', 100, false), '1 < 2 and 3 > 2');
    assert.equal(excerpt('<a href="x>y">link</a> & more', 100, false), 'link & more');
    assert.equal(excerpt('a&unknown;b', 100, false), 'a&unknown;b');
  });

  it('handles a large document quickly by stopping once enough text is collected', () => {
    const big = '<p>word</p>'.repeat(200_000);
    const started = performance.now();
    assert.equal(excerpt(big, 9, true), 'word word...');
    assert.ok(performance.now() - started < 1000);
  });
});
