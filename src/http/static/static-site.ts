import { basename } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Errors } from '../../core/errors.js';
import { acceptsHtml } from './accepts-html.js';
import { cacheControlFor, REVALIDATE } from './cache-policy.js';
import { registerCompression } from './compression.js';
import { type Located, PublicFolder } from './locate.js';
import { formatStaticPath, readStaticPath, type StaticPath } from './request-path.js';

export interface StaticSiteOptions {
  /** the public folder (absolute); a missing folder serves nothing */
  publicDir: string;
  /** answer unknown page paths with /index.html (single-page apps) */
  indexFallback: boolean;
  /** folders never served even when inside the public folder (the data directory) */
  exclude?: readonly string[];
}

/** An extension-less last segment: a page of the app rather than a missing asset (`/app.js`, `/logo.png`). */
function isPagePath(path: StaticPath): boolean {
  const last = path.segments.at(-1);
  return last === undefined || !last.includes('.');
}

function sendFound(reply: FastifyReply, found: Extract<Located, { kind: 'file' }>, cacheControl: string) {
  reply.header('cache-control', cacheControl);
  // send() adds Content-Type, Content-Length, ETag, Last-Modified, Accept-Ranges and answers
  // If-None-Match / If-Modified-Since with 304 and Range with 206
  return reply.sendFile(found.file, found.root, { cacheControl: false, dotfiles: 'ignore' });
}

/**
 * The router's limit on a path parameter. A longer segment makes the API route miss, and the router then
 * falls back to this catch-all where it used to refuse the URL: such `/api/` paths keep the router's 400.
 */
function maxParamLength(server: FastifyInstance): number {
  const options = server.initialConfig as { routerOptions?: { maxParamLength?: number } };
  return options.routerOptions?.maxParamLength ?? server.initialConfig.maxParamLength ?? 100;
}

function overlongApiSegment(url: string, max: number): boolean {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  return /^\/+api\//i.test(path) && path.split('/').some((segment) => segment.length > max);
}

interface Site {
  folder: PublicFolder;
  indexFallback: boolean;
  maxParamLength: number;
}

async function serve(site: Site, req: FastifyRequest, reply: FastifyReply) {
  const url = req.raw.url ?? '/';
  const path = readStaticPath(url);
  if (path === null) {
    if (overlongApiSegment(url, site.maxParamLength)) throw Errors.badRequest();
    // refused paths (escapes, hidden files, /api/…, /_/…) answer as the API answers an unknown path
    return reply.callNotFound();
  }
  const { folder, indexFallback } = site;
  const found = await folder.locate(path.segments, path.trailingSlash);
  if (found.kind === 'file') return sendFound(reply, found, cacheControlFor(basename(found.file)));
  if (found.kind === 'folder') {
    const q = url.indexOf('?');
    // rebuilt from the checked segments, so the target always starts with a single slash (never `//host`)
    return reply.redirect(formatStaticPath(path.segments, true) + (q === -1 ? '' : url.slice(q)), 301);
  }
  if (indexFallback && isPagePath(path) && acceptsHtml(req.headers.accept)) {
    const index = await folder.locate([], true);
    if (index.kind === 'file') return sendFound(reply, index, REVALIDATE);
  }
  return reply.callNotFound();
}

/**
 * Serves the public folder at `/` (GET and HEAD), beside `/api/` and `/_/`, which it never answers: the
 * router matches every API route first, and this catch-all sends paths under those prefixes to the API's
 * JSON 404. Compression is registered inside this plugin's scope only, so API responses never pass
 * through it. A request that matches no API route costs one catch-all lookup more than before; API routes
 * cost nothing more.
 */
export async function registerStaticSite(server: FastifyInstance, options: StaticSiteOptions): Promise<void> {
  const site: Site = {
    folder: new PublicFolder(options.publicDir, options.exclude),
    indexFallback: options.indexFallback,
    maxParamLength: maxParamLength(server),
  };
  await server.register(async (scope) => {
    // serve: false: only reply.sendFile (send's headers, 304, ranges); paths are checked here, not there
    await scope.register(fastifyStatic, { serve: false });
    registerCompression(scope);
    scope.get('/*', (req, reply) => serve(site, req, reply));
  });
}
