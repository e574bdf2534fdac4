import type { Collection, Field } from '../collection.js';
import { newCollection } from '../collections/scaffolds.js';

const field = (name: string, type: Field['type']): Field => ({
  id: name,
  name,
  type,
  system: true,
  hidden: false,
  presentable: false,
});

/**
 * The logs table seen as a collection, so the filter language compiles against it: `data` is a json
 * field, so `data.status >= 400` or `data.auth = "users"` reach into it. It is never registered: no
 * other collection can see it, and filters on it see no other collection.
 */
export const LOGS_COLLECTION: Collection = Object.freeze({
  ...newCollection('base', '_logs', '_logs'),
  system: true,
  fields: [
    field('id', 'text'),
    field('created', 'text'),
    field('level', 'number'),
    field('message', 'text'),
    field('data', 'json'),
  ],
});
