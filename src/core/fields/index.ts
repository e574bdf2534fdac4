import type { Field, FieldTypeName } from '../collection.js';
import { autodateField } from './autodate.js';
import { boolField } from './bool.js';
import { dateField } from './date.js';
import { editorField } from './editor.js';
import { emailField } from './email.js';
import type { FieldType } from './field-type.js';
import { fileField } from './file.js';
import { geoPointField } from './geo-point.js';
import { jsonField } from './json.js';
import { numberField } from './number.js';
import { passwordField } from './password.js';
import { relationField } from './relation.js';
import { selectField } from './select.js';
import { textField } from './text.js';
import { urlField } from './url.js';

export { formatDateMs, parseDate, toDateString } from './date-parse.js';
export { EDITOR_MAX_SIZE_DEFAULT } from './editor.js';
export type { FieldType, ModifierOp, OptionsContext, StorageKind, ValueContext } from './field-type.js';
export { FILE_MAX_SIZE_DEFAULT, fileMaxSelect, fileMaxSize } from './file.js';
export { type GeoPoint, toGeoPoint } from './geo-point.js';
export { JSON_MAX_SIZE_DEFAULT, serializeJson } from './json.js';
export { BCRYPT_DEFAULT_COST, PASSWORD_MAX, type PasswordValue, passwordCost } from './password.js';
export { compilePattern, matchesPattern } from './pattern.js';
export { TEXT_MAX_DEFAULT } from './text.js';

export const fieldTypes: Record<FieldTypeName, FieldType> = {
  text: textField,
  editor: editorField,
  number: numberField,
  bool: boolField,
  email: emailField,
  url: urlField,
  date: dateField,
  autodate: autodateField,
  select: selectField,
  file: fileField,
  relation: relationField,
  json: jsonField,
  geoPoint: geoPointField,
  password: passwordField,
};

/** The behaviour of a field type by name; undefined for unknown type names. */
export function getFieldType(name: FieldTypeName): FieldType;
export function getFieldType(name: string): FieldType | undefined;
export function getFieldType(name: string): FieldType | undefined {
  return Object.hasOwn(fieldTypes, name) ? fieldTypes[name as FieldTypeName] : undefined;
}

/**
 * A complete field of `type`: common keys, then the type's option defaults overlaid with the known
 * option keys from `options` (unknown keys are left out). The id stays '' unless `options.id` is given.
 */
export function newField(type: FieldTypeName, name: string, options: Record<string, unknown> = {}): Field {
  const fieldType = fieldTypes[type];
  const defaults = fieldType.defaults();
  const field: Field = {
    id: typeof options.id === 'string' ? options.id : '',
    name,
    type,
    system: options.system === true,
    hidden: options.hidden === true,
    presentable: options.presentable === true,
    ...defaults,
  };
  for (const key of Object.keys(defaults)) {
    if (options[key] !== undefined) field[key] = options[key];
  }
  return field;
}
