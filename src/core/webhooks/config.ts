import { randomString } from '../../lib/random.js';
import type { App } from '../app.js';
import { type Collection, WEBHOOK_EVENTS, type Webhook, type WebhookEvent } from '../collection.js';
import { checkRule } from '../collections/rule-check.js';
import { Errors } from '../errors.js';
import { type ErrorData, type FieldError, hasErrors, V } from '../validation.js';
import { isPrivateHost, urlHost } from './address.js';

/** Webhooks one collection may have. */
export const MAX_WEBHOOKS = 20;
const MAX_URL = 2048;
const ID_PATTERN = /^\w{1,50}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A new webhook secret: 40 random letters and digits (about 238 bits). */
export function newWebhookSecret(): string {
  return randomString(40);
}

function text(item: Record<string, unknown>, key: string, fallback: string): string {
  const v = item[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'string') throw Errors.invalidCollectionFormatting();
  return v;
}

/**
 * One submitted webhook. A webhook that keeps its id keeps its secret when none is sent; a new one
 * without a secret gets a random one (the superuser reads it back from the collection).
 */
function webhookFromInput(item: unknown, original: Collection | null): Webhook {
  if (!isObject(item)) throw Errors.invalidCollectionFormatting();
  const id = text(item, 'id', '');
  const before = id === '' ? undefined : original?.webhooks?.find((w) => w.id === id);
  const events = item.events ?? before?.events ?? [];
  if (!Array.isArray(events) || events.some((e) => typeof e !== 'string')) throw Errors.invalidCollectionFormatting();
  const enabled = item.enabled ?? before?.enabled ?? true;
  if (typeof enabled !== 'boolean') throw Errors.invalidCollectionFormatting();
  const secret = text(item, 'secret', '');
  return {
    id: id === '' ? randomString(15) : id,
    url: text(item, 'url', before?.url ?? ''),
    events: [...new Set(events as WebhookEvent[])],
    filter: text(item, 'filter', before?.filter ?? ''),
    secret: secret !== '' ? secret : (before?.secret ?? newWebhookSecret()),
    enabled,
  };
}

/** The submitted `webhooks` (null = none) put on `target`; the whole list is replaced when sent. */
export function overlayWebhooks(target: Collection, input: Record<string, unknown>, original: Collection | null) {
  const v = input.webhooks;
  if (v === undefined) return;
  if (v !== null && !Array.isArray(v)) throw Errors.invalidCollectionFormatting();
  target.webhooks = (v ?? []).map((item) => webhookFromInput(item, original));
}

/** Why a webhook URL cannot be used, or null. */
export function webhookUrlError(raw: string, allowPrivate: boolean): FieldError | null {
  if (raw === '') return V.required();
  if (raw.length > MAX_URL) return V.lengthTooLong(MAX_URL);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return V.invalidUrl();
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return V.webhookUrlScheme();
  if (url.hostname === '') return V.invalidUrl();
  if (!allowPrivate && isPrivateHost(urlHost(url))) return V.webhookPrivateAddress();
  return null;
}

function webhookErrors(app: App, c: Collection, w: Webhook, ids: Set<string>, before: Webhook | undefined): ErrorData {
  const out: ErrorData = {};
  if (!ID_PATTERN.test(w.id)) out.id = V.matchInvalid();
  else if (ids.has(w.id)) out.id = V.webhookIdExists();
  // a URL saved while private addresses were allowed stays editable around (delivery refuses it meanwhile)
  const allowPrivate = app.settings.get().webhooks.allowPrivateAddresses || before?.url === w.url;
  const url = webhookUrlError(w.url, allowPrivate);
  if (url) out.url = url;
  if (w.events.length === 0) out.events = V.required();
  else if (w.events.some((e) => !WEBHOOK_EVENTS.includes(e))) out.events = V.inInvalid();
  if (w.filter.trim() !== '') {
    const raw = checkRule(app, c, w.filter);
    if (raw !== null) out.filter = V.invalidRule(raw);
  }
  const length = [...w.secret].length;
  if (length < 16 || length > 255) out.secret = V.lengthOutOfRange(16, 255);
  return out;
}

/**
 * Errors of `webhooks`, keyed by position then property; null when valid. Ids are unique across
 * every collection (`others`: the rest of the catalogue as it will be). Private addresses are
 * refused only in URLs that are new or changed, so turning the setting off leaves collections editable.
 */
export function validateWebhooks(
  app: App,
  c: Collection,
  original: Collection | null,
  others: readonly Collection[],
): FieldError | ErrorData | null {
  const list = c.webhooks ?? [];
  if (list.length === 0) return null;
  if (c.type === 'view') return V.webhooksUnsupported();
  if (list.length > MAX_WEBHOOKS) return V.lengthTooLong(MAX_WEBHOOKS);
  const ids = new Set(others.flatMap((o) => (o.webhooks ?? []).map((w) => w.id)));
  const errors: ErrorData = {};
  for (const [i, w] of list.entries()) {
    const before = original?.webhooks?.find((o) => o.id === w.id);
    const item = webhookErrors(app, c, w, ids, before);
    if (hasErrors(item)) errors[String(i)] = item;
    ids.add(w.id);
  }
  return hasErrors(errors) ? errors : null;
}

/** The webhook of this id and its collection, from the collections in force. */
export function findWebhook(app: App, id: string): { collection: Collection; webhook: Webhook } | null {
  for (const collection of app.collections.all()) {
    const webhook = collection.webhooks?.find((w) => w.id === id);
    if (webhook) return { collection, webhook };
  }
  return null;
}
