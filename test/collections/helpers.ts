import assert from 'node:assert/strict';
import { ApiError } from '../../src/core/errors.js';

/** The value at a dotted path of nested error data. */
export function at(data: unknown, path: string): unknown {
  let cur: unknown = data;
  for (const key of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Awaits a failing call and returns its ApiError. */
export async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ApiError, `expected an ApiError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the call to fail');
}

/** Asserts a validation failure with `code` at `path` of the error data. */
export async function expectInvalid(
  promise: Promise<unknown>,
  path: string,
  code: string,
  message?: string,
): Promise<ApiError> {
  const err = await apiError(promise);
  assert.equal(err.kind, 'invalid');
  if (message) assert.equal(err.message, message);
  const item = at(err.data, path) as { code?: string } | undefined;
  assert.equal(item?.code, code, `data.${path} in ${JSON.stringify(err.data)}`);
  return err;
}
