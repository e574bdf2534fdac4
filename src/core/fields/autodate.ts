import type { Field } from '../collection.js';
import { V } from '../validation.js';
import { toDateString } from './date-parse.js';
import type { FieldType, OptionsContext, StorageKind } from './field-type.js';
import { Options } from './options.js';

/**
 * Dates set by the server: on insert (`onCreate`) and/or on every update (`onUpdate`).
 * The record service ignores client input for these fields and sets the values itself;
 * `coerce` only normalises a date given to it (a stored value or a Date).
 */
export const autodateField: FieldType = {
  name: 'autodate',
  defaults: () => ({ onCreate: true, onUpdate: false }),

  validateOptions(field: Field, ctx: OptionsContext) {
    const o = new Options(field, autodateField.defaults());
    const onCreate = o.bool('onCreate');
    const onUpdate = o.bool('onUpdate');
    const prev = ctx.previous;
    if (field.system === true && prev?.type === 'autodate') {
      if (onCreate !== (prev.onCreate === true)) o.fail('onCreate', V.valuesMismatch());
      if (onUpdate !== (prev.onUpdate === true)) o.fail('onUpdate', V.valuesMismatch());
    }
    if (!onCreate && !onUpdate) {
      o.fail('onCreate', V.autodateNeedsEvent());
      o.fail('onUpdate', V.autodateNeedsEvent());
    }
    return o.errors;
  },

  storage: (): StorageKind => 'text',
  zero: () => '',
  coerce: (_field: Field, input: unknown) => toDateString(input),
  validate: () => null,
  isEmpty: (_field: Field, value: unknown) => typeof value !== 'string' || value === '',
};
