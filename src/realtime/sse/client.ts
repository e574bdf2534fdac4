import type { ServerResponse } from 'node:http';
import { GUEST, type Requester } from '../../core/request.js';
import { sseFrame } from './frame.js';
import type { Subscription } from './topics.js';

/**
 * One connected SSE client. Writes never wait: a message goes to the socket's buffer, and a client
 * whose buffer holds more than `maxBuffered` bytes (it reads too slowly, or not at all) is
 * disconnected rather than allowed to hold memory or delay anyone else. Its SDK reconnects.
 */
export class SseClient {
  /** the auth of its subscription requests; kept current by the broker's auth upkeep */
  auth: Requester = GUEST;
  /** subscription key (verbatim) → parsed subscription */
  subscriptions = new Map<string, Subscription>();
  /** when the last message was written (ms), for the idle timeout */
  lastWrite: number;
  closed = false;

  /** when it connected (ms), for the maximum lifetime */
  readonly connectedAt: number;

  constructor(
    readonly id: string,
    private readonly res: ServerResponse,
    private readonly maxBuffered: number,
    now: number,
    /** the client IP it connected from: subscription requests and OAuth2 redirects must come from it too */
    readonly ip: string,
  ) {
    this.lastWrite = now;
    this.connectedAt = now;
  }

  /** Writes one message; false when the client is gone or was just dropped for falling behind. */
  send(name: string, json: string, now: number): boolean {
    if (this.closed) return false;
    if (this.res.writableLength > this.maxBuffered) {
      this.close();
      return false;
    }
    this.res.write(sseFrame(this.id, name, json));
    this.lastWrite = now;
    return true;
  }

  /** Ends the stream (the broker unregisters the client when the response closes). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.res.writableLength > 0) this.res.destroy();
    else this.res.end();
  }
}
