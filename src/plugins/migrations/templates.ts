/** The code of generated migrations: collection changes as calls of the app's schema methods. */
import type { Collection } from '../../core/collection.js';
import { collectionToJSON } from '../../core/collections/json.js';
import { migrationSource } from './files.js';

/**
 * A collection as a migration stores it: the API JSON without its timestamps (they belong to each
 * database) and without its webhooks, which are configuration of one deployment (receiver URLs,
 * secrets, private addresses allowed in development) rather than schema: applying a migration
 * leaves the webhooks of the target database as they are.
 */
export function schemaJSON(c: Collection): Record<string, unknown> {
  const { created: _c, updated: _u, webhooks: _w, ...rest } = collectionToJSON(c);
  return rest;
}

const literal = (value: unknown) => JSON.stringify(value, null, 2);

export function createdMigration(c: Collection): string {
  return migrationSource(
    `await app.saveCollection(${literal(schemaJSON(c))});`,
    `await app.deleteCollection(${literal(c.id)});`,
  );
}

export function updatedMigration(before: Collection, after: Collection): string {
  return migrationSource(
    `await app.saveCollection(${literal(schemaJSON(after))});`,
    `await app.saveCollection(${literal(schemaJSON(before))});`,
  );
}

export function deletedMigration(c: Collection): string {
  return migrationSource(
    `await app.deleteCollection(${literal(c.id)});`,
    `await app.saveCollection(${literal(schemaJSON(c))});`,
  );
}

/** Every collection; applying it imports them all (collections it does not name are deleted). */
export function snapshotMigration(all: readonly Collection[]): string {
  return migrationSource(
    `await app.importCollections(${literal(all.map(schemaJSON))}, true);`,
    '// a snapshot has nothing to revert to',
  );
}

/** A new, empty migration. */
export function blankMigration(): string {
  return migrationSource('// changes to apply, e.g. await app.saveCollection({ ... })', '// how to revert them');
}
