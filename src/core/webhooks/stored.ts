import { WEBHOOK_EVENTS, type Webhook, type WebhookEvent } from '../collection.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The stored `webhooks` option, read leniently (a broken entry is dropped rather than failing the load). */
export function storedWebhooks(v: unknown): Webhook[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isObject).map((w) => ({
    id: String(w.id ?? ''),
    url: String(w.url ?? ''),
    events: Array.isArray(w.events) ? w.events.filter((e): e is WebhookEvent => WEBHOOK_EVENTS.includes(e)) : [],
    filter: typeof w.filter === 'string' ? w.filter : '',
    secret: String(w.secret ?? ''),
    enabled: w.enabled !== false,
  }));
}
