/**
 * Remembers, per process, which mails were just sent: a second request for the same mail within
 * the window answers the same and sends nothing (a mailbox is not flooded by repeated clicks).
 */
const WINDOW_MS = 120_000;
const sent = new Map<string, number>();

/** True when `key` was seen within the window (then nothing should be sent); records it otherwise. */
export function recentlySent(key: string, now = Date.now()): boolean {
  const until = sent.get(key);
  if (until !== undefined && until > now) return true;
  if (sent.size > 10_000) {
    for (const [k, t] of sent) if (t <= now) sent.delete(k);
  }
  sent.set(key, now + WINDOW_MS);
  return false;
}
