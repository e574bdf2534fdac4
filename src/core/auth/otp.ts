import { newRecordId, randomString } from '../../lib/random.js';
import { sql } from '../../store/sql.js';
import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { Errors } from '../errors.js';
import { authMail } from '../mail/auth-mail.js';
import { queueMail } from '../mail/queue.js';
import { findByEmail } from './by-email.js';
import { readEmail } from './flow-body.js';
import { hashPassword } from './passwords.js';
import { ageSeconds, insertSystemRow } from './system-rows.js';

export const OTPS = '_otps';
/** bcrypt cost of stored codes: they live minutes and are guarded by the attempt limiter */
const OTP_COST = 8;
/** live codes per record beyond which the newest is handed back instead of a new one being mailed */
const MAX_LIVE_OTPS = 9;

export function assertOtpEnabled(collection: Collection): void {
  if (!collection.auth?.otp.enabled) throw Errors.otpAuthDisabled();
}

/**
 * `POST .../request-otp`: stores a bcrypt hash of a new numeric code and queues the mail carrying
 * it, in one transaction. An unknown email gets a random id of the same shape and nothing is
 * stored or sent, so the answer does not tell whether an account exists.
 */
export async function requestOtp(
  app: App,
  collection: Collection,
  body: Record<string, unknown>,
): Promise<{ otpId: string }> {
  assertOtpEnabled(collection);
  const email = readEmail(body);
  const record = await findByEmail(app, collection, email);
  if (!record) {
    // the same bcrypt work as for a real code, so the answer time does not tell either
    await hashPassword(randomString(8, '0123456789'), OTP_COST);
    return { otpId: newRecordId() };
  }
  const otp = collection.auth?.otp ?? { duration: 180, length: 8 };
  const live = (
    await app.store.all<{ id: string; created: string }>(
      sql`SELECT ${sql.id('id')}, ${sql.id('created')} FROM ${sql.id(OTPS)}
        WHERE ${sql.id('collectionRef')} = ${collection.id} AND ${sql.id('recordRef')} = ${String(record.id)}
        ORDER BY ${sql.id('created')} DESC`,
    )
  ).filter((r) => ageSeconds(r.created) <= Number(otp.duration));
  if (live.length > MAX_LIVE_OTPS && live[0]) return { otpId: String(live[0].id) };
  const code = randomString(Math.max(4, Number(otp.length) || 8), '0123456789');
  const hash = await hashPassword(code, OTP_COST);
  const to = String(record.email);
  const otpId = await app.store.transaction(async (tx) => {
    const id = await insertSystemRow(tx, OTPS, {
      collectionRef: collection.id,
      recordRef: String(record.id),
      password: hash,
      sentTo: to,
    });
    // a code whose mail can never be delivered is of no use: it goes with the failed mail
    const mail = authMail(app, collection, record, 'otp', { OTP: code, OTP_ID: id }, to);
    await queueMail(app, tx, mail, { table: OTPS, id });
    return id;
  });
  return { otpId };
}
