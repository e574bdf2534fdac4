import type { BlobStore } from '../../blob/blob.js';
import type { Queryable } from '../../store/store.js';
import type { App } from '../app.js';
import type { Collection, Field } from '../collection.js';
import { Errors } from '../errors.js';
import { toUniqueStrings } from '../fields/cast.js';
import { fileMaxSize } from '../fields/file.js';
import type { UploadedFileInput } from '../records/files-port.js';
import type { RecordData } from '../request.js';
import { type ErrorData, V } from '../validation.js';
import { fileKey, thumbsPrefix } from './keys.js';
import { mimeAllowed } from './mime-match.js';
import { isSafeOriginalName, storedFileName } from './names.js';
import { sniffMime } from './sniff.js';

interface Upload {
  file: UploadedFileInput;
  field: Field;
  name: string;
  mime: string;
}

interface Placement {
  committed: boolean;
  remove(): Promise<void>;
}

/** The file field a part name points to (`docs`, `docs+`, `+docs`), or undefined. */
function fileFieldOf(collection: Collection, part: string): Field | undefined {
  const names = [part, part.endsWith('+') ? part.slice(0, -1) : '', part.startsWith('+') ? part.slice(1) : ''];
  for (const name of names) {
    const field = name ? collection.fields.find((f) => f.name === name) : undefined;
    if (field) return field.type === 'file' ? field : undefined;
  }
  return undefined;
}

const asList = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

/**
 * The file side of one record write. New uploads get their stored names up front and join the body
 * under their part's key, so `field`, `field+` and `+field` resolve like any other value. The write
 * validates them with the record, moves the ones the record keeps into storage before the commit,
 * and after the commit removes the files it dropped. A write that does not commit leaves nothing.
 */
export class RecordFiles {
  private readonly uploads: Upload[] = [];
  private readonly partErrors: ErrorData = {};
  private readonly placements: Placement[] = [];
  /** stored name → the write of it, so a transaction run again does not write twice */
  private readonly writes = new Map<string, Promise<void>>();

  constructor(
    private readonly app: App,
    private readonly collection: Collection,
    files: readonly UploadedFileInput[],
  ) {
    for (const file of files) {
      const field = fileFieldOf(collection, file.field);
      if (!field) {
        this.partErrors[file.field] = V.notFileField();
        continue;
      }
      if (!isSafeOriginalName(file.filename)) {
        this.partErrors[field.name] = V.unsafeFileName();
        continue;
      }
      const mime = sniffMime(file.head);
      this.uploads.push({ file, field, name: storedFileName(file.filename, mime), mime });
    }
  }

  get empty(): boolean {
    return this.uploads.length === 0 && Object.keys(this.partErrors).length === 0;
  }

  /** The submitted values with each upload's stored name added under its part name. */
  body(data: Record<string, unknown>): Record<string, unknown> {
    if (this.uploads.length === 0) return data;
    const out = { ...data };
    for (const u of this.uploads) out[u.file.field] = [...asList(out[u.file.field]), u.name];
    return out;
  }

  /** Field errors of the files in `record`: unknown names, and new files too big, empty or of a refused type. */
  validate(record: RecordData, original: RecordData | null): ErrorData {
    const errors: ErrorData = { ...this.partErrors };
    for (const field of this.collection.fields) {
      if (field.type !== 'file') continue;
      const mine = this.uploads.filter((u) => u.field === field);
      const known = new Set([...toUniqueStrings(original?.[field.name]), ...mine.map((u) => u.name)]);
      const names = toUniqueStrings(record[field.name]);
      const unknown = names.filter((n) => !known.has(n));
      if (unknown.length > 0) {
        errors[field.name] = V.invalidFile(unknown);
        continue;
      }
      const kept = new Set(names);
      for (const u of mine) {
        if (!kept.has(u.name)) continue;
        const max = fileMaxSize(field);
        const error =
          u.file.truncated || u.file.size > max
            ? V.fileSizeLimit(max)
            : u.file.size === 0
              ? V.emptyFile()
              : mimeAllowed(u.mime, field.mimeTypes)
                ? null
                : V.invalidMimeType();
        if (error) {
          errors[field.name] = error;
          break;
        }
      }
    }
    return errors;
  }

  /**
   * Inside the transaction, once the record is valid: writes the uploads it keeps to storage, and
   * files the removal of the names it dropped for after the commit.
   */
  async apply(tx: Queryable, record: RecordData, original: RecordData | null): Promise<void> {
    if (this.uploads.length === 0 && !this.collection.fields.some((f) => f.type === 'file')) return;
    const id = String(record.id);
    const blob = this.app.files.blob();
    for (const u of this.uploads) {
      if (!toUniqueStrings(record[u.field.name]).includes(u.name)) continue;
      await this.place(tx, blob, fileKey(this.collection.id, id, u.name), u);
    }
    if (!original) return;
    const dropped: string[] = [];
    for (const field of this.collection.fields) {
      if (field.type !== 'file') continue;
      const kept = new Set(toUniqueStrings(record[field.name]));
      for (const name of toUniqueStrings(original[field.name])) if (!kept.has(name)) dropped.push(name);
    }
    if (dropped.length > 0) {
      this.app.store.afterCommit(tx, () => removeNamedFiles(this.app, blob, this.collection.id, id, dropped));
    }
  }

  private async place(tx: Queryable, blob: BlobStore, key: string, u: Upload): Promise<void> {
    let write = this.writes.get(u.name);
    if (!write) {
      const owner = u.file.owner;
      if (owner && !owner.open) throw Errors.badRequest();
      const { path, data } = u.file;
      if (path) write = blob.putFile(key, path, u.mime);
      else if (data) write = blob.put(key, data, u.mime);
      else throw Errors.badRequest();
      const done = write.catch(() => {});
      const placement: Placement = {
        committed: false,
        remove: async () => {
          await done;
          await blob.delete(key);
        },
      };
      this.placements.push(placement);
      owner?.placed(placement);
      this.writes.set(u.name, write);
      this.app.store.afterCommit(tx, () => {
        placement.committed = true;
      });
    }
    await write;
  }

  /**
   * After the write's own transaction ended (`owned`: it was the outermost one): removes what it
   * placed if that never committed. Inside a caller's transaction the uploads' owner does it.
   */
  async settle(owned: boolean): Promise<void> {
    if (!owned) return;
    const orphans = this.placements.filter((p) => !p.committed);
    await Promise.allSettled(orphans.map((p) => p.remove()));
  }
}

/** After a commit: removes named files of one record, with their thumbnails. */
function removeNamedFiles(app: App, blob: BlobStore, collectionId: string, recordId: string, names: string[]): void {
  app.files.background(`remove files of ${collectionId}/${recordId}`, async () => {
    for (const name of names) {
      await blob.delete(fileKey(collectionId, recordId, name));
      await blob.deletePrefix(thumbsPrefix(collectionId, recordId, name));
    }
  });
}
