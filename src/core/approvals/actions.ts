import type { App } from '../app.js';
import type { Requester } from '../request.js';

/** Who asked for an action, and from where: the action runs as them, even once another superuser approved it. */
export interface ActionContext {
  requester: Requester;
  ip: string;
}

/**
 * A destructive action the two-person rule holds back. It is looked up by name when an approval is
 * decided (perhaps on another instance, after a restart), so it is described by data (`payload`, plain
 * JSON) and this definition, never by a closure.
 */
export interface GuardedAction {
  /** what it acts on, shown in approvals and the audit trail (a collection name, `collection/id`, a key) */
  target(payload: Record<string, unknown>): string;
  /**
   * Refuses a request that could not run (an unknown collection: 404) before an approval is opened;
   * throws the API error.
   */
  check?(app: App, payload: Record<string, unknown>, ctx: ActionContext): Promise<void>;
  /** False when this payload destroys nothing after all (an import that deletes no collection): it runs at once. */
  destructive?(app: App, payload: Record<string, unknown>): boolean;
  /** Does it; resolves with a JSON value recorded as the approval's result (undefined: nothing to show). */
  run(app: App, payload: Record<string, unknown>, ctx: ActionContext): Promise<unknown>;
}

const actions = new Map<string, GuardedAction>();

/** Declares a guarded action under `name` (an operation tag such as `collections.delete`). */
export function defineGuardedAction(name: string, action: GuardedAction): void {
  if (actions.has(name)) throw new Error(`guarded action ${name} is defined twice`);
  actions.set(name, action);
}

export function guardedAction(name: string): GuardedAction {
  const action = actions.get(name);
  if (!action) throw new Error(`no guarded action named ${name}`);
  return action;
}
