import type { FastifyReply, FastifyRequest } from 'fastify';
import { batchLimits } from '../../../core/batch/limits.js';
import { attachBatchFiles, parseBatchRequests } from '../../../core/batch/request.js';
import { BatchRequestFailure, runBatch } from '../../../core/batch/run.js';
import { Errors, isApiError } from '../../../core/errors.js';
import { V } from '../../../core/validation.js';
import { readBody } from '../../body.js';
import { requestInfoOf } from '../../context.js';
import { errorBody } from '../../error-handler.js';
import { pickFields } from '../../fields.js';
import { sendJson } from '../../reply.js';
import type { RouteDefinition } from '../../route.js';
import { batchUploads } from '../../uploads.js';
import { batchBodyOptions } from './body-limit.js';
import { guardedSteps } from './guarded-steps.js';
import { subRequestLimits } from './sub-request-limits.js';

/** What the failing sub-request would have been answered on its own. */
function subResponse(req: FastifyRequest, cause: unknown): Record<string, unknown> {
  if (isApiError(cause)) return errorBody(cause);
  req.log.error({ err: cause }, 'unhandled error in a batch sub-request');
  return errorBody(Errors.internal());
}

/** Aborts when the client goes away before the answer is sent. */
function disconnectSignal(reply: FastifyReply): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  const onClose = () => {
    if (!reply.raw.writableEnded) controller.abort();
  };
  reply.raw.once('close', onClose);
  return { signal: controller.signal, release: () => reply.raw.off('close', onClose) };
}

const batch: RouteDefinition = {
  tag: 'batch',
  method: 'POST',
  url: '/api/batch',
  options: batchBodyOptions,
  async handler(req, reply, app) {
    const limits = batchLimits(app.settings.get().batch);
    const uploads = batchUploads(app);
    const client = disconnectSignal(reply);
    try {
      const body = await readBody(req, limits.maxBodySize, uploads);
      const requests = parseBatchRequests(body.data, limits.maxRequests);
      const unmatched = attachBatchFiles(requests, body.files);
      // a file part naming no sub-request is refused rather than dropped
      if (unmatched.length > 0) throw Errors.invalidBatchData({ [unmatched[0]?.field ?? '']: V.notFileField() });
      const results = await runBatch(app, requests, {
        info: requestInfoOf(req, {}, 'batch'),
        timeoutMs: limits.timeoutMs,
        signal: client.signal,
        shape: (response, query) => pickFields(response, query.fields),
        beforeEach: guardedSteps(app, req, subRequestLimits(app, req)),
      });
      return sendJson(req, reply, results);
    } catch (err) {
      if (!(err instanceof BatchRequestFailure)) throw err;
      const failed = V.batchRequestFailed(subResponse(req, err.cause));
      throw Errors.batchTransactionFailed({ requests: { [String(err.index)]: failed } });
    } finally {
      client.release();
      await uploads.session.finish();
    }
  },
};

export default batch;
