import type { Collection } from './collection.js';

export type RecordData = Record<string, unknown>;

/** Who is asking. Passed to services as a value; never a global flag. */
export interface Requester {
  /** the authenticated record (stored app values), or null for a guest */
  record: RecordData | null;
  collection: Collection | null;
  isSuperuser: boolean;
}

export const GUEST: Requester = Object.freeze({ record: null, collection: null, isSuperuser: false });

/** What rules can see of the request (`@request.*`). */
export interface RequestInfo {
  requester: Requester;
  method: string;
  /** header names in lower snake_case, first value only */
  headers: Record<string, string>;
  query: Record<string, string>;
  body: Record<string, unknown>;
  context: string;
  /** the client's IP (trusted-proxy aware); absent for internal callers */
  ip?: string;
}

export function requestInfo(requester: Requester, partial: Partial<Omit<RequestInfo, 'requester'>> = {}): RequestInfo {
  return {
    requester,
    method: partial.method ?? 'GET',
    headers: partial.headers ?? {},
    query: partial.query ?? {},
    body: partial.body ?? {},
    context: partial.context ?? 'default',
  };
}

/** Internal callers (CLI, migrations): acts with superuser rights. */
export const SYSTEM: Requester = Object.freeze({ record: null, collection: null, isSuperuser: true });
