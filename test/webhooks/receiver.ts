import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  json: any;
}

/** What the receiver does with the next requests: answer 2xx, answer 500, or hold them without answering. */
export type Mode = 'ok' | 'fail' | 'hang' | 'redirect';

/**
 * A real HTTP server on 127.0.0.1 that records the webhook requests it gets. `stop()` closes it
 * (the port then refuses connections, as a receiver that is down); `start()` listens again on the
 * same port.
 */
export class Receiver {
  readonly received: Received[] = [];
  /** requests that reached the server, answered or not */
  hits = 0;
  mode: Mode = 'ok';
  port = 0;
  private server: Server | null = null;
  private readonly held: ServerResponse[] = [];

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    for (const res of this.held.splice(0)) res.destroy();
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      this.hits++;
      const body = Buffer.concat(chunks).toString('utf8');
      if (this.mode === 'hang') {
        this.held.push(res);
        return;
      }
      if (this.mode === 'fail') {
        res.writeHead(500).end('receiver broke');
        return;
      }
      if (this.mode === 'redirect') {
        res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end();
        return;
      }
      this.received.push({ headers: req.headers, body, json: JSON.parse(body) });
      res.writeHead(204).end();
    });
  }
}

/** Polls until `check` passes; fails after `deadlineMs` (a bound on a hang, not a speed assertion). */
export async function eventually<T>(check: () => T | Promise<T>, what: string, deadlineMs = 20_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - t0 > deadlineMs) throw new Error(`not seen within ${deadlineMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
