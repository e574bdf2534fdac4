import { FilterSyntaxError, parseFilter } from '../../rules/index.js';
import type { App } from '../app.js';
import type { Collection } from '../collection.js';

/**
 * Checks one API rule of `collection`: null when it is acceptable, else the raw reason shown after
 * "Invalid rule. Raw error: ". An empty rule means "everyone" and is always acceptable.
 */
export function checkRule(_app: App, _collection: Collection, rule: string): string | null {
  if (rule === '') return null;
  try {
    parseFilter(rule);
    return null;
  } catch (err) {
    if (err instanceof FilterSyntaxError) return err.message;
    throw err;
  }
}
