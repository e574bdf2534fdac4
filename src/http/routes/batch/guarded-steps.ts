import type { FastifyRequest } from 'fastify';
import type { App } from '../../../core/app.js';
import { twoPersonRuleApplies } from '../../../core/approvals/index.js';
import type { BatchStep } from '../../../core/batch/run.js';
import { SUPERUSERS } from '../../../core/collections/system.js';
import { Errors } from '../../../core/errors.js';
import { requesterOf } from '../../context.js';

type BeforeEach = (step: BatchStep) => void | Promise<void>;

/**
 * Refuses, inside a batch, what the two-person rule holds back when sent alone (deleting a
 * superuser): a batch cannot answer 202 for one of its sub-requests, and must not get round the rule.
 * Wraps the other per-step check (`next`, rate limits).
 */
export function guardedSteps(app: App, req: FastifyRequest, next: BeforeEach | undefined): BeforeEach | undefined {
  const requester = requesterOf(req);
  if (!requester.isSuperuser) return next;
  return async (step) => {
    if (step.action === 'delete' && step.collection.name === SUPERUSERS && twoPersonRuleApplies(app, requester)) {
      throw Errors.approvalNotInBatch();
    }
    await next?.(step);
  };
}
