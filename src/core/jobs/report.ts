import type { Logger } from 'pino';

/**
 * The one place a failed cron job is reported (a job that threw or rejected, or whose run could
 * not be claimed). It logs at error level with the job id and the cause; nothing is rethrown, so
 * the scheduler and the other jobs carry on.
 */
export function reportJobFailure(app: { readonly log: Logger }, id: string, err: unknown): void {
  app.log.error({ err, job: id }, `cron job ${id} failed`);
}
