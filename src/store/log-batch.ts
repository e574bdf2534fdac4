import type { LogEntry } from './log-store.js';

/** Bytes before each entry's text: when (float64), level (int32), message bytes and data bytes (uint32 each). */
const HEADER = 20;
const INITIAL_CAPACITY = 64 * 1024;

/**
 * Log entries encoded into one growing byte buffer as they arrive. Kept as JavaScript objects, a
 * second's worth of entries outlives many young-generation collections and is copied by each of
 * them; as bytes, an entry's strings die at once and the batch is one allocation. The sealed bytes
 * own their memory, so they can be transferred to a worker thread without a copy.
 */
export class LogBatch {
  /** entries in the batch */
  count = 0;
  private buf: Buffer;
  private used = 0;

  constructor(capacity = INITIAL_CAPACITY) {
    this.buf = Buffer.from(new ArrayBuffer(capacity));
  }

  add(at: number, level: number, message: string, data: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit
    this.reserve(HEADER + 3 * (message.length + data.length));
    const start = this.used;
    const messageBytes = this.buf.write(message, start + HEADER, 'utf8');
    const dataBytes = this.buf.write(data, start + HEADER + messageBytes, 'utf8');
    this.buf.writeDoubleLE(at, start);
    this.buf.writeInt32LE(level, start + 8);
    this.buf.writeUInt32LE(messageBytes, start + 12);
    this.buf.writeUInt32LE(dataBytes, start + 16);
    this.used = start + HEADER + messageBytes + dataBytes;
    this.count++;
  }

  /** The encoded entries (decodeLogBatch reads them back); the batch must not be added to afterwards. */
  seal(): Uint8Array {
    return new Uint8Array(this.buf.buffer, 0, this.used);
  }

  private reserve(bytes: number): void {
    if (this.used + bytes <= this.buf.length) return;
    const grown = Buffer.from(new ArrayBuffer(Math.max(this.buf.length * 2, this.used + bytes)));
    this.buf.copy(grown, 0, 0, this.used);
    this.buf = grown;
  }
}

/** The entries of a sealed LogBatch. */
export function decodeLogBatch(bytes: Uint8Array): LogEntry[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries: LogEntry[] = [];
  let at = 0;
  while (at < buf.length) {
    if (at + HEADER > buf.length) throw new Error('malformed log batch');
    const when = buf.readDoubleLE(at);
    const level = buf.readInt32LE(at + 8);
    const messageEnd = at + HEADER + buf.readUInt32LE(at + 12);
    const dataEnd = messageEnd + buf.readUInt32LE(at + 16);
    if (dataEnd > buf.length) throw new Error('malformed log batch');
    entries.push({
      at: when,
      level,
      message: buf.toString('utf8', at + HEADER, messageEnd),
      data: buf.toString('utf8', messageEnd, dataEnd),
    });
    at = dataEnd;
  }
  return entries;
}
