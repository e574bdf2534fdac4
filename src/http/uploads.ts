import type { App } from '../core/app.js';
import type { Collection } from '../core/collection.js';
import { fileMaxSize } from '../core/fields/file.js';
import { UploadSession } from '../core/files/staging.js';
import type { UploadSink } from './body.js';

/** The file field a part name points to (`docs`, `docs+`, `+docs`). */
function fileFieldOf(c: Collection, part: string) {
  const name = part.startsWith('+') ? part.slice(1) : part.endsWith('+') ? part.slice(0, -1) : part;
  return c.fields.find((f) => f.type === 'file' && (f.name === part || f.name === name));
}

/**
 * Uploads of a record create/update: a part is kept up to its field's `maxSize` (one byte more marks
 * it too large); a part under anything but a file field keeps nothing (the write answers 400).
 */
export function recordUploads(app: App, c: Collection): UploadSink {
  return {
    session: new UploadSession(app.files.uploadDir),
    limitFor(part) {
      const field = fileFieldOf(c, part);
      return field ? fileMaxSize(field) : 0;
    },
  };
}

/**
 * Uploads of a batch: the sub-request a part belongs to is only known once the `@jsonPayload` part
 * is read (the SDK sends it last), so a part is kept up to the largest `maxSize` of any file field.
 */
export function batchUploads(app: App): UploadSink {
  let max = 0;
  for (const c of app.collections.all())
    for (const f of c.fields) if (f.type === 'file') max = Math.max(max, fileMaxSize(f));
  return { session: new UploadSession(app.files.uploadDir), limitFor: () => max };
}
