import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { lazy } from '../lib/lazy.js';
import type { BlobInfo, BlobStore, ByteRange } from './blob.js';

/**
 * A store whose adapter is loaded on first use. The S3 adapter comes this way, so its client library
 * (a large one) is only read from disk by servers whose settings point at a bucket.
 */
export function lazyBlobStore(kind: string, load: () => Promise<BlobStore>): BlobStore {
  const inner = lazy(load);
  let loaded = false;
  const store = async () => {
    const s = await inner();
    loaded = true;
    return s;
  };
  return {
    kind,
    put: async (key, data, contentType) => (await store()).put(key, data, contentType),
    putFile: async (key, path, contentType) => {
      // the local file is gone afterwards whatever the outcome, a failed load included
      const s = await store().catch(async (err) => {
        await rm(path, { force: true });
        throw err;
      });
      return s.putFile(key, path, contentType);
    },
    get: async (key: string, range?: ByteRange): Promise<Readable> => (await store()).get(key, range),
    head: async (key) => (await store()).head(key),
    exists: async (key) => (await store()).exists(key),
    delete: async (key) => (await store()).delete(key),
    deletePrefix: async (prefix) => (await store()).deletePrefix(prefix),
    async *list(prefix: string): AsyncIterable<BlobInfo> {
      yield* (await store()).list(prefix);
    },
    close: async () => {
      if (loaded) await (await inner()).close();
    },
  };
}
