/** Differences in shape (keys, recursively through the first list item and `expand`) between two JSON bodies. */
export function shapeDiff(a, b, path = '') {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return typeof a === typeof b ? [] : [`${path || 'body'}: ${typeof a} vs ${typeof b}`];
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return [`${path}: array vs object`];
    if (a.length !== b.length) return [`${path}: ${a.length} vs ${b.length} items`];
    return a.length ? shapeDiff(a[0], b[0], `${path}[0]`) : [];
  }
  const out = [];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const p = path ? `${path}.${k}` : k;
    if (!(k in a)) out.push(`${p}: only in the ceiling`);
    else if (!(k in b)) out.push(`${p}: only in Basalt`);
    else if (k !== 'token') out.push(...shapeDiff(a[k], b[k], p));
  }
  return out;
}
