import { AUTH_OPTION_KEYS, type Collection, TOKEN_OPTION_KEYS } from '../collection.js';

/**
 * Collection → API JSON: auth options flattened onto the collection, token secrets and OAuth2
 * client secrets left out, `viewQuery` for views.
 */
export function collectionToJSON(c: Collection): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: c.id,
    listRule: c.listRule,
    viewRule: c.viewRule,
    createRule: c.createRule,
    updateRule: c.updateRule,
    deleteRule: c.deleteRule,
    name: c.name,
    type: c.type,
    fields: c.fields.map((f) => ({ ...f })),
    indexes: [...c.indexes],
    created: c.created,
    updated: c.updated,
    system: c.system,
  };
  if (c.type === 'view') out.viewQuery = c.viewQuery ?? '';
  else {
    out.searchFields = [...(c.searchFields ?? [])];
    // the collections API is for superusers only: they see the secrets to set up their receivers
    out.webhooks = (c.webhooks ?? []).map((w) => ({ ...w, events: [...w.events] }));
  }
  if (c.type === 'auth' && c.auth) {
    const auth = structuredClone(c.auth) as unknown as Record<string, unknown>;
    for (const key of AUTH_OPTION_KEYS) out[key] = auth[key];
    for (const key of TOKEN_OPTION_KEYS) {
      const { secret: _secret, ...rest } = c.auth[key];
      out[key] = rest;
    }
    const oauth2 = out.oauth2 as { providers?: Array<Record<string, unknown>> };
    oauth2.providers = (oauth2.providers ?? []).map(({ clientSecret: _s, ...rest }) => rest);
  }
  return out;
}
