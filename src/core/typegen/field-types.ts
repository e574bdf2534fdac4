import { type Field, isMultiple } from '../collection.js';
import { literal } from './identifiers.js';

/** One value of a select (its values as a union), relation (an id) or file (a stored name) field. */
function elementType(field: Field): string {
  if (field.type !== 'select') return 'string';
  const values = Array.isArray(field.values) ? field.values.map((v) => literal(String(v))) : [];
  return values.length > 0 ? values.join(' | ') : 'string';
}

const listOf = (one: string) => (one.includes('|') ? `Array<${one}>` : `${one}[]`);

/** What a field holds in a record as the API returns it. */
export function recordType(field: Field): string {
  switch (field.type) {
    case 'number':
      return 'number';
    case 'bool':
      return 'boolean';
    case 'select':
    case 'relation':
    case 'file': {
      const one = elementType(field);
      if (isMultiple(field)) return listOf(one);
      // "" is the unset single value
      return field.type === 'select' && one !== 'string' ? `${one} | ""` : one;
    }
    case 'json':
      return 'unknown';
    case 'geoPoint':
      return 'GeoPoint';
    default:
      // text, editor, email, url, date, autodate (and password, which is never returned)
      return 'string';
  }
}

/** What a create or update body may send for a field. */
export function inputType(field: Field): string {
  if (field.type === 'file') return isMultiple(field) ? 'FileInput[]' : 'FileInput | ""';
  if ((field.type === 'relation' || field.type === 'select') && isMultiple(field)) {
    // a list also takes a single value
    const one = elementType(field);
    return `${listOf(one)} | ${one}`;
  }
  return recordType(field);
}

/** The body modifiers of a field, with the type of value each takes. */
export function modifierTypes(field: Field): Array<[string, string]> {
  const n = field.name;
  if (field.type === 'number') {
    return [
      [`${n}+`, 'number'],
      [`${n}-`, 'number'],
    ];
  }
  if (field.type === 'file') {
    if (!isMultiple(field)) return [[`${n}-`, 'string']];
    return [
      [`${n}+`, 'FileInput | FileInput[]'],
      [`+${n}`, 'FileInput | FileInput[]'],
      [`${n}-`, 'string | string[]'],
    ];
  }
  if (!isMultiple(field)) return [];
  const one = elementType(field);
  const many = `${one} | ${listOf(one)}`;
  return [
    [`${n}+`, many],
    [`+${n}`, many],
    [`${n}-`, many],
  ];
}
