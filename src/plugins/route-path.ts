/** Path patterns of custom routes: `/api/hello/{name}`; static segments and `{param}` segments only. */

export const ROUTE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;

const STATIC = /^[A-Za-z0-9._~!$&'()+,;=@-]+$/;
const PARAM = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

export type Segment = { param: string } | { text: string };

/** The segments of `path`; throws with the reason when it is not a valid route path. */
export function parseRoutePath(path: string): Segment[] {
  if (typeof path !== 'string' || !path.startsWith('/'))
    throw new Error(`route path ${JSON.stringify(path)} must start with "/"`);
  if (path === '/') return [];
  const parts = path.replace(/\/$/, '').slice(1).split('/');
  const seen = new Set<string>();
  return parts.map((part) => {
    const m = PARAM.exec(part);
    if (m) {
      const name = m[1] as string;
      if (seen.has(name)) throw new Error(`route path ${path} names {${name}} twice`);
      seen.add(name);
      return { param: name };
    }
    if (!STATIC.test(part))
      throw new Error(`route path ${path}: segment ${JSON.stringify(part)} is neither text nor {name}`);
    return { text: part };
  });
}

/** Segments of a Fastify route URL (`/api/collections/:collection/records`). */
export function parseFastifyUrl(url: string): Segment[] {
  if (url === '/') return [];
  return url
    .replace(/\/$/, '')
    .slice(1)
    .split('/')
    .map((p) => (p.startsWith(':') ? { param: p.slice(1) } : p === '*' ? { param: '*' } : { text: p }));
}

/** The Fastify form of a custom route's path. */
export function toFastifyUrl(segments: readonly Segment[]): string {
  return `/${segments.map((s) => ('param' in s ? `:${s.param}` : s.text)).join('/')}`;
}

/** True when some URL would match both patterns (same length, every pair of segments compatible). */
export function patternsOverlap(a: readonly Segment[], b: readonly Segment[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((s, i) => {
    const t = b[i] as Segment;
    return 'param' in s || 'param' in t || s.text === t.text;
  });
}

/** True when both patterns are the same route (only the parameter names may differ). */
export function samePattern(a: readonly Segment[], b: readonly Segment[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((s, i) => {
    const t = b[i] as Segment;
    return 'param' in s ? 'param' in t : !('param' in t) && s.text === t.text;
  });
}
