import type { Collection } from '../../collection.js';
import { discover } from './discovery.js';
import { isOidc, providerSpec } from './registry.js';
import type { ProviderConfig, ProviderSettings, TokenAuthStyle } from './types.js';

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const strList = (v: unknown) =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : [];

/** One stored provider entry as a typed config. */
export function providerConfigOf(raw: Record<string, unknown>): ProviderConfig {
  const extra = raw.extra;
  return {
    name: str(raw.name),
    clientId: str(raw.clientId),
    clientSecret: str(raw.clientSecret),
    authURL: str(raw.authURL),
    tokenURL: str(raw.tokenURL),
    userInfoURL: str(raw.userInfoURL),
    displayName: str(raw.displayName),
    pkce: typeof raw.pkce === 'boolean' ? raw.pkce : null,
    extra:
      extra !== null && typeof extra === 'object' && !Array.isArray(extra) ? (extra as Record<string, unknown>) : null,
  };
}

/** The config of provider `name` on an auth collection with OAuth2 enabled, or undefined. */
export function enabledProvider(collection: Collection, name: string): ProviderConfig | undefined {
  const o = collection.auth?.oauth2;
  if (!o?.enabled || name === '') return undefined;
  const raw = o.providers.find((p) => p.name === name);
  return raw && providerSpec(name) ? providerConfigOf(raw) : undefined;
}

/** OpenID Connect Discovery: client_secret_basic is the default when the provider lists nothing. */
function styleFrom(methods: string[]): TokenAuthStyle {
  if (methods.length === 0 || methods.includes('client_secret_basic')) return 'basic';
  return methods.includes('client_secret_post') ? 'post' : 'auto';
}

/**
 * A provider ready to use: its table, overridden by the non-empty URLs of the config. A generic
 * OpenID Connect provider with `extra.issuer` fills what is left empty from the issuer's discovery
 * document, and its id_tokens must then come from that issuer. Throws when the provider is unknown
 * or lacks an endpoint.
 */
export async function resolveProvider(config: ProviderConfig, signal?: AbortSignal): Promise<ProviderSettings> {
  const spec = providerSpec(config.name);
  if (!spec) throw new Error(`unknown OAuth2 provider ${JSON.stringify(config.name)}`);
  const extra = config.extra ?? {};
  const s: ProviderSettings = {
    name: config.name,
    displayName: config.displayName || spec.displayName,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authURL: config.authURL || spec.authURL,
    tokenURL: config.tokenURL || spec.tokenURL,
    userInfoURL: config.userInfoURL || spec.userInfoURL,
    scopes: [...spec.scopes],
    pkce: config.pkce ?? spec.pkce,
    authParams: { ...spec.authParams },
    tokenAuth: spec.tokenAuth ?? 'auto',
    jwksURL: str(extra.jwksURL) || (spec.jwksURL ?? ''),
    issuers: strList(extra.issuers).length > 0 ? strList(extra.issuers) : [...(spec.issuers ?? [])],
    extra,
  };
  const issuer = str(extra.issuer);
  if (isOidc(config.name) && issuer !== '') {
    const meta = await discover(issuer, signal);
    s.authURL ||= meta.authorizationEndpoint;
    s.tokenURL ||= meta.tokenEndpoint;
    s.userInfoURL ||= meta.userinfoEndpoint;
    s.jwksURL ||= meta.jwksUri;
    if (s.issuers.length === 0) s.issuers = [meta.issuer];
    s.tokenAuth = styleFrom(meta.tokenAuthMethods);
  }
  if (s.authURL === '' || s.tokenURL === '') throw new Error(`the ${config.name} provider has no auth or token URL`);
  return s;
}
