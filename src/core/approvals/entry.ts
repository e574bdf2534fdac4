import { redactSecrets } from '../audit/redact.js';
import { tableAsCollection } from '../collections/table-collection.js';

/**
 * `pending` until decided or expired; `approved` once it ran successfully, `failed` when it was
 * approved but running it failed (the error is in `result`), `rejected`, `expired`; `running` while
 * the approved action runs.
 */
export type ApprovalStatus = 'pending' | 'running' | 'approved' | 'failed' | 'rejected' | 'expired';

/** An approval as the API serves it. */
export interface ApprovalItem {
  id: string;
  action: string;
  target: string;
  /** what the action will run with, secrets redacted */
  payload: Record<string, unknown>;
  status: ApprovalStatus;
  requesterId: string;
  requesterEmail: string;
  requesterIp: string;
  created: string;
  expires: string;
  decidedById: string;
  decidedByEmail: string;
  decided: string;
  /** once run: `{ ok: true, value? }` or `{ ok: false, error: { status, message, data } }` */
  result: Record<string, unknown>;
}

function parseObject(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'string') return {};
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The stored payload, whole (secrets included): what the action runs with. */
export function storedPayload(row: Record<string, unknown>): Record<string, unknown> {
  return parseObject(row.payload);
}

/** A stored row → the API's item. */
export function approvalFromRow(row: Record<string, unknown>): ApprovalItem {
  const text = (k: string) => String(row[k] ?? '');
  return {
    id: text('id'),
    action: text('action'),
    target: text('target'),
    payload: redactSecrets(storedPayload(row)) as Record<string, unknown>,
    status: text('status') as ApprovalStatus,
    requesterId: text('requesterId'),
    requesterEmail: text('requesterEmail'),
    requesterIp: text('requesterIp'),
    created: text('created'),
    expires: text('expires'),
    decidedById: text('decidedById'),
    decidedByEmail: text('decidedByEmail'),
    decided: text('decided'),
    result: parseObject(row.result),
  };
}

const text = (names: string[]) => names.map((n) => [n, 'text'] as const);

/** The approvals table as a collection, for the filter language; never registered. */
export const APPROVALS_COLLECTION = tableAsCollection('_approvals', [
  ...text(['id', 'action', 'target']),
  ['payload', 'json'],
  ...text(['status', 'requesterId', 'requesterEmail', 'requesterIp', 'created', 'expires']),
  ...text(['decidedById', 'decidedByEmail', 'decided']),
  ['result', 'json'],
]);
