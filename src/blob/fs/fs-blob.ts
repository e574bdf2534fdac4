import { createReadStream } from 'node:fs';
import { mkdir, opendir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { randomString } from '../../lib/random.js';
import { assertSafeKey, type BlobInfo, BlobNotFound, type BlobStore, type ByteRange } from '../blob.js';
import { forgetAttrs, readAttrs, SIDE_SUFFIXES, writeAttrs } from './attrs.js';

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException)?.code === 'ENOENT';

/**
 * Objects as files under `root` (`<dataDir>/storage`), one file per key. The content type rides in a
 * `<file>.attrs` JSON file beside it, the layout PocketBase's local storage uses, so a data directory
 * moves between the two. Writes land in a hidden `.part` file (or an upload's own file) renamed into
 * place: a reader never sees half a file.
 */
export class FsBlobStore implements BlobStore {
  readonly kind = 'local';

  constructor(private readonly root: string) {}

  private path(key: string): string {
    return join(this.root, ...assertSafeKey(key).split('/'));
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    const part = join(dirname(path), `.${randomString(12)}.part`);
    try {
      await writeFile(part, data, { flag: 'wx' });
      await writeAttrs(path, contentType);
      await rename(part, path);
    } finally {
      await rm(part, { force: true });
    }
  }

  async putFile(key: string, source: string, contentType: string): Promise<void> {
    const path = this.path(key);
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeAttrs(path, contentType);
      await rename(source, path);
    } finally {
      await rm(source, { force: true });
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const path = this.path(key);
    const stream = createReadStream(path, range ? { start: range.start, end: range.end } : undefined);
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', (err) => reject(isMissing(err) ? new BlobNotFound(key) : err));
    });
    return stream;
  }

  async head(key: string): Promise<BlobInfo | null> {
    const path = this.path(key);
    try {
      const s = await stat(path);
      if (!s.isFile()) return null;
      return { key, size: s.size, modified: s.mtime, contentType: await readAttrs(path) };
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.head(key)) !== null;
  }

  async delete(key: string): Promise<void> {
    const path = this.path(key);
    forgetAttrs(path);
    await rm(path, { force: true });
    await rm(`${path}.attrs`, { force: true });
  }

  async deletePrefix(prefix: string): Promise<void> {
    if (prefix.endsWith('/')) {
      forgetAttrs(this.path(prefix.slice(0, -1)));
      await rm(this.path(prefix.slice(0, -1)), { recursive: true, force: true });
      return;
    }
    for await (const info of this.list(prefix)) await this.delete(info.key);
  }

  async *list(prefix: string): AsyncIterable<BlobInfo> {
    if (prefix !== '') assertSafeKey(prefix);
    const slash = prefix.lastIndexOf('/');
    const start = slash < 0 ? this.root : this.path(prefix.slice(0, slash));
    yield* this.walk(start, prefix);
  }

  private async *walk(dir: string, prefix: string): AsyncIterable<BlobInfo> {
    let handle: Awaited<ReturnType<typeof opendir>>;
    try {
      handle = await opendir(dir);
    } catch (err) {
      if (isMissing(err) || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return;
      throw err;
    }
    for await (const entry of handle) {
      const full = join(dir, entry.name);
      const key = relative(this.root, full).split(sep).join('/');
      if (entry.isDirectory()) {
        if (key.startsWith(prefix) || prefix.startsWith(`${key}/`)) yield* this.walk(full, prefix);
        continue;
      }
      if (!entry.isFile() || !key.startsWith(prefix) || entry.name.startsWith('.')) continue;
      if (SIDE_SUFFIXES.some((s) => entry.name.endsWith(s))) continue;
      const info = await this.head(key).catch(() => null);
      if (info) yield info;
    }
  }

  async close(): Promise<void> {}
}
