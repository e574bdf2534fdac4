import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../core/app.js';
import { guardDestructive } from '../core/approvals/index.js';
import { requesterOf } from './context.js';
import { noteAudit } from './hooks/audit-trail.js';
import { sendJson } from './reply.js';

/**
 * Runs a destructive operation through the two-person rule: `done` answers once it ran; while the
 * rule holds it back, the answer is 202 with the pending approval another superuser must decide.
 */
export async function sendGuarded(
  req: FastifyRequest,
  reply: FastifyReply,
  app: App,
  action: string,
  payload: Record<string, unknown>,
  done: (result: unknown) => FastifyReply | Promise<FastifyReply>,
): Promise<FastifyReply> {
  const outcome = await guardDestructive(app, { requester: requesterOf(req), ip: req.clientIp }, action, payload);
  if (outcome.status === 'pending') {
    noteAudit(req, { action, data: { approval: outcome.approval.id } });
    return sendJson(req, reply, outcome.approval, 202);
  }
  return done(outcome.result);
}
