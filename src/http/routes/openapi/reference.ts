import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { REFERENCE_HTML, REFERENCE_SCRIPT } from '../../api-reference/page.js';
import type { RouteDefinition } from '../../route.js';
import { type Encoding, pickEncoding } from '../../static/compression.js';

interface Asset {
  type: string;
  load: () => Promise<string | Buffer>;
}

/** The files of the page: ours, and the two Swagger UI needs from its package. */
const ASSETS: Readonly<Record<string, Asset>> = {
  '': { type: 'text/html; charset=utf-8', load: async () => REFERENCE_HTML },
  'reference.js': { type: 'text/javascript; charset=utf-8', load: async () => REFERENCE_SCRIPT },
  'swagger-ui.css': { type: 'text/css; charset=utf-8', load: () => readFile(join(swaggerDir(), 'swagger-ui.css')) },
  'swagger-ui-bundle.js': {
    type: 'text/javascript; charset=utf-8',
    load: () => readFile(join(swaggerDir(), 'swagger-ui-bundle.js')),
  },
};

let dir: string | undefined;
function swaggerDir(): string {
  dir ??= dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  return dir;
}

const COMPRESS: Readonly<Record<Encoding, (b: Buffer) => Promise<Buffer>>> = {
  gzip: promisify(gzip),
  br: promisify(brotliCompress),
};

/** Each asset read and compressed once per process, on first request, then kept (about 2 MB in all). */
const cache = new Map<string, Promise<Buffer>>();
function body(name: string, asset: Asset, encoding: Encoding | null): Promise<Buffer> {
  const key = `${name}|${encoding ?? ''}`;
  let found = cache.get(key);
  if (!found) {
    found = encoding
      ? body(name, asset, null).then((raw) => COMPRESS[encoding](raw))
      : asset.load().then((b) => (typeof b === 'string' ? Buffer.from(b) : b));
    cache.set(key, found);
    found.catch(() => cache.delete(key));
  }
  return found;
}

/** Answers with one file of the reference page ('' is the page itself). */
export async function sendReferenceAsset(
  name: string,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  if (!asset) {
    reply.callNotFound();
    return reply;
  }
  const encoding = pickEncoding(req.headers['accept-encoding']);
  reply.type(asset.type).header('vary', 'Accept-Encoding');
  // the page and its files change only with an upgrade: browsers revalidate after an hour
  reply.header('cache-control', 'public, max-age=3600');
  if (encoding) reply.header('content-encoding', encoding);
  return reply.send(await body(name, asset, encoding));
}

/** The files of the API reference page, under /_/docs/. */
const reference: RouteDefinition = {
  tag: 'docs.referenceAsset',
  method: 'GET',
  url: '/_/docs/*',
  handler: (req, reply) => sendReferenceAsset((req.params as { '*': string })['*'], req, reply),
};

export default reference;
