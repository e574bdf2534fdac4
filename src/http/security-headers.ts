import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';

/**
 * Sent with every response: no MIME sniffing (a JSON or text answer is never run as a script or page), no
 * framing by other sites (clickjacking), and no full URL (which may carry tokens in a query) in the Referer
 * sent to other origins. Nothing names the server software: Fastify and Node send no `Server` or
 * `X-Powered-By` header, and nothing here adds one.
 */
export const SECURITY_HEADERS: ReadonlyArray<readonly [string, string]> = Object.freeze([
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
]);

/** The same headers as raw header lines, for answers written straight to the socket. */
export const SECURITY_HEADER_LINES = SECURITY_HEADERS.map(([name, value]) => `${name}: ${value}\r\n`).join('');

/**
 * Sets the headers on Node's response itself rather than on Fastify's reply: Node merges them into whatever
 * is written later, so they reach error answers, 404s, static files and replies that take over the raw
 * response (server-sent events) alike, and a route may still override one through `reply.header`.
 */
export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
}

/**
 * One synchronous onRequest hook, registered first so that even a request failed by a later hook gets the
 * headers. Cost: three `setHeader` calls per request.
 */
export function registerSecurityHeaders(server: FastifyInstance): void {
  server.addHook('onRequest', (_req, reply, done) => {
    setSecurityHeaders(reply.raw);
    done();
  });
}
