import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { validateRuleExpression } from '../rules-sql/index.js';

/**
 * Checks one API rule of `collection`: null when it is acceptable, else the raw reason shown after
 * "Invalid rule. Raw error: ". An empty rule means "everyone" and is always acceptable.
 */
export function checkRule(app: App, collection: Collection, rule: string): string | null {
  return validateRuleExpression(app, collection, rule);
}
