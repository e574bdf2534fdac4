import { formatDate } from '../../lib/time.js';
import type { IdentOperand } from '../../rules/index.js';
import type { SqlValue } from '../../store/compiler.js';
import { fail, filledValue } from './values.js';

const DAY = 24 * 60 * 60 * 1000;

const at = (now: Date, dayOffset: number, h = 0, m = 0, s = 0, ms = 0): string =>
  formatDate(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + dayOffset, h, m, s, ms)));

/** Date and time macros (`@now`, `@todayStart`, `@weekday`…), all in UTC, evaluated when the template is bound. */
const MACROS: Readonly<Record<string, (now: Date) => string | number>> = {
  '@now': (now) => formatDate(now),
  '@yesterday': (now) => formatDate(new Date(now.getTime() - DAY)),
  '@tomorrow': (now) => formatDate(new Date(now.getTime() + DAY)),
  '@todayStart': (now) => at(now, 0),
  '@todayEnd': (now) => at(now, 0, 23, 59, 59, 999),
  '@monthStart': (now) => formatDate(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))),
  '@monthEnd': (now) => formatDate(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0, 23, 59, 59, 999))),
  '@yearStart': (now) => formatDate(new Date(Date.UTC(now.getUTCFullYear(), 0, 1))),
  '@yearEnd': (now) => formatDate(new Date(Date.UTC(now.getUTCFullYear(), 11, 31, 23, 59, 59, 999))),
  '@second': (now) => now.getUTCSeconds(),
  '@minute': (now) => now.getUTCMinutes(),
  '@hour': (now) => now.getUTCHours(),
  '@day': (now) => now.getUTCDate(),
  '@month': (now) => now.getUTCMonth() + 1,
  '@year': (now) => now.getUTCFullYear(),
  '@weekday': (now) => now.getUTCDay(),
};

export function macroValue(node: IdentOperand): SqlValue {
  const name = node.path[0] as string;
  const macro = node.path.length === 1 && Object.hasOwn(MACROS, name) ? MACROS[name] : undefined;
  if (!macro) return fail(`unknown identifier "${node.name}"`);
  if (node.modifier !== null) fail(`the :${node.modifier} modifier does not apply to ${name}`);
  return filledValue((env) => macro(env.now));
}
