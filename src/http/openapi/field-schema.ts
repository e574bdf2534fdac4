import { type Field, isMultiple } from '../../core/collection.js';
import { DATE_PATTERN, emptyOr, type Schema } from './json-schema.js';

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** One value of a multi-valued field, or the field's single value. */
function itemSchema(field: Field): Schema {
  switch (field.type) {
    case 'select':
      return { type: 'string', enum: list(field.values) };
    case 'relation':
      return { type: 'string', description: 'a record id' };
    case 'file':
      return { type: 'string', description: 'a stored file name' };
    default:
      return {};
  }
}

/** Single: one value or "" (unset); multiple: a list of at most `maxSelect` values. */
function choiceSchema(field: Field): Schema {
  const item = itemSchema(field);
  if (isMultiple(field)) return { type: 'array', items: item, maxItems: num(field.maxSelect) };
  if (field.type === 'select') return { type: 'string', enum: [...list(field.values), ''] };
  return item;
}

function textSchema(field: Field): Schema {
  const s: Schema = { type: 'string' };
  if (num(field.max) > 0) s.maxLength = num(field.max);
  if (typeof field.pattern === 'string' && field.pattern !== '') {
    // the pattern is an RE2 expression, which JSON Schema's ECMAScript patterns do not always accept
    s.description = `matches the RE2 pattern \`${field.pattern}\` when not empty`;
  }
  return s;
}

function numberSchema(field: Field): Schema {
  const s: Schema = { type: field.onlyInt === true ? 'integer' : 'number' };
  if (typeof field.min === 'number') s.minimum = field.min;
  if (typeof field.max === 'number') s.maximum = field.max;
  // 0 is always accepted unless required: it is the unset value
  if (s.minimum !== undefined || s.maximum !== undefined) return { anyOf: [{ const: 0 }, s] };
  return s;
}

/** The schema of a field's value as the API returns it (and, for most types, as it accepts it). */
export function fieldSchema(field: Field): Schema {
  switch (field.type) {
    case 'text':
      return textSchema(field);
    case 'editor':
      return { type: 'string', contentMediaType: 'text/html' };
    case 'number':
      return numberSchema(field);
    case 'bool':
      return { type: 'boolean' };
    case 'email':
      return emptyOr('email');
    case 'url':
      return emptyOr('uri');
    case 'date':
      return { type: 'string', pattern: DATE_PATTERN };
    case 'autodate':
      return { type: 'string', pattern: DATE_PATTERN, readOnly: true };
    case 'select':
    case 'relation':
    case 'file':
      return choiceSchema(field);
    case 'json':
      return { description: 'any JSON value (null when unset)' };
    case 'geoPoint':
      return {
        type: 'object',
        properties: {
          lon: { type: 'number', minimum: -180, maximum: 180 },
          lat: { type: 'number', minimum: -90, maximum: 90 },
        },
        required: ['lon', 'lat'],
      };
    case 'password':
      return { type: 'string', writeOnly: true };
    default:
      return {};
  }
}

/** The schema of a field in a multipart body: file fields take binary parts, the rest text. */
export function formFieldSchema(field: Field): Schema {
  if (field.type !== 'file') return fieldSchema(field);
  const file: Schema = { type: 'string', format: 'binary' };
  return isMultiple(field) ? { type: 'array', items: file, maxItems: num(field.maxSelect) } : file;
}

/** True for fields a client can send a value for (autodates are set by the server). */
export function isWritable(field: Field): boolean {
  return field.type !== 'autodate';
}

/** True when a create must carry a value for the field. */
export function isRequiredOnCreate(field: Field): boolean {
  if (field.required !== true || !isWritable(field)) return false;
  // generated values: a text primary key or pattern, and the auth token key
  if (field.type === 'text' && (field.primaryKey === true || field.autogeneratePattern)) return false;
  return true;
}

/** The body modifiers a field type understands: `name+`, `+name`, `name-` (lists), or `name+`/`name-` (numbers). */
export function modifierKeys(field: Field): string[] {
  if (field.type === 'number') return [`${field.name}+`, `${field.name}-`];
  if (isMultiple(field)) return [`${field.name}+`, `+${field.name}`, `${field.name}-`];
  if (field.type === 'file') return [`${field.name}-`];
  return [];
}
