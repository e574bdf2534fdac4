import { fetchJson } from './http.js';

/** The parts of an OpenID Provider's metadata the sign-in uses. */
export interface ProviderMetadata {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  userinfoEndpoint: string;
  jwksUri: string;
  tokenAuthMethods: string[];
}

/** Metadata changes rarely: it is read once per issuer and kept this long. */
const TTL_MS = 60 * 60 * 1000;
const MAX_ENTRIES = 64;
const cache = new Map<string, { at: number; meta: Promise<ProviderMetadata> }>();

const str = (v: unknown) => (typeof v === 'string' ? v : '');

function metadataFrom(issuer: string, doc: Record<string, unknown>): ProviderMetadata {
  const stated = str(doc.issuer);
  // OpenID Connect Discovery 4.3: the document must name the issuer it was fetched for
  if (stated.replace(/\/+$/, '') !== issuer.replace(/\/+$/, '')) {
    throw new Error(`discovery document names issuer ${JSON.stringify(stated)}, expected ${JSON.stringify(issuer)}`);
  }
  const methods = Array.isArray(doc.token_endpoint_auth_methods_supported)
    ? doc.token_endpoint_auth_methods_supported.filter((m): m is string => typeof m === 'string')
    : [];
  return {
    issuer: stated,
    authorizationEndpoint: str(doc.authorization_endpoint),
    tokenEndpoint: str(doc.token_endpoint),
    userinfoEndpoint: str(doc.userinfo_endpoint),
    jwksUri: str(doc.jwks_uri),
    tokenAuthMethods: methods,
  };
}

/** Reads (and caches) `<issuer>/.well-known/openid-configuration`; a failed read is not cached. */
export function discover(issuer: string, signal?: AbortSignal): Promise<ProviderMetadata> {
  const hit = cache.get(issuer);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.meta;
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  const meta = fetchJson(url, { signal: signal ?? AbortSignal.timeout(30_000) }).then((doc) =>
    metadataFrom(issuer, doc),
  );
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(issuer, { at: Date.now(), meta });
  meta.catch(() => {
    if (cache.get(issuer)?.meta === meta) cache.delete(issuer);
  });
  return meta;
}
