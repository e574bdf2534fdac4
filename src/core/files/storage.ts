import { join } from 'node:path';
import type { BlobStore } from '../../blob/blob.js';
import type { Thumbnailer } from '../../image/thumbnailer.js';
import type { S3Settings } from '../settings/settings.js';

/** Builds the blob store for the `s3` settings, or the local one when `s3` is null (main.ts picks the adapters). */
export type BlobFactory = (s3: Readonly<S3Settings> | null) => BlobStore;

export interface FileAdapters {
  blob: BlobFactory;
  thumbnailer: Thumbnailer;
}

/** What file storage needs of the app (the App satisfies it; naming App here would be an import cycle). */
export interface FilesHost {
  readonly config: { readonly dataDir: string };
  readonly settings: { get(): { readonly s3: Readonly<S3Settings> } };
}

const signature = (s3: Readonly<S3Settings>) =>
  s3.enabled ? JSON.stringify([s3.endpoint, s3.bucket, s3.region, s3.accessKey, s3.secret, s3.forcePathStyle]) : '';

/**
 * The blob store in force and the thumbnailer. The store follows `settings.s3`: the first use after
 * a change builds the new one, so every request sees the settings of its moment. Stores replaced
 * stay open for requests still streaming from them and close with the app.
 */
export class FileStorage {
  private adapters: FileAdapters | null = null;
  private current: { signature: string; blob: BlobStore } | null = null;
  private readonly retired: BlobStore[] = [];
  private readonly running = new Set<Promise<void>>();
  /** told about a background removal that failed (the app logs it) */
  onError: (err: unknown, what: string) => void = () => {};

  constructor(private readonly host: FilesHost) {}

  /** Plugs in the adapters (main.ts). */
  use(adapters: FileAdapters): void {
    this.adapters = adapters;
  }

  private get plugged(): FileAdapters {
    if (!this.adapters) throw new Error('file storage adapters are not set (see main.ts)');
    return this.adapters;
  }

  /** The store files are read from and written to now. */
  blob(): BlobStore {
    const s3 = this.host.settings.get().s3;
    const sig = signature(s3);
    if (this.current?.signature === sig) return this.current.blob;
    if (this.current) this.retired.push(this.current.blob);
    const blob = this.plugged.blob(s3.enabled ? s3 : null);
    this.current = { signature: sig, blob };
    return blob;
  }

  /** A store for other S3 settings (the S3 test of the settings API); the caller closes it. */
  blobFor(s3: Readonly<S3Settings>): BlobStore {
    return this.plugged.blob(s3);
  }

  get thumbnailer(): Thumbnailer {
    return this.plugged.thumbnailer;
  }

  /** Where uploads land while the request is read: local disk under the data directory, whatever the store. */
  get uploadDir(): string {
    return join(this.host.config.dataDir, '.uploads');
  }

  /** Runs storage work that nobody waits for (removals after a commit); failures go to `onError`. */
  background(what: string, task: () => Promise<void>): void {
    const p = task()
      .catch((err) => this.onError(err, what))
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }

  /** Resolves once the background work started so far is done (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  async close(): Promise<void> {
    await this.settled();
    const all = [...this.retired.splice(0), ...(this.current ? [this.current.blob] : [])];
    this.current = null;
    await Promise.allSettled(all.map((b) => b.close()));
  }
}
