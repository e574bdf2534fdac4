import type { Collection, Field } from '../../core/collection.js';
import { isMultiple } from '../../core/collection.js';
import { fieldSchema, formFieldSchema, isRequiredOnCreate, isWritable, modifierKeys } from './field-schema.js';
import { ref, type Schema } from './json-schema.js';

const MODIFIER: Schema = {
  description: 'a body modifier: `x+` appends (numbers: adds), `+x` prepends, `x-` removes (numbers: subtracts)',
};

/** Never in any response, not even to superusers. */
const NEVER_OUTPUT = new Set(['password', 'tokenKey']);

/** Component names of one collection's schemas. */
export function schemaNames(c: Collection) {
  return { record: `${c.name}Record`, create: `${c.name}Create`, update: `${c.name}Update` };
}

/** Fields a viewer may see in responses: hidden ones only for superusers. */
function outputFields(c: Collection, superuser: boolean): Field[] {
  return c.fields.filter((f) => !NEVER_OUTPUT.has(f.name) && f.type !== 'password' && (superuser || !f.hidden));
}

function expandSchema(c: Collection, collections: ReadonlyMap<string, Collection>): Schema | null {
  const properties: Record<string, Schema> = {};
  for (const f of c.fields) {
    if (f.type !== 'relation') continue;
    const target = collections.get(String(f.collectionId));
    if (!target) continue;
    const one = ref(schemaNames(target).record);
    properties[f.name] = isMultiple(f) ? { type: 'array', items: one } : one;
  }
  if (Object.keys(properties).length === 0) return null;
  return {
    type: 'object',
    description:
      'Present when the request asked for `expand`: related records (each under its own view rule), ' +
      'and back-relations as `<collection>_via_<field>`.',
    properties,
    additionalProperties: true,
  };
}

/** A record as the API returns it to this viewer. */
function recordSchema(c: Collection, superuser: boolean, collections: ReadonlyMap<string, Collection>): Schema {
  const properties: Record<string, Schema> = {
    collectionId: { type: 'string', const: c.id },
    collectionName: { type: 'string', const: c.name },
  };
  const required = ['collectionId', 'collectionName'];
  for (const f of outputFields(c, superuser)) {
    properties[f.name] = f.hidden
      ? { ...fieldSchema(f), description: 'hidden: returned to superusers only' }
      : fieldSchema(f);
    // an auth record's email is left out unless visible to the viewer; hidden fields unless a superuser asks
    if (!(c.type === 'auth' && f.name === 'email') && !f.hidden) required.push(f.name);
  }
  const expand = expandSchema(c, collections);
  if (expand) properties.expand = expand;
  const description = c.type === 'auth' ? '`email` is present only when it is visible to the requester.' : undefined;
  return { type: 'object', ...(description ? { description } : {}), properties, required };
}

/** Fields a viewer may write: hidden ones are ignored on write for everyone but superusers. */
function inputFields(c: Collection, superuser: boolean): Field[] {
  return c.fields.filter(
    (f) => isWritable(f) && f.name !== 'tokenKey' && (superuser || !f.hidden || f.type === 'password'),
  );
}

function bodySchema(c: Collection, superuser: boolean, mode: 'create' | 'update', form: boolean): Schema {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  const idField = c.fields.find((f) => f.name === 'id');
  for (const f of inputFields(c, superuser)) {
    if (f.name === 'id' && mode === 'update') continue;
    const schema = form ? formFieldSchema(f) : fieldSchema(f);
    properties[f.name] = f.name === 'id' ? { ...schema, description: 'optional: a client-chosen id' } : schema;
    if (mode === 'create' && isRequiredOnCreate(f) && f !== idField) required.push(f.name);
    for (const key of modifierKeys(f)) properties[key] = MODIFIER;
  }
  if (c.type === 'auth') {
    properties.passwordConfirm = { type: 'string', writeOnly: true };
    if (mode === 'create') required.push('passwordConfirm');
    else
      properties.oldPassword = {
        type: 'string',
        writeOnly: true,
        description: "required to change one's own password",
      };
  }
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
}

/** The component schemas of one collection for this viewer: its record, and its write bodies unless it is a view. */
export function collectionSchemas(
  c: Collection,
  superuser: boolean,
  collections: ReadonlyMap<string, Collection>,
): Record<string, Schema> {
  const names = schemaNames(c);
  const out: Record<string, Schema> = { [names.record]: recordSchema(c, superuser, collections) };
  if (c.type === 'view') return out;
  out[names.create] = bodySchema(c, superuser, 'create', false);
  out[names.update] = bodySchema(c, superuser, 'update', false);
  out[`${names.create}Form`] = bodySchema(c, superuser, 'create', true);
  out[`${names.update}Form`] = bodySchema(c, superuser, 'update', true);
  return out;
}
