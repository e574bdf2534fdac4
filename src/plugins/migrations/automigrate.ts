/**
 * Automigrate: every collection change committed while serving writes a migration file holding it
 * (and how to revert it), recorded as applied here, so the schema built in the dashboard can be
 * committed to git and rebuilt elsewhere with `basalt migrate up`.
 */
import { isDeepStrictEqual } from 'node:util';
import type { App } from '../../core/app.js';
import type { CollectionChangeEvent } from '../../core/events.js';
import { writeMigration } from './files.js';
import { markApplied } from './runner.js';
import { createdMigration, deletedMigration, schemaJSON, updatedMigration } from './templates.js';

type Kind = 'created' | 'updated' | 'deleted';

function migrationFor(kind: Kind, e: CollectionChangeEvent): { name: string; body: string } | null {
  const c = e.collection;
  if (kind === 'created') return { name: `created_${c.name}`, body: createdMigration(c) };
  if (kind === 'deleted') return { name: `deleted_${c.name}`, body: deletedMigration(c) };
  const before = e.original ?? c;
  if (isDeepStrictEqual(schemaJSON(before), schemaJSON(c))) return null;
  return { name: `updated_${before.name}`, body: updatedMigration(before, c) };
}

/** Writes a migration for every collection change from now on; the result stops it once the last file is written. */
export function startAutomigrate(app: App, dir: string): () => Promise<void> {
  // changes are written one after another, in the order they committed
  let queue: Promise<void> = Promise.resolve();
  const record = (kind: Kind) => async (e: CollectionChangeEvent) => {
    await e.next();
    const m = migrationFor(kind, e);
    if (!m) return;
    queue = queue.then(async () => {
      try {
        const file = writeMigration(dir, m.name, m.body);
        await markApplied(app, file.name);
        app.log.info({ file: file.path }, 'automigrate: migration written');
      } catch (err) {
        app.log.error({ err, collection: e.collection.name }, 'automigrate: could not write the migration');
      }
    });
  };
  const ids = [
    ['onCollectionAfterCreateSuccess', app.events.onCollectionAfterCreateSuccess.bind(record('created'))],
    ['onCollectionAfterUpdateSuccess', app.events.onCollectionAfterUpdateSuccess.bind(record('updated'))],
    ['onCollectionAfterDeleteSuccess', app.events.onCollectionAfterDeleteSuccess.bind(record('deleted'))],
  ] as const;
  return async () => {
    for (const [name, id] of ids) app.events[name].unbind(id);
    await queue;
  };
}
