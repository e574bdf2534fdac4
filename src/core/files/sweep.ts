import { opendir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { App } from '../app.js';
import { toUniqueStrings } from '../fields/cast.js';
import { findRecordById } from '../records/lookup.js';

/** Files younger than this are left alone: a write may have placed them and not committed yet. */
const GRACE_MS = 60 * 60 * 1000;
/** Uploads on local disk older than this belong to no request any more. */
const STALE_UPLOAD_MS = 6 * 60 * 60 * 1000;
/** Collection ids as Basalt and PocketBase make them. */
const COLLECTION_ID = /^(pbc_\d+|[a-z0-9]{15})$/;

/** Which file a key is about: `<collection>/<record>/<name>` or its thumbnail `<collection>/<record>/thumbs_<name>/<thumb>`. */
function parseKey(key: string): { collectionId: string; recordId: string; name: string } | null {
  const parts = key.split('/');
  const [collectionId = '', recordId = '', third = ''] = parts;
  if (parts.length === 3) return { collectionId, recordId, name: third };
  if (parts.length === 4 && third.startsWith('thumbs_')) return { collectionId, recordId, name: third.slice(7) };
  return null;
}

async function sweepLocalUploads(dir: string, now: number): Promise<number> {
  let removed = 0;
  try {
    for await (const entry of await opendir(dir)) {
      const path = join(dir, entry.name);
      const s = await stat(path).catch(() => null);
      if (s && now - s.mtimeMs > STALE_UPLOAD_MS) {
        await rm(path, { force: true, recursive: true });
        removed++;
      }
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return removed;
}

/**
 * Removes stored files that no record names (left by a crash between a file write and its commit,
 * or between a commit and the removal after it), thumbnails of such files, and stale uploads. Files
 * of collections this app does not know (under ids it would not make) are never touched.
 */
export async function sweepUnreferencedFiles(app: App, now = Date.now()): Promise<{ removed: number }> {
  let removed = await sweepLocalUploads(app.files.uploadDir, now);
  const blob = app.files.blob();
  // per record: the names its file fields hold, or 'keep' for folders of a collection we did not make
  const cache = new Map<string, Set<string> | 'keep'>();
  const namesOf = async (collectionId: string, recordId: string): Promise<Set<string> | 'keep'> => {
    const id = `${collectionId}/${recordId}`;
    const hit = cache.get(id);
    if (hit) return hit;
    const collection = app.collections.find(collectionId);
    let found: Set<string> | 'keep' = new Set<string>();
    if (collection && collection.id === collectionId && collection.type !== 'view') {
      const record = await findRecordById(app.store, collection, recordId);
      for (const f of collection.fields)
        if (f.type === 'file' && record) for (const n of toUniqueStrings(record[f.name])) found.add(n);
    } else if (!COLLECTION_ID.test(collectionId)) found = 'keep';
    if (cache.size > 10_000) cache.clear();
    cache.set(id, found);
    return found;
  };
  for await (const info of blob.list('')) {
    if (now - info.modified.getTime() < GRACE_MS) continue;
    const ref = parseKey(info.key);
    if (!ref) continue;
    const known = await namesOf(ref.collectionId, ref.recordId);
    if (known === 'keep' || known.has(ref.name)) continue;
    await blob.delete(info.key);
    removed++;
  }
  if (removed > 0) app.log.info({ removed }, 'removed unreferenced files');
  return { removed };
}
