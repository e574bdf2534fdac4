/** The message `/api/oauth2-redirect` forwards to the client waiting for a sign-in result. */
export interface OAuth2RedirectMessage {
  state: string;
  code: string;
  /** left out when the provider reported none */
  error?: string;
}

/**
 * Forwards a provider's redirect to the realtime client named by its `state` (the SDK's
 * all-in-one flow). The realtime broker implements it: `send` delivers the `@oauth2` event to that
 * client and unsubscribes it from `@oauth2`; it answers false when no such client is connected
 * and subscribed to `@oauth2`, or when it connected from another IP than `fromIp`.
 */
export interface OAuth2Relay {
  send(clientId: string, message: OAuth2RedirectMessage, fromIp: string): boolean;
}
