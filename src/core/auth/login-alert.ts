import { createHash } from 'node:crypto';
import { nowDate } from '../../lib/time.js';
import { sql } from '../../store/sql.js';
import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { authMail } from '../mail/auth-mail.js';
import { queueMail } from '../mail/queue.js';
import type { RecordData, RequestInfo } from '../request.js';
import { insertSystemRow } from './system-rows.js';

export const AUTH_ORIGINS = '_authOrigins';
const KEEP_ORIGINS = 5;

function fingerprintOf(ip: string, userAgent: string): string {
  return createHash('md5')
    .update(ip + userAgent.slice(0, 200))
    .digest('hex');
}

/**
 * Remembers where a record signed in from (`_authOrigins`, the 5 latest) and, when it signed in
 * before and this device is new, queues the login alert mail in the same transaction. A side
 * effect only: a failure is logged and never changes the sign-in's answer.
 */
export async function noteLoginOrigin(
  app: App,
  collection: Collection,
  record: RecordData,
  info: RequestInfo,
): Promise<void> {
  if (!collection.auth?.authAlert.enabled) return;
  const ip = info.ip ?? '';
  const userAgent = info.headers.user_agent ?? '';
  const fingerprint = fingerprintOf(ip, userAgent);
  const t = sql.id(AUTH_ORIGINS);
  const c = (n: string) => sql.id(n);
  const mine = sql`${c('collectionRef')} = ${collection.id} AND ${c('recordRef')} = ${String(record.id)}`;
  try {
    await app.store.transaction(async (tx) => {
      const rows = await tx.all<{ id: string; fingerprint: string }>(
        sql`SELECT ${c('id')}, ${c('fingerprint')} FROM ${t} WHERE ${mine} ORDER BY ${c('updated')} DESC`,
      );
      const known = rows.find((r) => r.fingerprint === fingerprint);
      if (known) {
        await tx.run(sql`UPDATE ${t} SET ${c('updated')} = ${nowDate()} WHERE ${c('id')} = ${known.id}`);
        return;
      }
      await insertSystemRow(tx, AUTH_ORIGINS, {
        collectionRef: collection.id,
        recordRef: String(record.id),
        fingerprint,
      });
      for (const old of rows.slice(KEEP_ORIGINS - 1)) {
        await tx.run(sql`DELETE FROM ${t} WHERE ${c('id')} = ${old.id}`);
      }
      if (rows.length > 0 && typeof record.email === 'string' && record.email !== '') {
        const alertInfo = `${ip || 'unknown IP'}, ${userAgent || 'unknown device'}`;
        await queueMail(app, tx, authMail(app, collection, record, 'login-alert', { ALERT_INFO: alertInfo }));
      }
    });
  } catch (err) {
    app.log.warn({ err, collection: collection.name }, 'login origin bookkeeping failed');
  }
}
