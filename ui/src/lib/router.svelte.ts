/** Hash routing (`#/collections/posts`): the server only ever sees /_/, whatever page is open. */
export const route = $state({ path: '/', query: new URLSearchParams() });

function read(): void {
  const hash = window.location.hash.replace(/^#/, '') || '/';
  const q = hash.indexOf('?');
  route.path = q === -1 ? hash : hash.slice(0, q);
  route.query = new URLSearchParams(q === -1 ? '' : hash.slice(q + 1));
}
window.addEventListener('hashchange', read);
read();

export function go(path: string): void {
  window.location.hash = `#${path}`;
}

/** Replaces the address without a history entry (used to drop one-time tokens from it). */
export function replace(path: string): void {
  history.replaceState(null, '', `#${path}`);
  read();
}

/** The parts of the path, decoded: `/collections/a%20b` → ['collections', 'a b']. */
export function segments(path: string): string[] {
  return path
    .split('/')
    .filter(Boolean)
    .map((s) => decodeURIComponent(s));
}
