import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

/** The methods the API answers, as a preflight lists them (PocketBase's list). */
export const CORS_METHODS = 'GET,HEAD,POST,PUT,PATCH,DELETE';

/**
 * Cross-origin requests from browsers, as `--origins` allows them.
 *
 * - `*` (the default, as in PocketBase): `Access-Control-Allow-Origin: *` on every response and never
 *   `Access-Control-Allow-Credentials`; browsers then refuse credentialed requests, which the API does not
 *   need (tokens travel in the Authorization header).
 * - a list: the request's Origin is echoed back when it is on the list (and nothing when it is not), with
 *   `Vary: Origin` on every response so caches keep the answers apart, and credentials allowed, since every
 *   listed origin was named by the operator.
 *
 * A preflight (OPTIONS) is answered in the onRequest hook, before authentication, with 204, the allowed
 * methods and the requested headers echoed. An OPTIONS without the preflight headers gets the same 204,
 * as PocketBase answers it, rather than a text/plain 400 that is not in the API's error format.
 */
export async function registerCors(server: FastifyInstance, origins: readonly string[]): Promise<void> {
  const any = origins.includes('*');
  await server.register(cors, {
    origin: any ? '*' : [...origins],
    credentials: !any,
    methods: CORS_METHODS,
    strictPreflight: false,
    hideOptionsRoute: true,
  });
}
