import type { Field } from '../collection.js';
import { type FieldError, V } from '../validation.js';
import { isRequired, listCommon } from './base.js';
import { intOption, toUniqueStrings } from './cast.js';
import type { FieldType, OptionsContext } from './field-type.js';
import { Options } from './options.js';

function checkCollectionId(id: string, ctx: OptionsContext): FieldError | null {
  const prev = ctx.previous;
  if (prev?.type === 'relation' && typeof prev.collectionId === 'string' && prev.collectionId !== id) {
    return V.relationCollectionChange();
  }
  const target = id === ctx.collection.id ? ctx.collection : ctx.findCollection(id);
  if (!target || target.id !== id) return V.relationMissingCollection();
  if (ctx.collection.type !== 'view' && target.type === 'view') return V.relationToView();
  return null;
}

/** Record references; the record service checks that the ids exist (`validation_missing_rel_records`). */
export const relationField: FieldType = {
  name: 'relation',
  ...listCommon,
  defaults: () => ({ collectionId: '', cascadeDelete: false, minSelect: 0, maxSelect: 0, required: false }),

  validateOptions(field: Field, ctx: OptionsContext) {
    const o = new Options(field, relationField.defaults());
    const collectionId = o.string('collectionId');
    o.bool('cascadeDelete');
    const minSelect = o.int('minSelect');
    const maxSelect = o.int('maxSelect');
    o.bool('required');
    const idError = collectionId === '' ? V.required() : checkCollectionId(collectionId, ctx);
    if (idError) o.fail('collectionId', idError);
    o.range('minSelect', minSelect, 0);
    if (minSelect > 0 && maxSelect === 0) o.fail('maxSelect', V.required());
    else o.range('maxSelect', maxSelect, minSelect);
    return o.errors;
  },

  validate(field: Field, value: unknown) {
    const ids = toUniqueStrings(value);
    if (ids.length === 0) return isRequired(field) ? V.required() : null;
    const min = intOption(field.minSelect);
    if (min > 0 && ids.length < min) return V.notEnoughValues(min);
    const max = Math.max(intOption(field.maxSelect), 1);
    if (ids.length > max) return V.tooManyValues(max);
    return null;
  },
};
