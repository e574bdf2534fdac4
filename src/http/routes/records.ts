import { type Readable, Transform } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../core/app.js';
import type { Collection } from '../../core/collection.js';
import { Errors } from '../../core/errors.js';
import { getFieldType } from '../../core/fields/index.js';
import {
  createRecordRequest,
  deleteRecordRequest,
  listRecordsRequest,
  updateRecordRequest,
  viewRecordRequest,
} from '../../core/records/requests.js';
import { readBody } from '../body.js';
import { queryOf, type RouteModule, requestInfoOf } from '../context.js';
import { pickFields } from '../fields.js';

type Params = { collection: string; id?: string };

/** Hard cap on any record write body; the per-collection limit is checked before reading. */
const WRITE_BODY_CAP = 1024 * 1024 * 1024;

function collectionFor(app: App, req: FastifyRequest, write: boolean): Collection {
  const { collection } = req.params as Params;
  const c = app.collections.find(collection);
  if (!c) throw write ? Errors.missingOrInvalidCollectionContext() : Errors.missingCollectionContext();
  return c;
}

/** The body limit of a record write: the global limit raised by each field's own maximum size. */
function writeBodyLimit(app: App, c: Collection): number {
  let limit = app.config.bodyLimit;
  for (const f of c.fields) limit += getFieldType(f.type).maxBodySize?.(f) ?? 0;
  return limit;
}

/** Runs before the body is read: unknown collection → 404, body over the collection's limit → 413. */
function checkWriteBody(app: App) {
  return async (req: FastifyRequest, _reply: FastifyReply, payload: Readable) => {
    const c = collectionFor(app, req, true);
    const limit = writeBodyLimit(app, c);
    if (Number(req.headers['content-length'] ?? 0) > limit) throw Errors.tooLarge();
    let seen = 0;
    return payload.pipe(
      new Transform({
        transform(chunk: Buffer, _enc, done) {
          seen += chunk.length;
          if (seen > limit) done(Object.assign(Errors.tooLarge(), { statusCode: 413 }));
          else done(null, chunk);
        },
      }),
    );
  };
}

async function respond(reply: FastifyReply, value: unknown, fields: string | undefined) {
  return reply.send(pickFields(value, fields));
}

const records: RouteModule = (server, app) => {
  const base = '/api/collections/:collection/records';

  server.get(base, async (req, reply) => {
    const c = collectionFor(app, req, false);
    const q = queryOf(req);
    return respond(reply, await listRecordsRequest(app, c, q, requestInfoOf(req)), q.fields);
  });

  server.get(`${base}/:id`, async (req, reply) => {
    const c = collectionFor(app, req, false);
    const q = queryOf(req);
    const id = (req.params as Params).id ?? '';
    return respond(reply, await viewRecordRequest(app, c, id, q, requestInfoOf(req)), q.fields);
  });

  const write = { preParsing: checkWriteBody(app), bodyLimit: WRITE_BODY_CAP };

  server.post(base, write, async (req, reply) => {
    const c = collectionFor(app, req, true);
    if (c.type === 'view') throw Errors.unsupportedCollectionType();
    const q = queryOf(req);
    const body = await readBody(req);
    const info = requestInfoOf(req, body.data);
    return respond(reply, await createRecordRequest(app, c, body, q.expand, info), q.fields);
  });

  server.patch(`${base}/:id`, write, async (req, reply) => {
    const c = collectionFor(app, req, true);
    if (c.type === 'view') throw Errors.unsupportedCollectionType();
    const q = queryOf(req);
    const body = await readBody(req);
    const info = requestInfoOf(req, body.data);
    const id = (req.params as Params).id ?? '';
    return respond(reply, await updateRecordRequest(app, c, id, body, q.expand, info), q.fields);
  });

  server.delete(`${base}/:id`, async (req, reply) => {
    const c = collectionFor(app, req, false);
    const response = await deleteRecordRequest(app, c, (req.params as Params).id ?? '', requestInfoOf(req));
    if (response !== undefined) return respond(reply, response, queryOf(req).fields);
    return reply.status(204).send();
  });
};

export default records;
