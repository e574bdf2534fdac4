import type { Field } from '../collection.js';
import { type ErrorData, V } from '../validation.js';
import { isRequired, listCommon } from './base.js';
import { intOption, toUniqueStrings } from './cast.js';
import type { FieldType } from './field-type.js';
import { MAX_SAFE_JSON_INT, Options } from './options.js';

/** The per-file size limit (bytes) applied when a file field's `maxSize` is 0. */
export const FILE_MAX_SIZE_DEFAULT = 5 * 1024 * 1024;

const THUMB = /^(\d+)x(\d+)(t|b|f)?$/;

/** The effective per-file size limit in bytes. */
export function fileMaxSize(field: Field): number {
  return intOption(field.maxSize) || FILE_MAX_SIZE_DEFAULT;
}

/** The effective max number of files (at least 1). */
export function fileMaxSelect(field: Field): number {
  return Math.max(intOption(field.maxSelect), 1);
}

function checkThumbs(o: Options): void {
  const nested: ErrorData = {};
  (o.strings('thumbs') ?? []).forEach((thumb, i) => {
    const m = THUMB.exec(thumb);
    if (m && Number(m[1]) === 0 && Number(m[2]) === 0) nested[String(i)] = V.notInInvalid();
    else if (!m) nested[String(i)] = V.matchInvalid();
  });
  if (Object.keys(nested).length > 0) o.fail('thumbs', nested);
}

/** Filenames; uploads, unknown names and size/mime checks belong to the record and file services. */
export const fileField: FieldType = {
  name: 'file',
  ...listCommon,
  defaults: () => ({ maxSize: 0, maxSelect: 0, mimeTypes: [], thumbs: [], protected: false, required: false }),

  validateOptions(field: Field) {
    const o = new Options(field, fileField.defaults());
    o.range('maxSize', o.int('maxSize'), 0, MAX_SAFE_JSON_INT);
    o.range('maxSelect', o.int('maxSelect'), 0, MAX_SAFE_JSON_INT);
    o.strings('mimeTypes');
    checkThumbs(o);
    o.bool('protected');
    o.bool('required');
    return o.errors;
  },

  validate(field: Field, value: unknown) {
    const files = toUniqueStrings(value);
    if (files.length === 0) return isRequired(field) ? V.required() : null;
    const max = fileMaxSelect(field);
    return files.length > max ? V.tooManyFiles(max) : null;
  },

  maxBodySize: (field: Field) => fileMaxSize(field) * fileMaxSelect(field),
};
