import { pipeline, Readable } from 'node:stream';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply } from 'fastify';

export type Encoding = 'br' | 'gzip';

/** Below this size compression saves less than its framing and CPU cost. */
export const MIN_COMPRESS_SIZE = 1024;

/**
 * Types worth compressing: text, JavaScript, JSON, XML (SVG, feeds, manifests), WebAssembly and the
 * uncompressed font formats. Images, archives, video and woff/woff2 are compressed already.
 */
const COMPRESSIBLE =
  /^(?:text\/|application\/(?:javascript|ecmascript|json|xml|wasm)(?:;|$)|font\/(?:ttf|otf)|[^;]*\+(?:json|xml)(?:;|$))/i;

export function isCompressible(contentType: unknown): boolean {
  return typeof contentType === 'string' && COMPRESSIBLE.test(contentType);
}

function quality(params: readonly string[]): number {
  for (const p of params) {
    const [k, v] = p.split('=');
    if (k?.trim().toLowerCase() === 'q') {
      const q = Number(v);
      return Number.isFinite(q) && q >= 0 && q <= 1 ? q : 0;
    }
  }
  return 1;
}

/**
 * The encoding to answer with for an Accept-Encoding header: the accepted one (br or gzip) of highest
 * quality, br on a tie; `*` stands for any coding the header does not name; `q=0` refuses. Null for none.
 */
export function pickEncoding(header: string | undefined): Encoding | null {
  if (header === undefined || header === '') return null;
  const q: Partial<Record<Encoding | '*', number>> = {};
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';');
    let coding = name.trim().toLowerCase();
    if (coding === 'x-gzip') coding = 'gzip';
    if (coding === 'br' || coding === 'gzip' || coding === '*') q[coding] = quality(params);
  }
  const br = q.br ?? q['*'] ?? 0;
  const gzip = q.gzip ?? q['*'] ?? 0;
  if (br <= 0 && gzip <= 0) return null;
  return br >= gzip ? 'br' : 'gzip';
}

function addVary(reply: FastifyReply, field: string): void {
  const vary = reply.getHeader('vary');
  const current = Array.isArray(vary) ? vary.join(', ') : typeof vary === 'string' ? vary : '';
  if (current.split(',').some((v) => v.trim().toLowerCase() === field.toLowerCase() || v.trim() === '*')) return;
  reply.header('vary', current ? `${current}, ${field}` : field);
}

/**
 * Compresses the file streams of the static routes (the hook is added to their scope only, so the API's
 * responses never pass through it): whole 200 answers of a compressible type from 1 KiB up, with br or
 * gzip as Accept-Encoding asks. `Vary: Accept-Encoding` goes on every compressible answer, both variants,
 * and on 304s, so shared caches keep the variants apart. Not compressed: 304 answers (no body; their
 * headers must not announce an encoding the stored copy may not have), 206 ranges (offsets count the
 * file's own bytes) and small files.
 *
 * Hand-written rather than @fastify/compress, which puts `Content-Encoding` on 304 answers and applies
 * its size threshold to buffers only, so every small file streamed from disk would be compressed.
 * Brotli runs at quality 4, a fraction of the CPU of the default 11 for nearly the same size on text.
 */
export function registerCompression(scope: FastifyInstance): void {
  scope.addHook('onSend', (req, reply, payload, done) => {
    if (reply.statusCode === 304) {
      addVary(reply, 'Accept-Encoding');
      return done(null, payload);
    }
    if (
      reply.statusCode !== 200 ||
      !(payload instanceof Readable) ||
      !isCompressible(reply.getHeader('content-type'))
    ) {
      return done(null, payload);
    }
    addVary(reply, 'Accept-Encoding');
    const size = Number(reply.getHeader('content-length'));
    const encoding = size >= MIN_COMPRESS_SIZE ? pickEncoding(req.headers['accept-encoding']) : null;
    if (encoding === null) return done(null, payload);
    reply.header('content-encoding', encoding);
    reply.removeHeader('content-length');
    const zip =
      encoding === 'br'
        ? createBrotliCompress({
            params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: size },
          })
        : createGzip();
    // a client that goes away mid-file ends the pipeline with an error: nothing is left to answer
    pipeline(payload, zip, () => {});
    done(null, zip);
  });
}
