/**
 * True when an Accept header admits an HTML answer: absent (anything goes), or listing `text/html`,
 * `text/*` or `*\/*` with a non-zero quality. A browser navigating to a page asks for text/html; a script
 * fetching JSON (`Accept: application/json`) does not, and gets a 404 rather than the app's index page.
 */
export function acceptsHtml(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  for (const range of accept.split(',')) {
    const [type = '', ...params] = range.split(';');
    const media = type.trim().toLowerCase();
    if (media !== 'text/html' && media !== 'text/*' && media !== '*/*') continue;
    const q = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='));
    if (q === undefined || Number(q.slice(2)) > 0) return true;
  }
  return false;
}
