/** An uploaded file as the record service receives it (stored by the files feature). */
export interface UploadedFileInput {
  field: string;
  filename: string;
  mimetype: string;
  data: Buffer;
}
