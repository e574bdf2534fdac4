import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../../core/app.js';
import { batchLimits } from '../../../core/batch/limits.js';
import { limitBody } from '../../body-limit.js';
import type { RouteOptions } from '../../route.js';

/**
 * Runs before the body is read: batches off → 403 (nothing is read), body over `batch.maxBodySize`
 * → 413, whether announced by Content-Length or found while streaming. The setting replaces the
 * server's body limit on this route, so it is checked per request (it may change at any time).
 */
function checkBatchBody(app: App) {
  return async (req: FastifyRequest, _reply: FastifyReply, payload: Readable) => {
    const limit = batchLimits(app.settings.get().batch).maxBodySize;
    return limitBody(req, payload, limit);
  };
}

/** Route options of `POST /api/batch`: Fastify's own limit out of the way, the setting enforced instead. */
export function batchBodyOptions(app: App): RouteOptions {
  return { preParsing: checkBatchBody(app), bodyLimit: Number.MAX_SAFE_INTEGER };
}
