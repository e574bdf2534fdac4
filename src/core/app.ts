import type { Logger } from 'pino';
import { type Mailer, NO_MAILER } from '../mail/mailer.js';
import type { Store } from '../store/store.js';
import type { OAuth2Relay } from './auth/oauth2/relay.js';
import { CollectionRegistry } from './collections/registry.js';
import { AppEvents } from './events.js';
import { FileStorage } from './files/storage.js';
import { CronJobs } from './jobs/registry.js';
import { AppMetrics } from './metrics/app-metrics.js';
import { NO_REALTIME, type RealtimePort } from './realtime.js';
import { RuntimeSettings } from './settings/runtime-settings.js';

/** Boot configuration, frozen at the boundary (config/) and passed down. */
export interface BootConfig {
  /** data directory (files, logs; the SQLite database when no external database is set) */
  dataDir: string;
  /** body size limit in bytes */
  bodyLimit: number;
  /** 32-byte key sealing the stored settings (AES-256-GCM); absent or '' stores them as plain JSON */
  encryptionKey?: string;
  /** the environment variable the key came from, named in error messages */
  encryptionEnv?: string;
}

/** The application core: ports (store with its dialect bundle, logger) plus the in-memory collection registry. */
export class App {
  readonly collections = new CollectionRegistry();
  /** the event catalogue: hooks into requests and record writes */
  readonly events = new AppEvents();
  /** the runtime settings in force (stored in `_params`, editable through the settings API) */
  readonly settings = new RuntimeSettings();
  /** the cron jobs (`add`, `remove`, `list`, `run`); their timers start with the HTTP server */
  readonly cron: CronJobs = new CronJobs(this);
  /** forwards `/api/oauth2-redirect` results to realtime clients; set by the realtime broker */
  oauth2Relay: OAuth2Relay | undefined = undefined;
  /** file storage: the blob store in force (local disk or S3, per `settings.s3`) and the thumbnailer */
  readonly files: FileStorage = new FileStorage(this);
  /** realtime messages to SSE clients (custom topics, one client); main.ts installs the broker */
  realtime: RealtimePort = NO_REALTIME;
  /** sends one mail now (main.ts sets the adapter); flows queue mail through the outbox instead */
  mailer: Mailer = NO_MAILER;
  /** the app's Prometheus metrics (`GET /api/metrics`); other parts register theirs on `metrics.registry` */
  readonly metrics = new AppMetrics();

  constructor(
    readonly store: Store,
    readonly config: BootConfig,
    readonly log: Logger,
  ) {}

  private readonly closers: Array<() => Promise<void>> = [];

  /** Registers work to do when the app closes (listeners, timers), before the store closes. */
  onClose(fn: () => Promise<void>): void {
    this.closers.push(fn);
  }

  async close(): Promise<void> {
    // Closing awaits worker threads (the read pool, the logs writer) that hold no reference on the
    // event loop while idle: a caller with nothing else pending (a CLI command, a test's `after`) could
    // otherwise see its process end half-way through the close.
    const hold = setInterval(() => {}, 60_000);
    try {
      for (const fn of this.closers.splice(0).reverse()) await fn();
      await this.store.close();
    } finally {
      clearInterval(hold);
    }
  }

  /** Reloads collections from the database (after a schema change commits). */
  async reloadCollections(): Promise<void> {
    await this.collections.load(this.store);
  }
}
