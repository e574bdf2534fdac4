import type { App } from '../../core/app.js';
import { Errors } from '../../core/errors.js';
import { type Requester, requestInfo } from '../../core/request.js';
import { conditionsOf } from '../../core/rules-sql/index.js';
import { type ErrorData, V } from '../../core/validation.js';
import type { RealtimeBroker } from './broker.js';
import { parseSubscription, type Subscription, TopicError } from './topics.js';

export const MAX_CLIENT_ID = 255;
export const MAX_SUBSCRIPTIONS = 1000;
export const MAX_TOPIC_LENGTH = 2500;

function clientIdOf(body: Record<string, unknown>, errors: ErrorData): string {
  const id = body.clientId;
  if (typeof id !== 'string' || id === '') errors.clientId = V.required();
  else if (id.length > MAX_CLIENT_ID) errors.clientId = V.lengthOutOfRange(1, MAX_CLIENT_ID);
  return typeof id === 'string' ? id : '';
}

/** A filter must compile for the subscriber now (it is compiled again, from the cache, per event). */
function checkFilter(app: App, sub: Subscription, auth: Requester): string | null {
  const filter = sub.query.filter;
  if (!filter || sub.collection === null) return null;
  const collection = app.collections.find(sub.collection);
  if (!collection) return null;
  try {
    conditionsOf(app).filter(collection, filter, requestInfo(auth, { context: 'realtime', query: sub.query }));
    return null;
  } catch {
    return 'the filter does not compile for this collection and requester';
  }
}

function subscriptionsOf(app: App, body: Record<string, unknown>, auth: Requester, errors: ErrorData): Subscription[] {
  const raw = body.subscriptions;
  // a form body with one value holds a string, not a list
  const list = raw === undefined || raw === null ? [] : typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(list)) {
    errors.subscriptions = V.mustBeList();
    return [];
  }
  if (list.length > MAX_SUBSCRIPTIONS) {
    errors.subscriptions = V.lengthTooLong(MAX_SUBSCRIPTIONS);
    return [];
  }
  const items: ErrorData = {};
  const out: Subscription[] = [];
  list.forEach((key, i) => {
    if (typeof key !== 'string') items[i] = V.unsupportedValueType();
    else if (key.length > MAX_TOPIC_LENGTH) items[i] = V.lengthTooLong(MAX_TOPIC_LENGTH);
    else if (key !== '') {
      try {
        const sub = parseSubscription(key);
        const bad = checkFilter(app, sub, auth);
        if (bad) items[i] = V.invalidSubscription(bad);
        else out.push(sub);
      } catch (err) {
        if (!(err instanceof TopicError)) throw err;
        items[i] = V.invalidSubscription(err.message);
      }
    }
  });
  if (Object.keys(items).length > 0) errors.subscriptions = items;
  return out;
}

/**
 * POST /api/realtime: replaces a client's subscriptions and binds the requester's auth to it. A
 * client that subscribed with an auth record keeps it: later requests must come from the same one,
 * and from the IP the stream was opened from (a leaked client id is of no use elsewhere).
 */
export function setSubscriptions(
  app: App,
  broker: RealtimeBroker,
  body: Record<string, unknown>,
  auth: Requester,
  ip: string,
): void {
  const errors: ErrorData = {};
  const clientId = clientIdOf(body, errors);
  const subs = subscriptionsOf(app, body, auth, errors);
  if (Object.keys(errors).length > 0) throw Errors.badRequest(errors);
  const client = broker.clients.get(clientId);
  if (!client || client.closed) throw Errors.missingRealtimeClient();
  if (client.ip !== ip) throw Errors.realtimeClientIpMismatch();
  const held = client.auth;
  if (held.record) {
    const same =
      auth.record !== null &&
      String(auth.record.id) === String(held.record.id) &&
      auth.collection?.id === held.collection?.id;
    if (!same) throw Errors.realtimeAuthMismatch();
  }
  broker.setSubscriptions(client, auth, subs);
}
