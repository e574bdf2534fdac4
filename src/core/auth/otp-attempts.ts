/**
 * The fixed guard of auth-with-otp: at most 5 code checks per 3 minutes for one (client IP, target
 * record), counted before the code is compared. It runs whatever the rate-limit settings say.
 */
const MAX_ATTEMPTS = 5;
const WINDOW_MS = 180_000;

const windows = new Map<string, { start: number; count: number }>();

/** Counts one attempt; false when the limit for this window is already reached. */
export function allowOtpAttempt(ip: string, collectionId: string, recordId: string, now = Date.now()): boolean {
  const key = `${ip}|${collectionId}|${recordId}`;
  let w = windows.get(key);
  if (!w || now - w.start >= WINDOW_MS) {
    if (windows.size > 10_000) {
      for (const [k, v] of windows) if (now - v.start >= WINDOW_MS) windows.delete(k);
    }
    w = { start: now, count: 0 };
    windows.set(key, w);
  }
  w.count++;
  return w.count <= MAX_ATTEMPTS;
}
