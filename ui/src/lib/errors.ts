import { ClientResponseError } from 'pocketbase';

export type ErrorTree = Record<string, unknown>;

export interface Failure {
  message: string;
  data: ErrorTree;
}

/** What a failed call tells the user: the API's message and its field errors (`data`). */
export function failureOf(err: unknown): Failure {
  if (err instanceof ClientResponseError) {
    const body = err.response as { message?: unknown; data?: unknown };
    const message = typeof body?.message === 'string' && body.message ? body.message : err.message;
    const data = body?.data && typeof body.data === 'object' ? (body.data as ErrorTree) : {};
    if (err.status === 0) return { message: 'The server could not be reached.', data };
    return { message, data };
  }
  return { message: err instanceof Error ? err.message : String(err), data: {} };
}

/** The message of the field error at `path` (`errorAt(data, 'fields', 2, 'name')`), or ''. */
export function errorAt(data: unknown, ...path: (string | number)[]): string {
  let node: unknown = data;
  for (const key of path) {
    if (!node || typeof node !== 'object') return '';
    node = (node as Record<string, unknown>)[String(key)];
  }
  const message = node && typeof node === 'object' ? (node as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : '';
}
