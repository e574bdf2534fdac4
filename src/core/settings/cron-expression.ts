import { CronPattern } from 'croner';

/**
 * Why `expression` is not a schedule the cron jobs accept, or null when it is one: five fields
 * (minute hour day-of-month month day-of-week) or a macro such as `@daily`, as PocketBase takes.
 * Parsed by croner, the scheduler that runs the jobs, in its five-field mode.
 */
export function cronExpressionProblem(expression: string): string | null {
  const fields = expression.trim().split(/\s+/);
  if (!expression.trim().startsWith('@') && fields.length !== 5) {
    return `expected five space-separated fields (minute hour day-of-month month day-of-week), got ${fields.length}`;
  }
  try {
    new CronPattern(expression, undefined, { mode: '5-part' });
    return null;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return message.replace(/^CronPattern:\s*/, '').replace(/\.$/, '') || 'unreadable expression';
  }
}
