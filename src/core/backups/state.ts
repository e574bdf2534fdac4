import type { BlobStore } from '../../blob/blob.js';
import type { App } from '../app.js';
import { Errors } from '../errors.js';
import type { BackupPorts, Restarter } from './ports.js';

/** What one app instance knows of its backups: adapters, the restart seam, the task running now. */
export interface BackupsState {
  ports: BackupPorts | null;
  restarter: Restarter | null;
  /** the backup or restore running on this instance, if any */
  busy: 'backup' | 'restore' | null;
  blob: { signature: string; store: BlobStore } | null;
  /** keys a restore or drill is reading now: they cannot be deleted meanwhile */
  inUse: Set<string>;
}

const states = new WeakMap<App, BackupsState>();

export function backupsState(app: App): BackupsState {
  let s = states.get(app);
  if (!s) {
    s = { ports: null, restarter: null, busy: null, blob: null, inUse: new Set() };
    states.set(app, s);
    const state = s;
    app.onClose(async () => {
      await state.blob?.store.close();
      state.blob = null;
    });
  }
  return s;
}

/** Plugs in the adapters (main.ts). */
export function useBackupPorts(app: App, ports: BackupPorts): void {
  backupsState(app).ports = ports;
}

/** Installs the restart seam a restore swaps its data through (the serve command, the CLI). */
export function setRestarter(app: App, restarter: Restarter): void {
  backupsState(app).restarter = restarter;
}

export function portsOf(app: App): BackupPorts {
  const ports = backupsState(app).ports;
  if (!ports) throw new Error('backup adapters are not set (see main.ts)');
  return ports;
}

/** True while a backup or restore runs on this instance (`canBackup` of the health check is its opposite). */
export function backupBusy(app: App): boolean {
  return backupsState(app).busy !== null;
}

/** Runs `fn` as this instance's one backup or restore; a second one at the same time gets 400. */
export async function exclusively<T>(app: App, what: 'backup' | 'restore', fn: () => Promise<T>): Promise<T> {
  const state = backupsState(app);
  if (state.busy) throw Errors.backupBusy();
  state.busy = what;
  try {
    return await fn();
  } finally {
    state.busy = null;
  }
}

/** Marks the instance busy until `done` settles (a restore running on after its request answered). */
export function claimBusy(app: App, what: 'backup' | 'restore'): () => void {
  const state = backupsState(app);
  if (state.busy) throw Errors.backupBusy();
  state.busy = what;
  return () => {
    state.busy = null;
  };
}

/** Marks backup `key` as being read until the returned function is called. */
export function useKey(app: App, key: string): () => void {
  const inUse = backupsState(app).inUse;
  inUse.add(key);
  return () => inUse.delete(key);
}
