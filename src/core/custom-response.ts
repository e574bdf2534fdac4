/**
 * An answer a hook handler gives instead of (or over) the built-in one: a status and a body of its
 * own (`e.json(201, …)`, `e.string(200, …)`, `e.noContent()`, `e.redirect(302, url)`). Request
 * events carry it in `e.response`; the HTTP layer and the batch runner send it as it is.
 */
export type CustomBodyKind = 'json' | 'text' | 'none' | 'redirect';

export class CustomResponse {
  constructor(
    readonly status: number,
    readonly kind: CustomBodyKind,
    /** JSON value, text, or the redirect location */
    readonly body: unknown,
  ) {}
}

/** A status code a handler may answer with. */
export function isValidStatus(status: unknown): status is number {
  return Number.isInteger(status) && (status as number) >= 200 && (status as number) <= 599;
}
