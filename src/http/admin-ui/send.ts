import type { FastifyReply, FastifyRequest } from 'fastify';
import { isCompressible, MIN_COMPRESS_SIZE, pickEncoding } from '../static/compression.js';
import { DASHBOARD_CSP } from './csp.js';
import { type DashboardFile, dashboardFile, encodedBody } from './files.js';

/** Vite's output: everything under assets/ carries a content hash in its name and never changes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Shown when the server runs without a built dashboard (a checkout where `npm install` did not build it). */
const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Basalt</title>
<p>The admin dashboard has not been built. Run <code>npm run build -w ui</code> and reload this page.</p></html>`;

function sendFile(req: FastifyRequest, reply: FastifyReply, file: DashboardFile, cacheControl: string) {
  reply.header('cache-control', cacheControl).header('etag', file.etag).type(file.type);
  const compressible = isCompressible(file.type) && file.raw.length >= MIN_COMPRESS_SIZE;
  if (compressible) reply.header('vary', 'Accept-Encoding');
  if (req.headers['if-none-match'] === file.etag) return reply.code(304).send();
  const encoding = compressible ? pickEncoding(req.headers['accept-encoding']) : null;
  if (encoding) reply.header('content-encoding', encoding);
  return encodedBody(file, encoding).then((body) => reply.send(body));
}

/**
 * Answers a path under /_/ from the dashboard build: a file when one exists (hashed assets cached for a
 * year, anything else revalidated), else, for a page path that a browser asks as HTML, index.html, so the
 * single-page app can read the address itself. Everything gets the strict Content-Security-Policy.
 */
export async function sendDashboard(path: string, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  reply.header('content-security-policy', DASHBOARD_CSP);
  if (path !== '' && path !== 'index.html') {
    const file = await dashboardFile(path);
    if (file) return sendFile(req, reply, file, path.startsWith('assets/') ? IMMUTABLE : 'no-cache');
    const last = path.split('/').at(-1) ?? '';
    if (last.includes('.')) {
      reply.callNotFound();
      return reply;
    }
  }
  const index = await dashboardFile('index.html');
  if (!index)
    return reply.code(503).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(NOT_BUILT);
  return sendFile(req, reply, index, 'no-cache');
}
