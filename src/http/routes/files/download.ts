import type { FastifyReply, FastifyRequest } from 'fastify';
import { isApiError } from '../../../core/errors.js';
import { type Download, resolveDownload } from '../../../core/files/download.js';
import { FILE_CACHE_CONTROL, FILE_CSP } from '../../../core/files/policy.js';
import { toBool } from '../../../lib/bool.js';
import { queryParamOf } from '../../context.js';
import { parseRange } from '../../range.js';
import { collectionParam, pathParam, type RouteDefinition } from '../../route.js';

/** Sets a header unless a hook set it already. */
function headerOnce(reply: FastifyReply, name: string, value: string): void {
  if (!reply.hasHeader(name)) reply.header(name, value);
}

const etagOf = (d: Download) => `"${d.info.size.toString(16)}-${d.info.modified.getTime().toString(16)}"`;

/** True when the client's copy is current: If-None-Match (or, without it, If-Modified-Since). */
function notModified(req: FastifyRequest, etag: string, modified: Date): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) return inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*');
  const ims = req.headers['if-modified-since'];
  if (ims === undefined) return false;
  const since = Date.parse(ims);
  return Number.isFinite(since) && Math.floor(modified.getTime() / 1000) <= Math.floor(since / 1000);
}

/** A Range applies unless If-Range names another version of the file. */
function rangeApplies(req: FastifyRequest, etag: string, modified: Date): boolean {
  const raw = req.headers['if-range'];
  if (raw === undefined) return true;
  const ifRange = String(raw);
  if (ifRange.startsWith('"') || ifRange.startsWith('W/')) return ifRange === etag;
  return Date.parse(ifRange) >= Math.floor(modified.getTime() / 1000) * 1000;
}

const download: RouteDefinition = {
  tag: 'files.download',
  method: 'GET',
  url: '/api/files/:collection/:recordId/:filename',
  collection: collectionParam,
  rateLimitTags: ['file'],
  async handler(req, reply, app) {
    const d = await resolveDownload(app, {
      collection: pathParam(req, 'collection'),
      recordId: pathParam(req, 'recordId'),
      filename: pathParam(req, 'filename'),
      thumb: queryParamOf(req, 'thumb') ?? '',
      download: toBool(queryParamOf(req, 'download') ?? ''),
      token: queryParamOf(req, 'token') ?? '',
    });
    const etag = etagOf(d);
    reply.raw.removeHeader('X-Frame-Options');
    headerOnce(reply, 'Content-Disposition', d.disposition);
    headerOnce(reply, 'Content-Type', d.contentType);
    headerOnce(reply, 'Content-Security-Policy', FILE_CSP);
    headerOnce(reply, 'Cache-Control', FILE_CACHE_CONTROL);
    reply.header('ETag', etag);
    reply.header('Last-Modified', d.info.modified.toUTCString());
    reply.header('Accept-Ranges', 'bytes');
    if (notModified(req, etag, d.info.modified)) return reply.status(304).send();
    const size = d.info.size;
    let range = null;
    try {
      range = rangeApplies(req, etag, d.info.modified) ? parseRange(req.headers.range, size) : null;
    } catch (err) {
      if (isApiError(err)) reply.header('Content-Range', `bytes */${size}`);
      throw err;
    }
    if (req.method === 'HEAD') {
      reply.header('Content-Length', String(range ? range.end - range.start + 1 : size));
      return reply.status(range ? 206 : 200).send();
    }
    const stream = await d.blob.get(d.info.key, range ?? undefined);
    if (range) {
      reply.header('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
      reply.header('Content-Length', String(range.end - range.start + 1));
      return reply.status(206).send(stream);
    }
    reply.header('Content-Length', String(size));
    return reply.status(200).send(stream);
  },
};

export default download;
