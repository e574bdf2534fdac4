import type { App } from '../core/app.js';
import type { Collection } from '../core/collection.js';
import { SUPERUSERS } from '../core/collections/system.js';
import { findRecordByField } from '../core/records/lookup.js';
import { createRecord, deleteRecord, updateRecord } from '../core/records/service.js';
import { requestInfo, SYSTEM } from '../core/request.js';
import { audited } from './audited.js';
import type { Io } from './output.js';
import { withApp } from './with-app.js';

function superusersOf(app: App): Collection {
  const collection = app.collections.find(SUPERUSERS);
  if (!collection) throw new Error(`the ${SUPERUSERS} collection is missing`);
  return collection;
}

export { hasSuperuser } from '../core/setup/first-run.js';

/** Creates the superuser, or sets the password of the superuser with this email. */
export async function upsertSuperuser(
  flags: Record<string, string | boolean>,
  email: string,
  password: string,
  io: Io,
): Promise<void> {
  await withApp(flags, async (app) => {
    const collection = superusersOf(app);
    const info = requestInfo(SYSTEM);
    const existing = await findRecordByField(app.store, collection, 'email', email);
    await audited(app, 'superuser.upsert', email, async () => {
      if (existing) {
        const data = { password, passwordConfirm: password };
        await updateRecord(app, collection, String(existing.id), { data, files: [] }, info);
      } else {
        const data = { email, password, passwordConfirm: password };
        await createRecord(app, collection, { data, files: [] }, info);
      }
    });
    io.out(`Successfully saved superuser "${email}".\n`);
  });
}

/** Deletes the superuser with this email; the service refuses to delete the last one. */
export async function deleteSuperuser(flags: Record<string, string | boolean>, email: string, io: Io): Promise<void> {
  await withApp(flags, async (app) => {
    const collection = superusersOf(app);
    const existing = await findRecordByField(app.store, collection, 'email', email);
    if (!existing) {
      io.out(`Superuser "${email}" does not exist or was already deleted.\n`);
      return;
    }
    await audited(app, 'superuser.delete', email, () =>
      deleteRecord(app, collection, String(existing.id), requestInfo(SYSTEM)),
    );
    io.out(`Successfully deleted superuser "${email}".\n`);
  });
}
