/**
 * Cleaning of rich text (`editor` fields) before it is saved or shown. The HTML is parsed into an inert
 * document (nothing in it runs or loads) and rebuilt from an allow-list: formatting tags only, links to
 * http(s)/mailto only, no attributes besides a link's href. Script-like elements are dropped with
 * their content; any other unknown element is replaced by its children.
 */
const KEEP = new Set([
  'P',
  'BR',
  'B',
  'STRONG',
  'I',
  'EM',
  'U',
  'A',
  'UL',
  'OL',
  'LI',
  'H1',
  'H2',
  'H3',
  'BLOCKQUOTE',
  'PRE',
  'CODE',
  'DIV',
]);
const DROP = new Set([
  'SCRIPT',
  'STYLE',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'TEMPLATE',
  'NOSCRIPT',
  'SVG',
  'MATH',
  'LINK',
  'META',
  'TITLE',
  'HEAD',
]);

/** A link target is kept only when it is http(s) or mailto; anything else (javascript:, data:) is removed. */
export function safeHref(href: string | null): string | null {
  if (!href) return null;
  const value = href.trim();
  return /^(https?:|mailto:)/i.test(value) ? value : null;
}

function copy(from: Node, into: Node, doc: Document): void {
  for (const child of Array.from(from.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) {
      into.appendChild(doc.createTextNode(child.textContent ?? ''));
      continue;
    }
    if (child.nodeType !== Node.ELEMENT_NODE) continue;
    const el = child as Element;
    const tag = el.tagName.toUpperCase();
    if (DROP.has(tag)) continue;
    if (!KEEP.has(tag)) {
      copy(el, into, doc);
      continue;
    }
    const clean = doc.createElement(tag.toLowerCase());
    if (tag === 'A') {
      const href = safeHref(el.getAttribute('href'));
      if (href) clean.setAttribute('href', href);
    }
    copy(el, clean, doc);
    into.appendChild(clean);
  }
}

/** The cleaned content of `html` as nodes owned by `doc`, ready to append to the page. */
export function sanitizedFragment(html: string, doc: Document = document): DocumentFragment {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const out = doc.createDocumentFragment();
  copy(parsed.body, out, doc);
  return out;
}

/** The cleaned HTML of `html`, as it is saved. */
export function sanitizeHtml(html: string): string {
  const holder = document.createElement('div');
  holder.appendChild(sanitizedFragment(html));
  return holder.innerHTML.replace(/^(<p><br><\/p>|<br>)$/, '');
}
