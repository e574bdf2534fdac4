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
 * The audit table seen as a collection, so the filter language compiles against it (`data` is a json
 * field: `data.diff`, `data.approval.id`). Never registered: no collection can see it.
 */
export const AUDIT_COLLECTION: Collection = Object.freeze({
  ...newCollection('base', '_audit', '_audit'),
  system: true,
  fields: [
    field('id', 'text'),
    field('seq', 'number'),
    field('created', 'text'),
    field('actorType', 'text'),
    field('actorId', 'text'),
    field('actorEmail', 'text'),
    field('ip', 'text'),
    field('action', 'text'),
    field('target', 'text'),
    field('outcome', 'text'),
    field('error', 'text'),
    field('data', 'json'),
    field('hash', 'text'),
  ],
});
