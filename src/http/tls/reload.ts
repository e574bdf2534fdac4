import { unwatchFile, watchFile } from 'node:fs';
import type { Server } from 'node:tls';
import type { Logger } from 'pino';
import { loadCredentials } from './credentials.js';

/** How often the files' modification times are read (a stat each): renewals are rare, a second's delay is nothing. */
const POLL_MS = 1000;
/** A renewal writes the certificate and the key one after the other: changes this close together are one. */
const SETTLE_MS = 200;

/**
 * Re-reads the certificate and key when either file changes and swaps them into the running TLS
 * server (`setSecureContext`): new connections get the new certificate, open ones keep theirs, no
 * restart. Polling the files' status, unlike fs.watch, also sees a replaced symlink (Kubernetes
 * secrets, certbot's live/ folder). A pair that does not load (written halfway, mismatched) is
 * logged and the previous certificate stays in force until the next change. The result stops watching.
 */
export function reloadOnChange(server: Server, certFile: string, keyFile: string, log: Logger): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const reload = async () => {
    try {
      const { cert, key } = await loadCredentials(certFile, keyFile);
      if (stopped) return;
      server.setSecureContext({ cert, key });
      log.info({ certFile }, 'TLS certificate reloaded');
    } catch (err) {
      log.warn(
        { err, certFile, keyFile },
        'TLS certificate files changed but do not load: the previous certificate stays',
      );
    }
  };
  const changed = (now: { mtimeMs: number }, before: { mtimeMs: number }) => {
    if (now.mtimeMs === before.mtimeMs) return;
    clearTimeout(timer);
    timer = setTimeout(() => void reload(), SETTLE_MS);
  };
  const options = { interval: POLL_MS, persistent: false };
  watchFile(certFile, options, changed);
  watchFile(keyFile, options, changed);
  return () => {
    stopped = true;
    clearTimeout(timer);
    unwatchFile(certFile, changed);
    unwatchFile(keyFile, changed);
  };
}
