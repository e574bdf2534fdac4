import type { FastifyReply, FastifyRequest } from 'fastify';
import { queryParamOf } from './context.js';
import { pickFields } from './fields.js';

/** Sends a JSON body keeping only the keys `?fields=` asks for (none asked: the whole body). */
export function sendJson(req: FastifyRequest, reply: FastifyReply, body: unknown, status = 200): FastifyReply {
  return reply.status(status).send(pickFields(body, queryParamOf(req, 'fields')));
}

/** Sends an empty 204 reply. */
export function sendNoContent(reply: FastifyReply): FastifyReply {
  return reply.status(204).send();
}
