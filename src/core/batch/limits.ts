import { Errors } from '../errors.js';
import type { BatchSettings } from '../settings/settings.js';

/** `batch.timeout` of 0 or less. */
export const DEFAULT_BATCH_TIMEOUT_SECONDS = 3;
/** `batch.maxBodySize` of 0 or less: 128 MiB. */
export const DEFAULT_BATCH_MAX_BODY_SIZE = 128 * 1024 * 1024;

/** The limits a batch runs under, read from the settings in force. */
export interface BatchLimits {
  maxRequests: number;
  timeoutMs: number;
  /** bytes; replaces the server's body limit on `POST /api/batch` */
  maxBodySize: number;
}

/** The batch limits in force; throws 403 "Batch requests are not allowed." when batches are off. */
export function batchLimits(settings: Readonly<BatchSettings>): BatchLimits {
  if (!settings.enabled || !(settings.maxRequests > 0)) throw Errors.batchNotAllowed();
  const timeout = settings.timeout > 0 ? settings.timeout : DEFAULT_BATCH_TIMEOUT_SECONDS;
  return {
    maxRequests: settings.maxRequests,
    timeoutMs: timeout * 1000,
    maxBodySize: settings.maxBodySize > 0 ? settings.maxBodySize : DEFAULT_BATCH_MAX_BODY_SIZE,
  };
}
