import { randomString } from '../../lib/random.js';

/**
 * Splitting messages over notifications, whose payload PostgreSQL caps near 8000 bytes. A message
 * that fits goes as `=<text>`; a larger one as parts `<msgId>:<index>:<count>:<slice>`, each at
 * most CHUNK_CHARS UTF-16 units (under 3 bytes each in UTF-8, so under the cap).
 */
export const CHUNK_CHARS = 2400;

export function toChunks(text: string): string[] {
  if (text.length <= CHUNK_CHARS) return [`=${text}`];
  const slices: string[] = [];
  let at = 0;
  while (at < text.length) {
    let end = Math.min(at + CHUNK_CHARS, text.length);
    // never split a surrogate pair: a lone half would not survive UTF-8
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    slices.push(text.slice(at, end));
    at = end;
  }
  const id = randomString(12);
  return slices.map((s, i) => `${id}:${i}:${slices.length}:${s}`);
}

const MAX_PENDING = 1000;

/** Puts chunked messages back together, whatever order their parts arrive in. */
export class Reassembler {
  private readonly pending = new Map<string, { parts: string[]; got: number }>();

  /** The whole message once its last part arrived, else null (also for a malformed part). */
  add(chunk: string): string | null {
    if (chunk.startsWith('=')) return chunk.slice(1);
    const m = /^([a-z0-9]+):(\d+):(\d+):/.exec(chunk);
    if (!m) return null;
    const [head, id, i, n] = m as unknown as [string, string, string, string];
    const index = Number(i);
    const count = Number(n);
    if (index >= count) return null;
    let entry = this.pending.get(id);
    if (!entry) {
      // parts of a sender that died mid-message must not pile up
      if (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value as string);
      entry = { parts: new Array(count), got: 0 };
      this.pending.set(id, entry);
    }
    if (entry.parts[index] === undefined) entry.got++;
    entry.parts[index] = chunk.slice(head.length);
    if (entry.got < count) return null;
    this.pending.delete(id);
    return entry.parts.join('');
  }

  clear(): void {
    this.pending.clear();
  }
}
