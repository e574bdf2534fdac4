import type { FastifyReply } from 'fastify';
import type { App } from '../../../core/app.js';
import { forwardRedirect, type RedirectInput } from '../../../core/auth/oauth2/redirect.js';

/** Relative on purpose: browsers resolve it against /api/oauth2-redirect to the dashboard page. */
const SUCCESS = '../_/#/auth/oauth2-redirect-success';
const FAILURE = '../_/#/auth/oauth2-redirect-failure';

const NO_RELAY_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign-in not completed</title></head>
<body><h1>Sign-in not completed</h1>
<p>This server cannot pass the provider's answer back to the app that opened this window: the realtime service the
all-in-one OAuth2 flow relies on is not running. Close this window and sign in with the code flow
(<code>auth-with-oauth2</code>) instead.</p></body></html>
`;

/** A form or query value as text (form values arrive type-inferred). */
export function textValue(v: unknown): string {
  if (Array.isArray(v)) return textValue(v[0]);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

export function redirectInput(values: Record<string, unknown>, ip: string): RedirectInput {
  return {
    ip,
    state: textValue(values.state),
    code: textValue(values.code),
    error: textValue(values.error),
    user: textValue(values.user),
  };
}

/** Forwards the redirect and answers: `status` (307 for GET, 303 for POST) to the success or failure page. */
export function answerRedirect(app: App, reply: FastifyReply, input: RedirectInput, status: 303 | 307) {
  const outcome = forwardRedirect(app, input);
  if (outcome === 'no-relay') {
    return reply.status(400).header('content-type', 'text/html; charset=utf-8').send(NO_RELAY_PAGE);
  }
  return reply
    .status(status)
    .header('location', outcome === 'success' ? SUCCESS : FAILURE)
    .send();
}
