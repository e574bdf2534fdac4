/** Reading values out of provider JSON without trusting its shape. */

type Json = Record<string, unknown>;

/** The value at a dotted path (`a.b.0.c`), or undefined. */
export function at(raw: unknown, path: string): unknown {
  let cur: unknown = raw;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Array.isArray(cur) ? cur[Number(key)] : (cur as Json)[key];
  }
  return cur;
}

/** A string or number at `path` as text; '' for anything else. */
export function text(raw: unknown, path: string): string {
  const v = at(raw, path);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'bigint') return v.toString();
  return '';
}

/** True for `true`, `"true"`, `1` and `"1"` (providers disagree on how to say "verified"). */
export function truthy(raw: unknown, path: string): boolean {
  const v = at(raw, path);
  return v === true || v === 1 || v === 'true' || v === '1';
}

/** The object at `path`, or an empty one. */
export function objectAt(raw: unknown, path: string): Json {
  const v = at(raw, path);
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}

/** Joins the non-empty parts with a space. */
export function joinNames(...parts: string[]): string {
  return parts.filter((p) => p !== '').join(' ');
}

/** The email when the flag says it is verified, else ''. */
export function verifiedEmail(email: string, verified: boolean): string {
  return verified ? email : '';
}
