import type { BlobStore } from '../../blob/blob.js';
import { parseThumbSize, type ThumbFormat } from '../../image/thumbnailer.js';
import type { App } from '../app.js';
import type { Field } from '../collection.js';
import { fileKey, thumbKey } from './keys.js';

/** Stored types that get thumbnails, and the format each is written in (WebP becomes PNG). */
const THUMB_FORMATS: Record<string, ThumbFormat> = {
  'image/png': 'png',
  'image/jpg': 'jpeg',
  'image/jpeg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'png',
};
const FORMAT_TYPES: Record<ThumbFormat, string> = { png: 'image/png', jpeg: 'image/jpeg', gif: 'image/gif' };

/** Always allowed, whatever the field lists (the dashboard's previews). */
const DEFAULT_THUMB = '100x100';

/** Thumbnails being made in this process, by store and key: concurrent first requests share one. */
const making = new Map<string, Promise<boolean>>();

/** True when `size` may be served for files of `field`. */
export function thumbAllowed(field: Field, size: string): boolean {
  if (size === DEFAULT_THUMB) return true;
  return Array.isArray(field.thumbs) && field.thumbs.includes(size) && parseThumbSize(size) !== null;
}

/**
 * The key of the `size` thumbnail of a stored file, made and stored on first request; null when
 * the file gets none (not an image, size not allowed) or making it failed (a corrupt or oversized
 * image): the caller serves the original then.
 */
export async function thumbnailKey(
  app: App,
  blob: BlobStore,
  at: { collectionId: string; recordId: string; name: string; field: Field; contentType: string },
  size: string,
): Promise<string | null> {
  const format = THUMB_FORMATS[at.contentType.split(';')[0]?.trim().toLowerCase() ?? ''];
  const spec = parseThumbSize(size);
  if (!format || !spec || !thumbAllowed(at.field, size)) return null;
  const key = thumbKey(at.collectionId, at.recordId, at.name, size);
  if (await blob.exists(key)) return key;
  const id = `${blob.kind}\u0000${key}`;
  let job = making.get(id);
  if (!job) {
    job = (async () => {
      try {
        const input = await blob.get(fileKey(at.collectionId, at.recordId, at.name));
        const data = await app.files.thumbnailer.thumbnail(input, spec, format);
        await blob.put(key, data, FORMAT_TYPES[format]);
        return true;
      } catch (err) {
        app.log.debug({ err, key }, 'thumbnail not made: the original is served');
        return false;
      }
    })().finally(() => making.delete(id));
    making.set(id, job);
  }
  return (await job) ? key : null;
}
