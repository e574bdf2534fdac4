import type { FuncOperand, Operand } from '../../rules/index.js';
import { type Fragment, type SqlValue, sql } from '../../store/compiler.js';
import type { ResolveContext } from './context.js';
import { expressionValue, fail } from './values.js';

/** A function result: multi-valued when an argument is, guarded by every argument's guard. */
function result(fragment: Fragment, args: readonly SqlValue[], json: boolean): SqlValue {
  const guards = args.flatMap((a) => (a.guard ? [a.guard] : []));
  return expressionValue(fragment, {
    json,
    multi: args.some((a) => a.multi),
    ...(guards.length > 0 ? { guard: sql.join(guards, ' AND ') } : {}),
  });
}

/**
 * `geoDistance(lonA, latA, lonB, latB)`, the Haversine distance in km, and `strftime(format[, time[,
 * modifier…]])`, SQLite's strftime with NULL read as ''.
 */
export function callFunction(ctx: ResolveContext, node: FuncOperand, arg: (node: Operand) => SqlValue): SqlValue {
  switch (node.name) {
    case 'geoDistance': {
      if (node.args.length !== 4) fail('geoDistance takes 4 arguments');
      const args = node.args.map((a) => {
        if (a.kind !== 'number' && a.kind !== 'ident' && a.kind !== 'func') fail('geoDistance takes numbers or fields');
        return arg(a);
      });
      const [lonA, latA, lonB, latB] = args as [SqlValue, SqlValue, SqlValue, SqlValue];
      return result(ctx.sql.geoDistance(lonA, latA, lonB, latB), args, true);
    }
    case 'strftime': {
      const [format, time, ...modifiers] = node.args;
      if (format?.kind !== 'text') fail('strftime needs a text format');
      if (modifiers.some((m) => m.kind !== 'text')) fail('strftime modifiers must be text');
      const rest = [time, ...modifiers].filter((a): a is Operand => a !== undefined).map(arg);
      return result(ctx.sql.strftime(arg(format), rest), rest, false);
    }
    default:
      return fail(`unknown function "${node.name}"`);
  }
}
