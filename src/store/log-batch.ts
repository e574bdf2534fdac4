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
/** Characters a JSON string literal cannot hold as they are (surrogates: a lone one must be escaped). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must be escaped
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

export class LogBatch {
  /** entries in the batch */
  count = 0;
  private buf: Buffer;
  private used = 0;
  /** where the entry being written starts, and where its message ends */
  private entryStart = -1;
  private messageEnd = -1;

  constructor(capacity = INITIAL_CAPACITY) {
    this.buf = Buffer.from(new ArrayBuffer(capacity));
  }

  add(at: number, level: number, message: string, data: string): void {
    this.begin(at, level).text(message).data().text(data).end();
  }

  /**
   * Starts an entry written piece by piece, straight into the batch's bytes: its message (`text`),
   * then `data()`, then its data (`text`, `jsonString`), then `end()`. A hot caller builds no strings
   * for its entry this way, so an entry costs the young generation nothing.
   */
  begin(at: number, level: number): this {
    this.reserve(HEADER);
    this.entryStart = this.used;
    this.messageEnd = -1;
    this.buf.writeDoubleLE(at, this.used);
    this.buf.writeInt32LE(level, this.used + 8);
    this.used += HEADER;
    return this;
  }

  /** Appends `text` as UTF-8. */
  text(text: string): this {
    // UTF-8 takes at most 3 bytes per UTF-16 unit
    this.reserve(3 * text.length);
    this.used += this.buf.write(text, this.used, 'utf8');
    return this;
  }

  /** Appends `value` as a JSON string literal (the text JSON.stringify gives). */
  jsonString(value: string): this {
    if (NEEDS_ESCAPE.test(value)) return this.text(JSON.stringify(value));
    this.reserve(3 * value.length + 2);
    this.buf[this.used++] = 0x22;
    this.used += this.buf.write(value, this.used, 'utf8');
    this.buf[this.used++] = 0x22;
    return this;
  }

  /** Ends the entry's message: what follows is its data. */
  data(): this {
    this.messageEnd = this.used;
    return this;
  }

  /** Completes the entry begun last. */
  end(): void {
    const start = this.entryStart;
    if (start < 0 || this.messageEnd < 0) throw new Error('LogBatch.end without begin and data');
    this.buf.writeUInt32LE(this.messageEnd - start - HEADER, start + 12);
    this.buf.writeUInt32LE(this.used - this.messageEnd, start + 16);
    this.entryStart = -1;
    this.count++;
  }

  /** Drops the entry begun last (its writer failed half-way). */
  abandon(): void {
    if (this.entryStart >= 0) this.used = this.entryStart;
    this.entryStart = -1;
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
