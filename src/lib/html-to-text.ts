/**
 * HTML to plain text without a DOM: a single linear pass that keeps the text of inline and block
 * elements (blocks separated by one space), drops the content of scripts, styles, media and form
 * controls, decodes the common character references and collapses whitespace.
 */

/** Elements whose content is dropped (and which add no space). */
const EXCLUDED = new Set(
  'head title style script iframe embed applet object svg img picture dialog template button form textarea input select option'.split(
    ' ',
  ),
);
/** Elements that add no space around themselves; every other element is treated as a block. */
const INLINE = new Set(
  'a abbr acronym b bdo big br cite code em font i kbd label mark q s samp small span strike strong sub sup time tt u var'.split(
    ' ',
  ),
);
const VOID = new Set('area base br col embed hr img input link meta param source track wbr'.split(' '));
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'iframe']);
const ENTITY = /&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/g;
const NAMED: Record<string, string> = Object.fromEntries(
  'amp & lt < gt > quot " apos \' nbsp \u00a0 hellip … mdash — ndash – lsquo ‘ rsquo ’ ldquo “ rdquo ” copy © reg ®'
    .split(' ')
    .flatMap((v, i, all) => (i % 2 === 0 ? [[v, all[i + 1]]] : [])),
);

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, body: string) => {
    if (body[0] !== '#') return NAMED[body] ?? whole;
    const hex = body[1] === 'x' || body[1] === 'X';
    const cp = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
    return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
  });
}

interface Tag {
  name: string;
  closing: boolean;
  selfClosing: boolean;
  /** index just past the tag */
  end: number;
}

const isSpace = (ch: string) => ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || ch === '\f';
const isLetter = (ch: string | undefined) => ch !== undefined && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'));

/** Reads the tag at `lt` (where html[lt] is '<'); null when no tag starts there. Linear in the tag length. */
function readTag(html: string, lt: number): Tag | null {
  let j = lt + 1;
  const closing = html[j] === '/';
  if (closing) j++;
  if (!isLetter(html[j])) return null;
  const nameStart = j;
  while (j < html.length && html[j] !== '>' && html[j] !== '/' && !isSpace(html[j] as string)) j++;
  const name = html.slice(nameStart, j).toLowerCase();
  let quote = '';
  let last = '';
  for (; j < html.length; j++) {
    const ch = html[j] as string;
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '>') {
      return { name, closing, selfClosing: last === '/', end: j + 1 };
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    }
    if (!isSpace(ch)) last = ch;
  }
  return { name, closing, selfClosing: false, end: html.length };
}

const closers = new Map<string, RegExp>();

/** Index just past the end of the excluded element `name` whose start tag ends at `from`. */
function skipElement(html: string, name: string, from: number): number {
  if (RAW_TEXT.has(name)) {
    const re = closers.get(name) ?? new RegExp(`</${name}(?=[\\s/>])`, 'gi');
    closers.set(name, re);
    re.lastIndex = from;
    const m = re.exec(html);
    return m ? (readTag(html, m.index)?.end ?? html.length) : html.length;
  }
  let depth = 1;
  for (let i = from; ; ) {
    const lt = html.indexOf('<', i);
    if (lt === -1) return html.length;
    const tag = readTag(html, lt);
    i = tag ? tag.end : lt + 1;
    if (tag?.name !== name) continue;
    if (tag.closing) depth--;
    else if (!tag.selfClosing) depth++;
    if (depth === 0) return i;
  }
}

/** Converts HTML to whitespace-collapsed plain text; stops early once `limit` UTF-16 units are collected. */
function htmlToText(html: string, limit: number): string {
  let out = '';
  let space = true;
  const push = (text: string) => {
    let t = text.replace(/[\t\n\f\r ]+/g, ' ');
    if (space && t.startsWith(' ')) t = t.slice(1);
    if (t === '') return;
    out += t;
    space = t.endsWith(' ');
  };
  let i = 0;
  while (i < html.length && out.length <= limit) {
    const lt = html.indexOf('<', i);
    const end = lt === -1 ? html.length : lt;
    if (end > i) push(decodeEntities(html.slice(i, end)));
    if (lt === -1) break;
    if (html[lt + 1] === '!' || html[lt + 1] === '?') {
      const comment = html.startsWith('<!--', lt);
      const close = comment ? html.indexOf('-->', lt + 4) : html.indexOf('>', lt);
      i = close === -1 ? html.length : close + (comment ? 3 : 1);
      continue;
    }
    const tag = readTag(html, lt);
    if (!tag) {
      push('<');
      i = lt + 1;
      continue;
    }
    i = tag.end;
    if (!EXCLUDED.has(tag.name)) {
      if (!INLINE.has(tag.name) && !space) {
        out += ' ';
        space = true;
      }
    } else if (!tag.closing && !tag.selfClosing && !VOID.has(tag.name)) {
      i = skipElement(html, tag.name, i);
    }
  }
  return out.trim();
}

/** Plain-text excerpt of an HTML string: at most `max` code points, plus `...` when cut and asked for. */
export function excerpt(html: string, max: number, withEllipsis: boolean): string {
  const text = htmlToText(html, 2 * max + 4);
  if (text.length <= max) return text;
  let end = 0;
  let count = 0;
  for (const ch of text) {
    if (count === max) break;
    end += ch.length;
    count++;
  }
  if (end >= text.length) return text;
  const cut = text.slice(0, end).trim();
  return withEllipsis ? `${cut}...` : cut;
}
