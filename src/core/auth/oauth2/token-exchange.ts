import { formatDate } from '../../../lib/time.js';
import { callProvider, ProviderHttpError } from './http.js';
import type { OAuth2Token, ProviderSettings } from './types.js';

export interface CodeExchange {
  code: string;
  redirectURL: string;
  /** '' when the provider does not use PKCE */
  codeVerifier: string;
  signal: AbortSignal;
}

/** The client authentication style that worked last per token endpoint (for "auto"). */
const styleCache = new Map<string, 'basic' | 'post'>();
const MAX_CACHED_STYLES = 256;

/** RFC 6749 2.3.1: the client id and secret are form-encoded before the Basic header encodes them. */
function basicHeader(s: ProviderSettings): string {
  const id = encodeURIComponent(s.clientId);
  const secret = encodeURIComponent(s.clientSecret);
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

function tokenFrom(body: Record<string, unknown>): OAuth2Token | null {
  const accessToken = typeof body.access_token === 'string' ? body.access_token : '';
  if (accessToken === '') return null;
  const expiresIn = Number(body.expires_in ?? 0);
  const expiry = Number.isFinite(expiresIn) && expiresIn > 0 ? formatDate(new Date(Date.now() + expiresIn * 1000)) : '';
  return {
    accessToken,
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : '',
    expiry,
    idToken: typeof body.id_token === 'string' ? body.id_token : '',
    raw: body,
  };
}

async function attempt(s: ProviderSettings, x: CodeExchange, style: 'basic' | 'post'): Promise<OAuth2Token> {
  const form = new URLSearchParams({ grant_type: 'authorization_code', code: x.code, redirect_uri: x.redirectURL });
  if (x.codeVerifier !== '') form.set('code_verifier', x.codeVerifier);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (style === 'basic') headers.authorization = basicHeader(s);
  else {
    form.set('client_id', s.clientId);
    form.set('client_secret', s.clientSecret);
  }
  const { status, body } = await callProvider(s.tokenURL, {
    method: 'POST',
    headers,
    body: form.toString(),
    signal: x.signal,
  });
  const token = status >= 200 && status < 300 && body ? tokenFrom(body) : null;
  if (!token) throw new ProviderHttpError(s.tokenURL, status, JSON.stringify(body ?? {}).slice(0, 300));
  return token;
}

/**
 * Exchanges an authorization code for tokens. With the "auto" style, Basic authentication is tried
 * first and the client credentials in the form second; the one that worked is remembered.
 */
export async function exchangeCode(s: ProviderSettings, x: CodeExchange): Promise<OAuth2Token> {
  if (s.tokenAuth !== 'auto') return attempt(s, x, s.tokenAuth);
  const known = styleCache.get(s.tokenURL);
  if (known) return attempt(s, x, known);
  try {
    const token = await attempt(s, x, 'basic');
    remember(s.tokenURL, 'basic');
    return token;
  } catch (err) {
    if (x.signal.aborted) throw err;
    const token = await attempt(s, x, 'post');
    remember(s.tokenURL, 'post');
    return token;
  }
}

function remember(url: string, style: 'basic' | 'post'): void {
  if (styleCache.size >= MAX_CACHED_STYLES) styleCache.clear();
  styleCache.set(url, style);
}
