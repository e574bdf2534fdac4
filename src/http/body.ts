import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Errors } from '../core/errors.js';

export interface UploadedFile {
  field: string;
  filename: string;
  mimetype: string;
  data: Buffer;
}

export interface SubmittedBody {
  data: Record<string, unknown>;
  files: UploadedFile[];
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

/**
 * Reads a create/update body in any accepted content type. `partLimit` raises the size limit of one
 * multipart part above the server's body limit (for routes with a body limit of their own).
 */
export async function readBody(req: FastifyRequest, partLimit?: number): Promise<SubmittedBody> {
  if (req.isMultipart()) {
    const entries: Array<[string, string]> = [];
    const files: UploadedFile[] = [];
    const options = partLimit ? { limits: { fileSize: partLimit, fieldSize: partLimit } } : undefined;
    try {
      for await (const part of req.parts(options)) {
        if (part.type === 'file') {
          const data = await part.toBuffer();
          files.push({ field: part.fieldname, filename: part.filename, mimetype: part.mimetype, data });
        } else {
          entries.push([part.fieldname, typeof part.value === 'string' ? part.value : String(part.value ?? '')]);
        }
      }
    } catch (err) {
      const e = err as { code?: string; statusCode?: number };
      if (
        e.statusCode === 413 ||
        e.code === 'FST_REQ_FILE_TOO_LARGE' ||
        e.code === 'FST_PARTS_LIMIT' ||
        e.code === 'FST_FILES_LIMIT' ||
        e.code === 'FST_FIELDS_LIMIT'
      )
        throw Errors.tooLarge();
      throw Errors.badRequest();
    }
    return { data: formFromEntries(entries), files };
  }
  const body = req.body;
  if (body == null) return { data: {}, files: [] };
  if (typeof body !== 'object' || Array.isArray(body)) throw Errors.badRequest();
  return { data: body as Record<string, unknown>, files: [] };
}
