import { importPKCS8, SignJWT } from 'jose';
import { Errors } from '../../errors.js';
import { type ErrorData, hasErrors, V } from '../../validation.js';

/** Apple accepts client secrets valid for at most six months. */
const MAX_DURATION = 15777000;
const ID_LENGTH = 10;
const MAX_KEY_LENGTH = 8192;

export interface AppleSecretForm {
  clientId: string;
  teamId: string;
  keyId: string;
  privateKey: string;
  duration: number;
}

function readForm(body: Record<string, unknown>): AppleSecretForm {
  const str = (v: unknown) => {
    if (v === undefined || v === null) return '';
    if (typeof v !== 'string') throw Errors.loadSubmittedData();
    return v;
  };
  const duration = body.duration ?? 0;
  if (typeof duration !== 'number') throw Errors.loadSubmittedData();
  return {
    clientId: str(body.clientId),
    teamId: str(body.teamId),
    keyId: str(body.keyId),
    privateKey: str(body.privateKey).trim(),
    duration,
  };
}

function validate(f: AppleSecretForm): ErrorData {
  const errors: ErrorData = {};
  if (f.clientId === '') errors.clientId = V.required();
  if (f.teamId === '') errors.teamId = V.required();
  else if (f.teamId.length !== ID_LENGTH) errors.teamId = V.lengthOutOfRange(ID_LENGTH, ID_LENGTH);
  if (f.keyId === '') errors.keyId = V.required();
  else if (f.keyId.length !== ID_LENGTH) errors.keyId = V.lengthOutOfRange(ID_LENGTH, ID_LENGTH);
  if (f.privateKey === '') errors.privateKey = V.required();
  else if (f.privateKey.length > MAX_KEY_LENGTH) errors.privateKey = V.lengthTooLong(MAX_KEY_LENGTH);
  if (!f.duration) errors.duration = V.required();
  else if (!Number.isInteger(f.duration) || f.duration < 1) errors.duration = V.minValue(1);
  else if (f.duration > MAX_DURATION) errors.duration = V.maxValue(MAX_DURATION);
  return errors;
}

/**
 * `POST /api/settings/apple/generate-client-secret`: the ES256 JWT Apple takes as the client secret
 * of "Sign in with Apple", signed with the developer's private key.
 */
export async function generateAppleClientSecret(body: Record<string, unknown>): Promise<{ secret: string }> {
  const form = readForm(body);
  const errors = validate(form);
  if (hasErrors(errors)) throw Errors.validateSubmittedData(errors);
  let key: Awaited<ReturnType<typeof importPKCS8>>;
  try {
    key = await importPKCS8(form.privateKey, 'ES256');
  } catch {
    throw Errors.validateSubmittedData({ privateKey: V.invalidPrivateKey() });
  }
  const now = Math.floor(Date.now() / 1000);
  const secret = await new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: form.keyId })
    .setIssuer(form.teamId)
    .setIssuedAt(now)
    .setExpirationTime(now + form.duration)
    .setAudience('https://appleid.apple.com')
    .setSubject(form.clientId)
    .sign(key);
  return { secret };
}
