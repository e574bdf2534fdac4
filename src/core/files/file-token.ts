import type { App } from '../app.js';
import { issueToken, verifyToken } from '../auth/tokens.js';
import { Errors } from '../errors.js';
import type { Requester } from '../request.js';

/**
 * A short-lived `file` token for the auth record of `requester`, signed with its collection's
 * `fileToken` secret and lasting its `fileToken.duration` (180 s by default).
 */
export function issueFileToken(app: App, requester: Requester): string {
  if (!requester.record || !requester.collection) throw Errors.requireAuth();
  return issueToken(app, requester.collection, requester.record, 'file');
}

/** The requester a file token stands for; null when it does not verify (expired, wrong type, unknown record). */
export async function verifyFileToken(app: App, token: string): Promise<Requester | null> {
  const verified = await verifyToken(app, token, 'file');
  return verified ? verified.requester : null;
}
