/** A Server-Sent Events reader over fetch streaming, for tests (Node 20 has no EventSource). */

export interface SseMessage {
  id: string;
  event: string;
  data: string;
}

/** Parses complete SSE blocks out of `buffer`; returns the messages and what is left over. */
export function parseSse(buffer: string): { messages: SseMessage[]; rest: string } {
  const messages: SseMessage[] = [];
  let rest = buffer;
  for (let end = rest.indexOf('\n\n'); end >= 0; end = rest.indexOf('\n\n')) {
    const block = rest.slice(0, end);
    rest = rest.slice(end + 2);
    const m: SseMessage = { id: '', event: 'message', data: '' };
    const data: string[] = [];
    for (const line of block.split('\n')) {
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'id') m.id = value;
      else if (field === 'event') m.event = value;
      else if (field === 'data') data.push(value);
    }
    m.data = data.join('\n');
    messages.push(m);
  }
  return { messages, rest };
}

/** Every message of one SSE response, in order; `next` waits for the next one matching. */
export class SseStream {
  /** every message received so far */
  readonly received: SseMessage[] = [];
  /** the raw text received so far */
  raw = '';
  private read = 0;
  private wake: (() => void) | null = null;
  private ended = false;
  readonly done: Promise<void>;

  private constructor(
    readonly response: Response,
    private readonly abort: AbortController,
  ) {
    this.done = this.pump();
  }

  static async open(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
    const abort = new AbortController();
    const res = await fetch(`${url}/api/realtime`, { headers, signal: abort.signal });
    return new SseStream(res, abort);
  }

  get closed(): boolean {
    return this.ended;
  }

  private async pump(): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of this.response.body as unknown as AsyncIterable<Uint8Array>) {
        const text = decoder.decode(chunk, { stream: true });
        this.raw += text;
        buffer += text;
        const { messages, rest } = parseSse(buffer);
        buffer = rest;
        this.received.push(...messages);
        this.wake?.();
      }
    } catch {
      // aborted or reset: the stream is over either way
    }
    this.ended = true;
    this.wake?.();
  }

  /** The next message (after the ones already returned) for which `match` holds; rejects when the stream ends first. */
  async next(match: (m: SseMessage) => boolean = () => true): Promise<SseMessage> {
    for (;;) {
      while (this.read < this.received.length) {
        const m = this.received[this.read++] as SseMessage;
        if (match(m)) return m;
      }
      if (this.ended) throw new Error(`the stream ended; received: ${JSON.stringify(this.received)}`);
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = null;
    }
  }

  /** The next message named `event`, its data parsed. */
  async nextData(
    event: string,
  ): Promise<{ action?: string; record?: Record<string, unknown> } & Record<string, unknown>> {
    return JSON.parse((await this.next((m) => m.event === event)).data);
  }

  /** Messages received so far that `next` has not returned yet. */
  unread(): SseMessage[] {
    return this.received.slice(this.read);
  }

  /** Marks every message received so far as read. */
  skipAll(): void {
    this.read = this.received.length;
  }

  close(): void {
    this.abort.abort();
  }
}

/** Opens a stream and reads its PB_CONNECT; returns the stream and the client id. */
export async function connect(url: string): Promise<{ stream: SseStream; clientId: string }> {
  const stream = await SseStream.open(url);
  const hello = await stream.next((m) => m.event === 'PB_CONNECT');
  return { stream, clientId: hello.id };
}

/** POST /api/realtime with a JSON body; the status and the parsed body (null when empty). */
export async function subscribe(url: string, body: unknown, token?: string): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = token;
  const res = await fetch(`${url}/api/realtime`, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}
