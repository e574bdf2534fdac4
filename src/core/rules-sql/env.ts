import type { Bind } from '../../store/compiler.js';
import type { RequestInfo } from '../request.js';

/** What a compiled template is bound to: the request and the clock of that request. */
export interface BindEnv {
  readonly info: RequestInfo;
  readonly now: Date;
}

/** A parameter getter created by the resolver. */
export type EnvBind = (env: BindEnv) => unknown;

/** Evaluates the parameter getters of a template for one request, in placeholder order. */
export function evaluateBinds(binds: readonly Bind[], env: BindEnv): unknown[] {
  return binds.map((bind) => (bind as EnvBind)(env));
}
