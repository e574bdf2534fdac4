import type { App } from '../core/app.js';
import { auditQuietly, cliActor } from '../core/audit/index.js';
import { isApiError } from '../core/errors.js';

/**
 * Runs a CLI action on `app` and appends it to the audit trail as done from the command line, with
 * its outcome. The CLI on the server machine bypasses the two-person rule: entries made while the
 * rule is on say so (`data.breakGlass`).
 */
export async function audited<T>(
  app: App,
  action: string,
  target: string,
  fn: () => Promise<T>,
  data: (result: T) => Record<string, unknown> = () => ({}),
): Promise<T> {
  const breakGlass = app.settings.get().twoPersonRule.enabled;
  const base = { actor: cliActor(), action: `cli.${action}`, target };
  try {
    const result = await fn();
    await auditQuietly(app, { ...base, outcome: 'success', data: { ...data(result), breakGlass } });
    return result;
  } catch (err) {
    const error = isApiError(err) || err instanceof Error ? err.message : String(err);
    await auditQuietly(app, { ...base, outcome: 'error', error, data: { breakGlass } });
    throw err;
  }
}
