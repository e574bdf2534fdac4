import type { Field } from '../collection.js';
import { V } from '../validation.js';
import { isRequired, stringCommon } from './base.js';
import { intOption } from './cast.js';
import type { FieldType } from './field-type.js';
import { MAX_SAFE_JSON_INT, Options } from './options.js';

/** The content size limit (bytes) applied when an editor field's `maxSize` is 0. */
export const EDITOR_MAX_SIZE_DEFAULT = 5 * 1024 * 1024;

function maxSize(field: Field): number {
  return intOption(field.maxSize) || EDITOR_MAX_SIZE_DEFAULT;
}

export const editorField: FieldType = {
  name: 'editor',
  ...stringCommon,
  defaults: () => ({ maxSize: 0, convertURLs: false, required: false }),

  validateOptions(field: Field) {
    const o = new Options(field, editorField.defaults());
    o.range('maxSize', o.int('maxSize'), 0, MAX_SAFE_JSON_INT);
    o.bool('convertURLs');
    o.bool('required');
    return o.errors;
  },

  validate(field: Field, value: unknown) {
    if (typeof value !== 'string') return V.unsupportedValueType();
    if (value === '') return isRequired(field) ? V.required() : null;
    const limit = maxSize(field);
    if (Buffer.byteLength(value, 'utf8') > limit) return V.contentSizeLimit(limit);
    return null;
  },

  maxBodySize: maxSize,
};
