import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Errors } from '../core/errors.js';
import type { UploadSession } from '../core/files/staging.js';
import type { UploadedFileInput } from '../core/records/files-port.js';
import { multipartLimitOf } from './body-limit.js';

export interface SubmittedBody {
  data: Record<string, unknown>;
  files: UploadedFileInput[];
}

/** Where a route that takes files streams them: its session, and how many bytes a part may have. */
export interface UploadSink {
  session: UploadSession;
  /** the bytes kept of a file part before it counts as too large and stops being written */
  limitFor(part: string): number;
}

/** Multipart/urlencoded value inference: booleans, and numbers that print back identically. */
function inferFormValue(raw: string): unknown {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (raw !== '' && /^-?[0-9.e+]+$/i.test(raw)) {
    const n = Number(raw);
    if (Number.isFinite(n) && String(n) === raw) return n;
  }
  return raw;
}

function pushValue(target: Record<string, unknown>, key: string, value: unknown): void {
  if (!Object.hasOwn(target, key)) {
    target[key] = value;
    return;
  }
  const prev = target[key];
  target[key] = Array.isArray(prev) ? [...prev, value] : [prev, value];
}

function mergeJsonPayload(target: Record<string, unknown>, raw: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw Errors.badRequest();
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw Errors.badRequest();
  for (const [k, v] of Object.entries(parsed)) {
    if (k === '__proto__') continue;
    target[k] = v;
  }
}

function formFromEntries(entries: Iterable<[string, string]>): Record<string, unknown> {
  const data: Record<string, unknown> = Object.create(null);
  const payloads: string[] = [];
  for (const [k, v] of entries) {
    if (k === '@jsonPayload') payloads.push(v);
    else if (k !== '__proto__') pushValue(data, k, inferFormValue(v));
  }
  for (const p of payloads) mergeJsonPayload(data, p);
  return { ...data };
}

/** Registers the parsers for JSON (empty body = {}) and urlencoded bodies. Multipart is read per route. */
export function registerBodyParsers(server: FastifyInstance): void {
  const jsonParser = server.getDefaultJsonParser('ignore', 'ignore');
  server.removeAllContentTypeParsers();
  server.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (body === '' || (typeof body === 'string' && body.trim() === '')) return done(null, {});
    jsonParser(req, body as string, (err, value) => {
      if (err) return done(Errors.badRequest(), undefined);
      done(null, value);
    });
  });
  server.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, formFromEntries(new URLSearchParams(body as string)));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
}

/** Stops a multipart body at the limit its route's preParsing step set: the reader fails with 413. */
function countBody(req: FastifyRequest): void {
  const limit = multipartLimitOf(req);
  if (limit === undefined) return;
  let seen = 0;
  const onData = (chunk: Buffer) => {
    seen += chunk.length;
    if (seen <= limit) return;
    req.raw.off('data', onData);
    req.raw.unpipe();
    req.raw.emit('error', Object.assign(Errors.tooLarge(), { statusCode: 413 }));
  };
  req.raw.on('data', onData);
}

/** Iterates `rest` after its already requested first item. */
async function* continueWith<T>(first: Promise<IteratorResult<T>>, rest: AsyncIterator<T>): AsyncIterable<T> {
  let next = await first;
  while (!next.done) {
    yield next.value;
    next = await rest.next();
  }
}

/** Reads a file part to its end, keeping nothing (routes that take no files). */
async function drain(stream: Readable): Promise<void> {
  for await (const _ of stream) {
    // dropped
  }
}

function multipartError(err: unknown): Error {
  const e = err as { code?: string; statusCode?: number };
  if (
    e.statusCode === 413 ||
    e.code === 'FST_REQ_FILE_TOO_LARGE' ||
    e.code === 'FST_PARTS_LIMIT' ||
    e.code === 'FST_FILES_LIMIT' ||
    e.code === 'FST_FIELDS_LIMIT'
  )
    return Errors.tooLarge();
  return Errors.badRequest();
}

/**
 * Reads a create/update body in any accepted content type. `partLimit` raises the size limit of one
 * multipart part above the server's body limit (for routes with a body limit of their own). With
 * `uploads`, file parts stream to its session's local files (never whole in memory); without, they
 * are read and dropped. On failure the session's files are gone before this throws.
 */
export async function readBody(req: FastifyRequest, partLimit?: number, uploads?: UploadSink): Promise<SubmittedBody> {
  if (req.isMultipart()) {
    const entries: Array<[string, string]> = [];
    const limits = partLimit ? { fileSize: partLimit, fieldSize: partLimit } : {};
    try {
      const parts = req.parts({ limits, preservePath: true });
      const first = parts.next();
      // the reader pipes the raw request once the first part is asked for: count beside it
      countBody(req);
      for await (const part of continueWith(first, parts)) {
        if (part.type !== 'file') {
          entries.push([part.fieldname, typeof part.value === 'string' ? part.value : String(part.value ?? '')]);
        } else if (uploads) {
          await uploads.session.stage(part.fieldname, part.filename, part.file, uploads.limitFor(part.fieldname));
        } else {
          await drain(part.file);
        }
      }
      return { data: formFromEntries(entries), files: uploads ? [...uploads.session.files] : [] };
    } catch (err) {
      await uploads?.session.finish();
      throw multipartError(err);
    }
  }
  const body = req.body;
  if (body == null) return { data: {}, files: [] };
  if (typeof body !== 'object' || Array.isArray(body)) throw Errors.badRequest();
  return { data: body as Record<string, unknown>, files: [] };
}
