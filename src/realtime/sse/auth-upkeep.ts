import { SUPERUSERS } from '../../core/collections/system.js';
import type { RealtimeBroker } from './broker.js';
import type { RecordChange } from './record-fanout.js';

/**
 * Keeps the auth that clients subscribed with in step with its record: an update hands them the
 * new copy (so rules see current values), a delete or a new `tokenKey` (password change, "log out
 * everywhere") turns them into guests.
 */
export function keepAuthCurrent(broker: RealtimeBroker, change: RecordChange): void {
  const { collection, record, action } = change;
  if (collection.type !== 'auth' || action === 'create') return;
  for (const client of broker.clientsWithAuth(collection.id, String(record.id))) {
    const held = client.auth.record;
    if (action === 'delete' || (held && held.tokenKey !== record.tokenKey)) {
      broker.setAuth(client, null);
      continue;
    }
    broker.setAuth(client, { record, collection, isSuperuser: collection.name === SUPERUSERS });
  }
}
