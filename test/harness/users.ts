import { issueAuthToken } from '../../src/core/auth/tokens.js';
import { createRecord } from '../../src/core/records/service.js';
import { requestInfo, SYSTEM } from '../../src/core/request.js';
import type { TestApp } from './app.js';

/** An auth record made by `createUser`, with what a test needs to act as it. */
export interface TestUser {
  id: string;
  email: string;
  /** the plain password it signs in with */
  password: string;
  tokenKey: string;
  /** an auth token for it (Authorization header value) */
  token: string;
}

export interface CreateUserOptions {
  /** auth collection name; default `users` */
  collection?: string;
  /** default `password-123` */
  password?: string;
  /** more field values (e.g. `verified`, `name`) */
  data?: Record<string, unknown>;
}

/**
 * Creates an auth record through the record service, as a superuser would, and issues an auth
 * token for it. Works the same on every dialect because the service writes the row.
 */
export async function createUser(t: TestApp, email: string, opts: CreateUserOptions = {}): Promise<TestUser> {
  const name = opts.collection ?? 'users';
  const collection = t.app.collections.find(name);
  if (collection?.type !== 'auth') throw new Error(`no auth collection ${name}`);
  const password = opts.password ?? 'password-123';
  const data = { ...opts.data, email, password, passwordConfirm: password };
  const record = await createRecord(t.app, collection, { data, files: [] }, requestInfo(SYSTEM));
  return {
    id: String(record.id),
    email,
    password,
    tokenKey: String(record.tokenKey),
    token: await issueAuthToken(t.app, collection, record),
  };
}
