import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { addRateLimitersCleanupJob } from '../jobs/builtin.js';
import type { Settings } from '../settings/settings.js';
import { ALLOWED, type Verdict, type WindowCounter } from './counter.js';
import { MemoryCounter } from './memory-counter.js';
import { type Audience, RuleTable } from './rule-table.js';
import { SharedCounter } from './shared-counter.js';

/** One request as rate limiting sees it. */
export interface RateLimitRequest {
  /** upper-case HTTP method */
  readonly method: string;
  /** URL path without the query string */
  readonly path: string;
  readonly audience: Audience;
  /** the client IP (trusted-proxy aware) */
  readonly ip: string;
  /** the collection the endpoint acts on, if any */
  readonly collection?: Collection;
  /** the endpoint: its route pattern and collection tags (a collection endpoint has both a collection and tags) */
  readonly endpoint?: Endpoint;
}

/** What rate limiting needs of a route definition; the same object on every request to that route. */
export interface Endpoint {
  readonly url: string;
  readonly rateLimitTags?: readonly string[];
}

/** Labels and buckets of one collection endpoint, built on its first request. */
interface Prepared {
  name: string;
  /** `<col>:<tag>`… then `*:<tag>`… */
  labels: readonly string[];
  /** collection id + route + tags + rule audience, by audience */
  buckets: Readonly<Record<string, string>>;
}

function prepare(collection: Collection, endpoint: Endpoint, tags: readonly string[]): Prepared {
  const base = `${collection.id}|${endpoint.url}|${tags.join(',')}|`;
  return {
    name: collection.name,
    labels: [...tags.map((tag) => `${collection.name}:${tag}`), ...tags.map((tag) => `*:${tag}`)],
    buckets: { '': base, '@guest': `${base}@guest`, '@auth': `${base}@auth` },
  };
}

/**
 * Rate limiting of one app (spec §6): picks the one rule that applies to a request and counts it in
 * its bucket, per client IP. Counts live in this process's memory, or in the database when the
 * dialect says several instances may share it. Rules are indexed, and counters reset, on every
 * settings change. Costs nothing but a field read while disabled.
 */
export class RateLimiter {
  private table: RuleTable | null = null;
  private readonly counter: WindowCounter;
  /** labels and buckets of collection endpoints, per collection object (a reload brings new ones) */
  private readonly preparedByCollection = new WeakMap<Collection, WeakMap<Endpoint, Prepared>>();
  /** true once a request was counted: the cleanup job is scheduled only from then on */
  used = false;

  constructor(private readonly app: App) {
    this.counter = app.store.dialect.caps.sharedByInstances
      ? new SharedCounter(app.store, (err) => app.log.warn({ err }, 'shared rate-limit counter failed'))
      : new MemoryCounter();
    this.apply(app.settings.get());
    const stop = app.settings.onChange((next) => this.apply(next));
    app.onClose(async () => {
      stop();
    });
  }

  /** The first counted request schedules the cleanup of ended windows, as PocketBase does. */
  private firstUse(): void {
    this.used = true;
    addRateLimitersCleanupJob(this.app, pruneRateLimiters);
  }

  /** False while rate limiting is disabled in the settings. */
  get enabled(): boolean {
    return this.table !== null;
  }

  /** windows (or leases) held in memory */
  get size(): number {
    return this.counter.size;
  }

  /** Counts the request against the rule that applies to it, if any; superusers must not get here. */
  check(req: RateLimitRequest, now = Date.now()): Verdict | Promise<Verdict> {
    const table = this.table;
    if (!table) return ALLOWED;
    const tags = req.endpoint?.rateLimitTags;
    if (req.collection && req.endpoint && tags && tags.length > 0) {
      const p = this.prepared(req.collection, req.endpoint, tags);
      const rule = table.find(p.labels, req.method, req.path, req.audience);
      if (!rule) return ALLOWED;
      if (!this.used) this.firstUse();
      // one bucket per collection, route and tags, whichever rule matched
      return this.counter.hit(p.buckets[rule.audience] ?? `${p.buckets['']}${rule.audience}`, req.ip, rule, now);
    }
    const rule = table.find(NO_TAGS, req.method, req.path, req.audience);
    if (!rule) return ALLOWED;
    if (!this.used) this.firstUse();
    return this.counter.hit(table.bucketOf(rule), req.ip, rule, now);
  }

  private prepared(collection: Collection, endpoint: Endpoint, tags: readonly string[]): Prepared {
    let byEndpoint = this.preparedByCollection.get(collection);
    if (!byEndpoint) {
      byEndpoint = new WeakMap();
      this.preparedByCollection.set(collection, byEndpoint);
    }
    let p = byEndpoint.get(endpoint);
    if (!p || p.name !== collection.name) {
      p = prepare(collection, endpoint, tags);
      byEndpoint.set(endpoint, p);
    }
    return p;
  }

  /** Forgets windows that have ended (memory, and the shared table when there is one). */
  prune(now = Date.now()): Promise<void> {
    return this.counter.prune(now);
  }

  private apply(settings: Readonly<Settings>): void {
    const { enabled, rules } = settings.rateLimits;
    this.table = enabled ? new RuleTable(rules) : null;
    this.counter.reset();
  }
}

const NO_TAGS: readonly string[] = [];

const limiters = new WeakMap<App, RateLimiter>();

/** The app's rate limiter, created on first use (the HTTP server asks for it when it is built). */
export function rateLimiterOf(app: App): RateLimiter {
  let limiter = limiters.get(app);
  if (!limiter) {
    limiter = new RateLimiter(app);
    limiters.set(app, limiter);
  }
  return limiter;
}

/** True once the app's rate limiter counted a request (the `__pbRateLimitersCleanup__` job runs only then). */
export function rateLimitersUsed(app: App): boolean {
  return limiters.get(app)?.used ?? false;
}

/** Drops expired windows: the body of the `__pbRateLimitersCleanup__` job (`2 * * * *`). */
export async function pruneRateLimiters(app: App): Promise<void> {
  await limiters.get(app)?.prune();
}
