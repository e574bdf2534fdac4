import type { FastifyInstance } from 'fastify';

/** One year; no `includeSubDomains`: other services on sibling names are not this server's to decide. */
export const HSTS_VALUE = 'max-age=31536000';

/**
 * Strict-Transport-Security on every HTTPS response (errors and streams included, as the other
 * security headers): browsers then use HTTPS for this host even when given an http:// link.
 */
export function registerHsts(server: FastifyInstance): void {
  server.addHook('onRequest', (_req, reply, done) => {
    reply.raw.setHeader('Strict-Transport-Security', HSTS_VALUE);
    done();
  });
}
