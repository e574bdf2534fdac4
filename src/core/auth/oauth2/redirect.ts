import type { App } from '../../app.js';
import { rememberAppleName } from './apple-names.js';
import type { OAuth2RedirectMessage } from './relay.js';

/** What a provider sends back to `/api/oauth2-redirect` (query for GET, form for Apple's POST). */
export interface RedirectInput {
  state: string;
  code: string;
  error: string;
  /** Apple's one-time `user` JSON with the user's name */
  user: string;
  /** the client IP the redirect came from: it must be the one the waiting realtime client connected from */
  ip: string;
}

/** "no-relay": nothing on this server can reach realtime clients. */
export type RedirectOutcome = 'success' | 'failure' | 'no-relay';

/**
 * Forwards a provider redirect to the realtime client its `state` names. Failure when that client is
 * not waiting for it, when the provider reported an error, or when no code came back.
 */
export function forwardRedirect(app: App, input: RedirectInput): RedirectOutcome {
  const relay = app.oauth2Relay;
  if (!relay) return 'no-relay';
  if (input.state === '') return 'failure';
  const message: OAuth2RedirectMessage = { state: input.state, code: input.code };
  if (input.error !== '') message.error = input.error;
  if (!relay.send(input.state, message, input.ip)) return 'failure';
  if (input.code !== '' && input.user !== '') rememberAppleName(input.code, input.user);
  return input.error !== '' || input.code === '' ? 'failure' : 'success';
}
