import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { Errors } from '../errors.js';
import { findRecordById } from '../records/lookup.js';
import type { RequestInfo } from '../request.js';
import { type AuthExpand, type AuthResponse, buildAuthResponse } from './auth-response.js';
import { assertValid, bodyText, textError } from './flow-body.js';
import { assertOtpEnabled, OTPS } from './otp.js';
import { allowOtpAttempt } from './otp-attempts.js';
import { verifyPassword } from './passwords.js';
import { ageSeconds, deleteSystemRow, findSystemRow } from './system-rows.js';
import { flowUpdate } from './system-write.js';

/**
 * `POST .../auth-with-otp`: signs in with an emailed code. Each OTP is single-use; a first use of a
 * code sent to the record's own email also verifies it. The attempt guard counts before the check.
 */
export async function authWithOtp(
  app: App,
  collection: Collection,
  body: Record<string, unknown>,
  info: RequestInfo,
  opts: { expand?: AuthExpand } = {},
): Promise<AuthResponse> {
  assertOtpEnabled(collection);
  const otpId = bodyText(body, 'otpId');
  const password = bodyText(body, 'password');
  assertValid({ otpId: textError(otpId, 255), password: textError(password, 71) });
  const otp = await findSystemRow(app.store, OTPS, otpId);
  if (!otp || otp.collectionRef !== collection.id) throw Errors.invalidOrExpiredOtp();
  if (!allowOtpAttempt(info.ip ?? '', collection.id, String(otp.recordRef))) throw Errors.tooManyOtpAttempts();
  const duration = Number(collection.auth?.otp.duration ?? 180);
  const record = await findRecordById(app.store, collection, String(otp.recordRef));
  const fresh = ageSeconds(otp.created) <= duration;
  if (!(await verifyPassword(password, otp.password)) || !fresh || !record) throw Errors.invalidOrExpiredOtp();
  // single use: of two requests racing with the same code, only the one that deletes it goes on
  if (!(await deleteSystemRow(app.store, OTPS, otpId))) throw Errors.invalidOrExpiredOtp();
  let current = record;
  if (record.verified !== true && otp.sentTo === record.email) {
    current = await flowUpdate(app, collection, String(record.id), { verified: true });
  }
  return buildAuthResponse(
    app,
    collection,
    current,
    { ...info, context: 'otp' },
    { method: 'otp', expand: opts.expand },
  );
}
