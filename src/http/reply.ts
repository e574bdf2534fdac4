import type { FastifyReply, FastifyRequest } from 'fastify';
import { CustomResponse } from '../core/custom-response.js';
import { queryParamOf } from './context.js';
import { pickFields } from './fields.js';

/** Sends a JSON body keeping only the keys `?fields=` asks for (none asked: the whole body). */
export function sendJson(req: FastifyRequest, reply: FastifyReply, body: unknown, status = 200): FastifyReply {
  if (body instanceof CustomResponse) return sendCustom(req, reply, body);
  return reply.status(status).send(pickFields(body, queryParamOf(req, 'fields')));
}

/** Sends an empty 204 reply. */
export function sendNoContent(reply: FastifyReply): FastifyReply {
  return reply.status(204).send();
}

/** Sends the answer a hook handler chose: its status, and JSON (with `?fields=`), text, nothing or a redirect. */
export function sendCustom(req: FastifyRequest, reply: FastifyReply, r: CustomResponse): FastifyReply {
  reply.status(r.status);
  switch (r.kind) {
    case 'json':
      return reply.send(pickFields(r.body, queryParamOf(req, 'fields')));
    case 'text':
      return reply.type('text/plain; charset=utf-8').send(String(r.body));
    case 'redirect':
      return reply.header('location', String(r.body)).send();
    default:
      return reply.send();
  }
}
