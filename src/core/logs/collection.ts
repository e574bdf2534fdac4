import { tableAsCollection } from '../collections/table-collection.js';

/** The logs table as a collection for filters: `data.status >= 400` or `data.auth = "users"`. */
export const LOGS_COLLECTION = tableAsCollection('_logs', [
  ['id', 'text'],
  ['created', 'text'],
  ['level', 'number'],
  ['message', 'text'],
  ['data', 'json'],
]);
