import type { FuncOperand, IdentOperand, Operand } from '../../rules/index.js';
import { type JoinScope, type OperandResolver, type SqlValue, sql } from '../../store/compiler.js';
import type { Collection } from '../collection.js';
import { pathValue } from './chain.js';
import type { ResolveBase, ResolveContext } from './context.js';
import { callFunction } from './functions.js';
import { macroValue } from './macros.js';
import { walkRecordPath } from './record-path.js';
import { requestValue } from './request-path.js';
import { fail, MODIFIERS } from './values.js';

/** Resolves identifiers and functions of a filter against a collection whose row is `rootAlias`. */
export class FieldResolver implements OperandResolver, ResolveBase {
  constructor(
    readonly ctx: ResolveContext,
    readonly collection: Collection,
    readonly rootAlias: string,
  ) {}

  identifier(node: IdentOperand, scope: JoinScope): SqlValue {
    if (node.modifier !== null && !MODIFIERS.has(node.modifier)) fail(`unknown modifier ":${node.modifier}"`);
    const head = node.path[0] as string;
    if (head === '@request') return requestValue(this, node, scope);
    if (head === '@collection') return this.otherCollection(node, scope);
    if (head.startsWith('@')) return macroValue(node);
    const end = walkRecordPath(this.ctx, this.collection, node.path, node.modifier);
    return pathValue(this.ctx, scope, { rootKey: '@record', rootAlias: this.rootAlias, steps: [] }, end, true);
  }

  call(node: FuncOperand, _scope: JoinScope, arg: (node: Operand) => SqlValue): SqlValue {
    return callFunction(this.ctx, node, arg);
  }

  /** `@collection.<nameOrId>[:alias].<path>`: every record of that collection, joined without a condition. */
  private otherCollection(node: IdentOperand, scope: JoinScope): SqlValue {
    const { ctx } = this;
    if (ctx.restricted) fail('@collection.* can be used only in rules and superuser filters');
    const [, target, ...rest] = node.path;
    if (target === undefined || rest.length === 0) fail('@collection needs a collection and a field');
    const [name, alias = '', extra] = target.split(':');
    const collection = extra === undefined ? ctx.catalog.find(name as string) : undefined;
    if (!collection) fail(`unknown collection "${target}"`);
    const root = {
      rootKey: `@collection:${collection.id}:${alias}`,
      rootAlias: '',
      steps: [
        {
          key: 'rows',
          multi: true,
          collection,
          build: () => ({ source: sql.id(collection.name), on: null }),
        },
      ],
    };
    const end = walkRecordPath(ctx, collection, rest, node.modifier);
    return pathValue(ctx, scope, root, end, false);
  }
}
