import { createServer } from 'node:http';

const ROUTE = /^\/api\/collections\/([^/]+)\/(records|auth-with-password|auth-refresh)(?:\/([^/]+))?\/?$/;
const HEALTH = JSON.stringify({ message: 'API is healthy.', code: 200, data: {} });

/** Splits a request line into the parts the ceilings route on. */
export function parseTarget(method, url) {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const query = new URLSearchParams(q === -1 ? '' : url.slice(q + 1));
  const m = ROUTE.exec(path);
  if (!m) return { method, path, query, collection: null, action: null, id: null };
  return {
    method,
    path,
    query,
    collection: decodeURIComponent(m[1]),
    action: m[2],
    id: m[3] ? decodeURIComponent(m[3]) : null,
  };
}

/** A stable name for the kind of request, used by ceiling (a) to pick its canned answer. */
export function routeKey(t) {
  if (!t.collection) return `${t.method} ${t.path}`;
  const flags = ['skipTotal', 'expand'].filter(
    (k) => t.query.has(k) && t.query.get(k) !== '' && t.query.get(k) !== '0',
  );
  return `${t.method} ${t.collection}/${t.action}${t.id ? '/:id' : ''}${flags.length ? `?${flags.join('&')}` : ''}`;
}

export function errorBody(status, message) {
  return { status, message, data: {} };
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(chunks.length ? Buffer.concat(chunks).toString() : ''));
    req.on('error', reject);
  });
}

function send(res, status, text) {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Serves `handle(target, bodyText, authHeader)` → {status, body} on node:http.
 * `/api/health` answers directly so start-to-healthy measures the same thing for every server.
 */
export function serve(port, handle) {
  const server = createServer(async (req, res) => {
    try {
      const bodyText = req.method === 'GET' || req.method === 'HEAD' ? '' : await readBody(req);
      if (req.url === '/api/health') return send(res, 200, HEALTH);
      const target = parseTarget(req.method, req.url);
      const out = await handle(target, bodyText, req.headers.authorization ?? '');
      send(res, out.status, JSON.stringify(out.body));
    } catch (e) {
      process.stderr.write(`ceiling: ${e?.stack ?? e}\n`);
      send(res, 500, JSON.stringify(errorBody(500, 'Something went wrong while processing your request.')));
    }
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}
