/** Record rows → the JSON Basalt returns, from a collection description {id, name, type, fields:[{name, kind}]}. */

const NEVER = new Set(['password', 'tokenKey']);

function value(kind, raw) {
  if (kind === 'number') return typeof raw === 'number' ? raw : Number(raw) || 0;
  if (kind === 'bool') return raw === 1 || raw === true || raw === '1';
  if (kind === 'json') return raw == null ? null : typeof raw === 'string' ? JSON.parse(raw) : raw;
  return raw == null ? '' : String(raw);
}

/** One record as public JSON; `self` shows an auth record's own email. */
export function recordJson(collection, row, self = false) {
  const out = { collectionId: collection.id, collectionName: collection.name };
  for (const f of collection.fields) {
    if (f.hidden || NEVER.has(f.name)) continue;
    out[f.name] = value(f.kind, row[f.name]);
  }
  if (collection.type === 'auth' && !self && !out.emailVisibility) delete out.email;
  return out;
}

/** Storage kind of an API field type. */
export function kindOf(field) {
  if (field.type === 'number') return 'number';
  if (field.type === 'bool') return 'bool';
  if (field.type === 'json' || field.type === 'geoPoint') return 'json';
  if (['select', 'relation', 'file'].includes(field.type) && (field.maxSelect ?? 0) > 1) return 'json';
  return 'text';
}

/** Reduces an API collection to what the ceilings need. */
export function describeCollection(c) {
  const fields = c.fields
    .filter((f) => f.type !== 'password')
    .map((f) => ({ name: f.name, kind: kindOf(f), hidden: Boolean(f.hidden) }));
  return { id: c.id, name: c.name, type: c.type, fields };
}

/** `YYYY-MM-DD HH:MM:SS.mmmZ` in UTC. */
export function dateString(d = new Date()) {
  return d.toISOString().replace('T', ' ');
}
