import type { Collection, RuleName } from '../../core/collection.js';
import { jsonResponse, listPage, paramRef, searchParameter } from './components.js';
import { ref } from './json-schema.js';
import { NO_CONTENT, type Operation, operation } from './operation.js';
import { schemaNames } from './record-schemas.js';
import { ruleText } from './rule-text.js';

/**
 * The record endpoints of one collection. A viewer who is not a superuser sees only the operations
 * whose rule is set (a null rule means superusers only); views have no write operations.
 */
export function recordOperations(c: Collection, superuser: boolean): Operation[] {
  const names = schemaNames(c);
  const base = `/api/collections/${c.name}/records`;
  const one = `${base}/{id}`;
  const record = ref(names.record);
  const writable = c.type !== 'view';
  const visible = (rule: RuleName) => superuser || c[rule] !== null;
  const describe = (rule: RuleName, more = '') => `${ruleText(c[rule])}${more}`;
  const out: Operation[] = [];
  if (visible('listRule')) {
    out.push(
      operation('records.list', 'get', base, {
        group: c.name,
        operationId: `list_${c.name}`,
        summary: `List ${c.name} records`,
        description: describe(
          'listRule',
          '\n\nThe rule is combined with `filter`; rows it does not match are left out.',
        ),
        parameters: [
          ...['page', 'perPage', 'sort', 'filter', 'skipTotal', 'expand', 'fields'].map((p) => paramRef(p)),
          ...(c.searchFields?.length ? [searchParameter(c.searchFields)] : []),
        ],
        ok: [200, jsonResponse('A page of records', listPage(record))],
        errors: c.searchFields?.length ? [400, 403] : [403],
      }),
    );
  }
  if (visible('viewRule')) {
    out.push(
      operation('records.view', 'get', one, {
        group: c.name,
        operationId: `view_${c.name}`,
        summary: `View one ${c.name} record`,
        description: describe('viewRule'),
        parameters: [paramRef('expand'), paramRef('fields')],
        ok: [200, jsonResponse('The record', record)],
        errors: [403, 404],
      }),
    );
  }
  if (writable && visible('createRule')) {
    out.push(
      operation('records.create', 'post', base, {
        group: c.name,
        operationId: `create_${c.name}`,
        summary: `Create a ${c.name} record`,
        description: describe('createRule', '\n\nSend JSON, or multipart/form-data to upload files.'),
        parameters: [paramRef('expand'), paramRef('fields')],
        body: { json: ref(names.create), form: ref(`${names.create}Form`) },
        ok: [200, jsonResponse('The created record', record)],
        errors: [403, 413],
      }),
    );
  }
  if (writable && visible('updateRule')) {
    out.push(
      operation('records.update', 'patch', one, {
        group: c.name,
        operationId: `update_${c.name}`,
        summary: `Update a ${c.name} record`,
        description: describe('updateRule', '\n\nOnly the keys sent change.'),
        parameters: [paramRef('expand'), paramRef('fields')],
        body: { json: ref(names.update), form: ref(`${names.update}Form`) },
        ok: [200, jsonResponse('The updated record', record)],
        errors: [403, 404, 413],
      }),
    );
  }
  if (writable && visible('deleteRule')) {
    out.push(
      operation('records.delete', 'delete', one, {
        group: c.name,
        operationId: `delete_${c.name}`,
        summary: `Delete a ${c.name} record`,
        description: describe('deleteRule', '\n\nRelations with cascade delete go with it, in one transaction.'),
        ok: [204, NO_CONTENT],
        errors: [403, 404],
      }),
    );
  }
  return out;
}
