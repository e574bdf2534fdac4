import type { App } from '../../app.js';
import type { Collection } from '../../collection.js';
import { buildAuthInfo, type ProviderAuthInfo } from './auth-url.js';
import { providerConfigOf, resolveProvider } from './settings.js';

/** How long auth-methods waits for an OpenID Connect discovery document before leaving that provider out. */
const DISCOVERY_TIMEOUT_MS = 10_000;

/**
 * The `oauth2.providers` of `auth-methods`: one fresh entry (state, PKCE verifier and challenge,
 * authorization URL) per configured provider; a provider that cannot be set up is left out.
 */
export async function oauth2ProviderList(app: App, collection: Collection): Promise<ProviderAuthInfo[]> {
  const o = collection.auth?.oauth2;
  if (!o?.enabled || o.providers.length === 0) return [];
  const signal = AbortSignal.timeout(DISCOVERY_TIMEOUT_MS);
  const entries = await Promise.all(
    o.providers.map(async (raw) => {
      const config = providerConfigOf(raw);
      try {
        return buildAuthInfo(await resolveProvider(config, signal));
      } catch (err) {
        app.log.warn({ err, collection: collection.name, provider: config.name }, 'OAuth2 provider left out');
        return null;
      }
    }),
  );
  return entries.filter((e): e is ProviderAuthInfo => e !== null);
}
