// The realtime load process: opens N SSE connections to one server, subscribes each (Basalt), then
// triggers one change per round and times its arrival on every connection.
// Usage: node bench/realtime-load.mjs '<json: {url, mode: "basalt"|"ceiling", clients, rounds, token}>'
// Progress on stderr; one JSON result line on stdout.
import { Agent, request } from 'node:http';
import { connect } from 'node:net';

const spec = JSON.parse(process.argv[2]);
const { url, mode, clients, rounds, token } = spec;
const { hostname, port } = new URL(url);
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const say = (msg) => process.stderr.write(`[load ${mode}] ${msg}\n`);

function post(path, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = request(
      {
        host: hostname,
        port,
        path,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode, text }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** One SSE connection; `watch` is set while a round waits for its marker. */
class Conn {
  constructor() {
    this.id = '';
    this.tail = '';
    this.latency = -1;
  }

  open() {
    return new Promise((resolve, reject) => {
      const path = mode === 'basalt' ? '/api/realtime' : '/sse';
      const s = connect(Number(port), hostname);
      this.socket = s;
      s.setNoDelay(true);
      s.on('error', (err) => {
        if (!this.id) reject(err);
        else this.failed = true;
      });
      s.on('close', () => {
        this.closed = true;
      });
      s.on('connect', () => s.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nAccept: text/event-stream\r\n\r\n`));
      s.on('data', (chunk) => {
        if (!this.id) {
          this.tail += chunk.toString('latin1');
          const m = /id:([A-Za-z0-9]+)\n/.exec(this.tail);
          if (m) {
            this.id = m[1];
            this.tail = Buffer.alloc(0);
            resolve(this);
          }
          return;
        }
        // searched in the bytes as they come (no string per message): the load process must stay
        // cheaper per message than the server, or it measures itself
        if (round && this.latency < 0) {
          const hit =
            chunk.includes(round.markerBytes) || Buffer.concat([this.tail, chunk]).includes(round.markerBytes);
          if (hit) {
            this.latency = performance.now() - round.t0;
            if (++round.got === conns.length) round.done();
          }
        }
        this.tail = chunk.subarray(Math.max(0, chunk.length - 32));
      });
    });
  }
}

let round = null;
const conns = [];

async function openAll() {
  const t0 = performance.now();
  const width = 200;
  let next = 0;
  async function worker() {
    while (next < clients) {
      next++;
      const c = new Conn();
      await c.open();
      if (mode === 'basalt') {
        const r = await post('/api/realtime', { clientId: c.id, subscriptions: ['feed/*'] });
        if (r.status !== 204) throw new Error(`subscribe → ${r.status} ${r.text}`);
      }
      conns.push(c);
      if (conns.length % 2000 === 0) say(`${conns.length} connected`);
    }
  }
  await Promise.all(Array.from({ length: width }, worker));
  return performance.now() - t0;
}

async function fanOut(r) {
  for (const c of conns) c.latency = -1;
  const marker = `mark${r}x${Math.random().toString(36).slice(2, 10)}`;
  let timer;
  const arrived = new Promise((resolve) => {
    round = { marker, markerBytes: Buffer.from(marker), t0: 0, got: 0, done: resolve };
    timer = setTimeout(resolve, 30_000);
  });
  round.t0 = performance.now();
  const res =
    mode === 'basalt'
      ? await post('/api/collections/feed/records', { title: marker }, { authorization: token })
      : await post('/fire', { title: marker });
  if (res.status !== 200) throw new Error(`trigger → ${res.status} ${res.text}`);
  await arrived;
  clearTimeout(timer);
  const lat = conns.map((c) => c.latency);
  round = null;
  return { got: lat.filter((x) => x >= 0), missing: lat.filter((x) => x < 0).length };
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const connectMs = await openAll();
say(`${conns.length} connected in ${(connectMs / 1000).toFixed(1)} s`);
// tell the parent that every connection is open, so it can read the server's memory
process.stdout.write(`${JSON.stringify({ connected: conns.length, connectMs })}\n`);
await new Promise((r) => setTimeout(r, 1000));
const all = [];
let missing = 0;
const perRound = [];
for (let r = 0; r < rounds; r++) {
  const { got, missing: lost } = await fanOut(r);
  missing += lost;
  const sorted = [...got].sort((a, b) => a - b);
  perRound.push({ p50: pct(sorted, 50), p99: pct(sorted, 99), max: sorted.at(-1), missing: lost });
  // the first round warms the server up; it is reported but not counted
  if (r > 0) all.push(...got);
  await new Promise((res) => setTimeout(res, 300));
}
all.sort((a, b) => a - b);
const dropped = conns.filter((c) => c.closed || c.failed).length;
process.stdout.write(
  `${JSON.stringify({
    clients: conns.length,
    connectMs,
    connectRate: conns.length / (connectMs / 1000),
    p50: pct(all, 50),
    p99: pct(all, 99),
    max: all.at(-1),
    missing,
    dropped,
    perRound,
  })}\n`,
);
for (const c of conns) c.socket.destroy();
agent.destroy();
process.exit(0);
