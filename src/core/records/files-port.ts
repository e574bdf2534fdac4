/** Told where an upload went, so whoever staged it can undo a write that never commits (core/files). */
export interface UploadOwner {
  /** `key` in `blob` now holds the file; `committed()` is called once the database write commits */
  placed(placement: { remove(): Promise<void>; committed: boolean }): void;
  /** false once the request that staged the upload is over: nothing may be placed any more */
  readonly open: boolean;
}

/** An uploaded file as the record service receives it: streamed to local disk, or bytes made in code. */
export interface UploadedFileInput {
  /** the part name: the field, with its `+` / leading `+` modifier (`documents+`) */
  field: string;
  /** the name the client gave; the stored name is built from it */
  filename: string;
  /** size in bytes (what was read before stopping, for an upload past its limit) */
  size: number;
  /** the first bytes, for content sniffing */
  head: Buffer;
  /** true when the upload went past its size limit and was cut off: nothing of it is kept */
  truncated?: boolean;
  /** the finished upload on local disk (moved into storage when the record is written) */
  path?: string;
  /** the bytes, for files made in code (hooks, tests) */
  data?: Buffer;
  owner?: UploadOwner;
}
