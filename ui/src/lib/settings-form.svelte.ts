import { type ErrorTree, failureOf } from './errors';
import { pb } from './pb';

/** Settings keys whose stored value the API never sends back: an empty input keeps the stored one. */
const SECRETS: readonly string[][] = [
  ['smtp', 'password'],
  ['s3', 'secret'],
  ['backups', 's3', 'secret'],
];

function dropEmptySecrets(patch: Record<string, any>): void {
  for (const path of SECRETS) {
    let node = patch;
    for (const key of path.slice(0, -1)) node = node?.[key];
    const last = path[path.length - 1] as string;
    if (node && typeof node === 'object' && node[last] === '') delete node[last];
  }
}

/**
 * The state of one settings page: the areas it edits (`keys`), loaded from and saved to
 * `/api/settings`, with the outcome of the last save and the server's field errors.
 */
export class SettingsForm {
  values: Record<string, any> = $state({});
  loaded = $state(false);
  busy = $state(false);
  message = $state('');
  saved = $state('');
  errors: ErrorTree = $state({});
  readonly #keys: readonly string[];

  constructor(keys: readonly string[]) {
    this.#keys = keys;
  }

  #take(all: Record<string, any>): void {
    const next: Record<string, any> = {};
    for (const key of this.#keys) next[key] = structuredClone(all[key] ?? {});
    this.values = next;
  }

  async load(): Promise<void> {
    try {
      this.#take(await pb.settings.getAll());
      this.loaded = true;
    } catch (err) {
      this.message = failureOf(err).message;
    }
  }

  /** Saves the page's areas; `extra` lets a page add a derived value (a list typed as text). */
  async save(extra: Record<string, any> = {}): Promise<boolean> {
    this.busy = true;
    this.message = '';
    this.saved = '';
    this.errors = {};
    try {
      const patch = { ...$state.snapshot(this.values), ...extra };
      dropEmptySecrets(patch);
      this.#take(await pb.settings.update(patch));
      this.saved = 'Settings saved.';
      return true;
    } catch (err) {
      const f = failureOf(err);
      this.message = f.message;
      this.errors = f.data;
      return false;
    } finally {
      this.busy = false;
    }
  }
}

/** Whether an answer is a pending approval (202 under the two-person rule) rather than the action's result. */
export function isPendingApproval(body: unknown): body is { id: string; action: string; status: string } {
  const b = body as { status?: unknown; action?: unknown } | null;
  return !!b && typeof b === 'object' && b.status === 'pending' && typeof b.action === 'string';
}

export const AWAITS_APPROVAL = 'Waiting for approval: another superuser must approve this under Settings → Approvals.';
