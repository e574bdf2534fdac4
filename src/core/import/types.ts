import type { BlobStore } from '../../blob/blob.js';
import type { Queryable } from '../../store/store.js';

/** The project being moved: its SQLite database (PocketBase's or Basalt's) and its local file storage. */
export interface ImportSource {
  db: Queryable;
  /** the data directory (pb_data, or a Basalt data dir) */
  dir: string;
  /** `<dir>/storage` */
  files: BlobStore;
}

/** One step of the run, for a progress bar: `done` of `total` units of `phase` (for `collection`). */
export interface ImportProgress {
  phase: 'collections' | 'records' | 'files' | 'verify';
  collection?: string;
  done: number;
  total: number;
}

export type ProgressFn = (p: ImportProgress) => void;

/** What the verification found for one collection. */
export interface CollectionCheck {
  name: string;
  type: 'base' | 'auth' | 'view';
  sourceRows: number;
  targetRows: number;
  /** sha256 over every record's values (tables only; '' for views) */
  sourceChecksum: string;
  targetChecksum: string;
  sourceFiles: number;
  /** files whose bytes match in the target */
  matchingFiles: number;
  ok: boolean;
}

export interface ImportReport {
  collections: CollectionCheck[];
  /** views whose query did not run on the target database: name → error */
  failedViews: Record<string, string>;
  settingsCopied: boolean;
  /** the files were already where the target reads them (same local storage) */
  filesInPlace: boolean;
  ok: boolean;
}
