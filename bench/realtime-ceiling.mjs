// The ceiling for the realtime scenario: a bare node:http SSE server doing the same fan-out as Basalt
// (an id, the PB_CONNECT greeting, then one frame per connection for each POST /fire), nothing else.
// Usage: node bench/realtime-ceiling.mjs PORT
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

const clients = new Set();

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/sse') {
    req.socket.setNoDelay(true);
    const id = randomBytes(20).toString('hex');
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    res.write(`id:${id}\nevent:PB_CONNECT\ndata:${JSON.stringify({ clientId: id })}\n\n`);
    const client = { id, res };
    clients.add(client);
    res.on('close', () => clients.delete(client));
    return;
  }
  if (req.method === 'POST' && req.url === '/fire') {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      const record = { id: randomBytes(8).toString('hex'), ...JSON.parse(body) };
      const json = JSON.stringify({ action: 'create', record });
      for (const c of clients) c.res.write(`id:${c.id}\nevent:feed/*\ndata:${json}\n\n`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(record));
    });
    return;
  }
  if (req.url === '/api/health') {
    res.writeHead(200);
    res.end('{}');
    return;
  }
  res.writeHead(404);
  res.end();
});
server.listen(Number(process.argv[2]), '127.0.0.1');
