import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { Errors } from '../errors.js';
import { V } from '../validation.js';
import { bodyText } from './flow-body.js';
import { type TokenType, type VerifiedToken, verifyToken } from './tokens.js';

/**
 * Reads and checks the `token` of a confirm request: required, of `type`, signed for its record's
 * current key (a password or email change since voids it), and issued by `collection`. Any failure
 * is a 400 with the reason on `token`.
 */
export async function readFlowToken(
  app: App,
  collection: Collection,
  body: Record<string, unknown>,
  type: TokenType,
): Promise<VerifiedToken> {
  const token = bodyText(body, 'token');
  if (token === '') throw Errors.validateSubmittedData({ token: V.required() });
  const verified = await verifyToken(app, token, type);
  if (!verified) throw Errors.validateSubmittedData({ token: V.invalidToken() });
  if (verified.collection.id !== collection.id) {
    throw Errors.validateSubmittedData({ token: V.tokenCollectionMismatch() });
  }
  return verified;
}
