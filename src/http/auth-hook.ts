import type { FastifyRequest } from 'fastify';
import type { App } from '../core/app.js';
import { verifyAuthToken } from '../core/auth/tokens.js';
import { GUEST } from '../core/request.js';

/** Reads `Authorization: <token>` (raw or `Bearer`); an invalid or expired token means a guest. */
export async function authenticateRequest(app: App, req: FastifyRequest): Promise<void> {
  req.requester = GUEST;
  let header = req.headers.authorization;
  if (!header) return;
  if (/^bearer\s+/i.test(header)) header = header.replace(/^bearer\s+/i, '');
  const token = header.trim();
  if (!token) return;
  const requester = await verifyAuthToken(app, token, 'auth');
  if (requester) {
    req.requester = requester;
    req.authToken = token;
  }
}
