import type { App } from '../../core/app.js';
import type { OAuth2Relay } from '../../core/auth/oauth2/relay.js';

/**
 * The OAuth2 redirect relay over the realtime port: the provider's answer goes to the SDK client
 * named by the sign-in's state as an `@oauth2` message (the SDK's all-in-one flow listens for it
 * and unsubscribes itself once it has it). Only a client of this instance that subscribed to
 * `@oauth2` from the same IP is answered.
 */
export function realtimeOAuth2Relay(app: App): OAuth2Relay {
  return {
    send(clientId, message, fromIp) {
      if (!app.realtime.isSubscribed(clientId, '@oauth2')) return false;
      // the browser that opened the sign-in is the one the provider sends back
      if (app.realtime.clientIp(clientId) !== fromIp) return false;
      app.realtime.sendToClient(clientId, '@oauth2', message).catch((err: unknown) => {
        app.log.warn({ err }, 'forwarding an OAuth2 redirect to its realtime client failed');
      });
      return true;
    },
  };
}
