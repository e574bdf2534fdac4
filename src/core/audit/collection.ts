import { tableAsCollection } from '../collections/table-collection.js';

/** The audit table as a collection for filters (`data.diff`, `data.approval.id`). */
export const AUDIT_COLLECTION = tableAsCollection('_audit', [
  ['id', 'text'],
  ['seq', 'number'],
  ['created', 'text'],
  ['actorType', 'text'],
  ['actorId', 'text'],
  ['actorEmail', 'text'],
  ['ip', 'text'],
  ['action', 'text'],
  ['target', 'text'],
  ['outcome', 'text'],
  ['error', 'text'],
  ['data', 'json'],
  ['hash', 'text'],
]);
