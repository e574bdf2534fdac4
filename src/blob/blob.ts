import type { Readable } from 'node:stream';

/** What storage knows of one object. */
export interface BlobInfo {
  key: string;
  size: number;
  modified: Date;
  /** the type it was written with; '' when none was given */
  contentType: string;
}

/** An inclusive byte range, as HTTP Range headers name them. */
export interface ByteRange {
  start: number;
  end: number;
}

/** Thrown by `get` for a key that holds nothing. */
export class BlobNotFound extends Error {
  constructor(readonly key: string) {
    super(`no object at ${key}`);
  }
}

/**
 * File storage by key (`a/b/c.png`, slash separated). Implementations stream: nothing is read
 * whole into memory. Deleting something missing is not an error.
 */
export interface BlobStore {
  /** a short name for logs and errors: `local` or `s3` */
  readonly kind: string;
  /** Writes `data` at `key`, replacing what is there. For small objects (thumbnails, probes). */
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /**
   * Moves the local file at `path` (a finished upload, under the data directory) to `key`, streaming
   * it: a rename on disk, an upload on S3. The local file is gone afterwards, whatever the outcome.
   */
  putFile(key: string, path: string, contentType: string): Promise<void>;
  /** The bytes at `key` (all, or the range). Throws BlobNotFound. */
  get(key: string, range?: ByteRange): Promise<Readable>;
  /** The object's info, or null when there is none. */
  head(key: string): Promise<BlobInfo | null>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Deletes every object whose key starts with `prefix` (a folder when it ends with `/`). */
  deletePrefix(prefix: string): Promise<void>;
  /** Every object whose key starts with `prefix`, in no particular order. */
  list(prefix: string): AsyncIterable<BlobInfo>;
  /** Releases connections; the store is not used after. */
  close(): Promise<void>;
}

/**
 * True for keys storage accepts: relative, slash separated, no empty, `.` or `..` segment, no
 * backslash or control character. Both adapters check it, so no key ever leaves its root.
 */
export function isSafeKey(key: string): boolean {
  if (key === '' || key.length > 1024 || key.startsWith('/')) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\\\u0000-\u001f\u007f]/.test(key)) return false;
  return key.split('/').every((s, i, all) => (s !== '' || i === all.length - 1) && s !== '.' && s !== '..');
}

/** Throws unless `key` is safe (see isSafeKey). */
export function assertSafeKey(key: string): string {
  if (!isSafeKey(key)) throw new Error(`unsafe storage key: ${JSON.stringify(key)}`);
  return key;
}
