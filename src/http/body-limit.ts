import { type Readable, Transform } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { Errors } from '../core/errors.js';

const multipartLimits = new WeakMap<FastifyRequest, number>();

/** The body limit a preParsing step set for a multipart request (see readBody). */
export function multipartLimitOf(req: FastifyRequest): number | undefined {
  return multipartLimits.get(req);
}

/**
 * For a route's preParsing step: refuses a body over `limit` bytes with 413, whether announced by
 * Content-Length (nothing is read) or found while streaming (reading stops there).
 */
export function limitBody(req: FastifyRequest, payload: Readable, limit: number): Readable {
  if (Number(req.headers['content-length'] ?? 0) > limit) throw Errors.tooLarge();
  if (/^multipart\//i.test(String(req.headers['content-type'] ?? ''))) {
    // multipart bodies are read from the raw request by the multipart reader, which counts them itself
    multipartLimits.set(req, limit);
    return payload;
  }
  let seen = 0;
  return payload.pipe(
    new Transform({
      transform(chunk: Buffer, _enc, done) {
        seen += chunk.length;
        if (seen > limit) done(Object.assign(Errors.tooLarge(), { statusCode: 413 }));
        else done(null, chunk);
      },
    }),
  );
}
