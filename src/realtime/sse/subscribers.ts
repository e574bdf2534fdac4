import type { SseClient } from './client.js';
import { type Subscription, topicIndexKey } from './topics.js';

/** One client's subscription. */
export interface Entry {
  readonly client: SseClient;
  readonly sub: Subscription;
}

function add(map: Map<string, Set<Entry>>, key: string, entry: Entry): void {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(entry);
}

function remove(map: Map<string, Set<Entry>>, key: string, entry: Entry): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(entry);
  if (set.size === 0) map.delete(key);
}

/**
 * Who listens to what, indexed both ways a message is addressed: by exact topic (custom topics,
 * `@oauth2`) and by `collection/record` (record events, where the collection may be named by id
 * or name). An event looks up only its own keys, never every client.
 */
export class SubscriberIndex {
  private readonly byTopic = new Map<string, Set<Entry>>();
  private readonly byRecord = new Map<string, Set<Entry>>();
  private readonly entries = new Map<SseClient, Entry[]>();
  /** Changes whenever a subscription or a subscriber's auth changes: what was worked out from them is stale. */
  version = 0;

  /** Notes a change that the index cannot see (a subscriber's auth). */
  touch(): void {
    this.version++;
  }

  /** Replaces every subscription of `client` with `subs`. */
  replace(client: SseClient, subs: readonly Subscription[]): void {
    this.drop(client);
    this.version++;
    const list: Entry[] = [];
    for (const sub of subs) {
      const entry: Entry = { client, sub };
      list.push(entry);
      add(this.byTopic, sub.topic, entry);
      if (sub.collection !== null) add(this.byRecord, topicIndexKey(sub.collection, sub.record), entry);
    }
    if (list.length > 0) this.entries.set(client, list);
  }

  drop(client: SseClient): void {
    this.version++;
    for (const entry of this.entries.get(client) ?? []) {
      remove(this.byTopic, entry.sub.topic, entry);
      if (entry.sub.collection !== null)
        remove(this.byRecord, topicIndexKey(entry.sub.collection, entry.sub.record), entry);
    }
    this.entries.delete(client);
  }

  /** Subscriptions to exactly `topic`. */
  topic(topic: string): ReadonlySet<Entry> | undefined {
    return this.byTopic.get(topic);
  }

  /** Subscriptions to `collection/record`, `collection` given lower-case (id or name). */
  record(collection: string, record: string): ReadonlySet<Entry> | undefined {
    return this.byRecord.get(topicIndexKey(collection, record));
  }
}
