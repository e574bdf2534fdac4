import { cronError } from '../../lib/cron.js';

/**
 * Why `expression` is not a schedule settings accept, or null when it is one: five fields (minute
 * hour day-of-month month day-of-week) or a macro such as `@daily`, as PocketBase takes. The
 * scheduler itself also reads a leading seconds field; settings keep to the portable form.
 */
export function cronExpressionProblem(expression: string): string | null {
  const fields = expression.trim().split(/\s+/);
  if (!expression.trim().startsWith('@') && fields.length !== 5) {
    return `expected five space-separated fields (minute hour day-of-month month day-of-week), got ${fields.length}`;
  }
  return cronError(expression)?.replace(/\.$/, '') || null;
}
