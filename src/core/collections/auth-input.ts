import { AUTH_OPTION_KEYS, type AuthOptions } from '../collection.js';
import { Errors } from '../errors.js';

type Json = Record<string, unknown>;

const NULLABLE_STRINGS = new Set(['authRule', 'manageRule']);
const PROVIDER_STRINGS = ['name', 'clientId', 'clientSecret', 'authURL', 'tokenURL', 'userInfoURL', 'displayName'];

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const bad = () => Errors.invalidCollectionFormatting();

/** Merges `input` into `target` following the types of the values already in `target` (JSON decoding rules). */
function mergeInto(target: Json, input: Json): void {
  for (const [key, current] of Object.entries(target)) {
    if (!(key in input)) continue;
    const v = input[key];
    if (typeof current === 'string') {
      if (v === null) continue;
      if (typeof v !== 'string') throw bad();
      target[key] = v;
    } else if (typeof current === 'number') {
      if (v === null) continue;
      if (typeof v !== 'number' || !Number.isInteger(v)) throw bad();
      target[key] = v;
    } else if (typeof current === 'boolean') {
      if (v === null) continue;
      if (typeof v !== 'boolean') throw bad();
      target[key] = v;
    } else if (Array.isArray(current)) {
      if (v === null) target[key] = [];
      else if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) throw bad();
      else target[key] = [...v];
    } else if (isObject(current)) {
      if (v === null) continue;
      if (!isObject(v)) throw bad();
      mergeInto(current, v);
    }
  }
}

/** One submitted OAuth2 provider; a missing client secret keeps the stored one of the same provider. */
function providerFrom(input: unknown, previous: Array<Record<string, unknown>>): Record<string, unknown> {
  if (!isObject(input)) throw bad();
  const out: Record<string, unknown> = {};
  for (const key of PROVIDER_STRINGS) {
    const v = input[key];
    if (v !== undefined && v !== null && typeof v !== 'string') throw bad();
    out[key] = typeof v === 'string' ? v : '';
  }
  const pkce = input.pkce;
  if (pkce !== undefined && pkce !== null && typeof pkce !== 'boolean') throw bad();
  out.pkce = pkce ?? null;
  const extra = input.extra;
  if (extra !== undefined && extra !== null && !isObject(extra)) throw bad();
  out.extra = extra ?? null;
  if (out.clientSecret === '') {
    const old = previous.find((p) => p.name === out.name);
    if (old && typeof old.clientSecret === 'string') out.clientSecret = old.clientSecret;
  }
  return out;
}

/** Applies the submitted auth option keys (flattened on the collection JSON) to `target`. */
export function mergeAuthOptions(target: AuthOptions, input: Json): void {
  const t = target as unknown as Json;
  for (const key of AUTH_OPTION_KEYS) {
    if (!(key in input)) continue;
    const v = input[key];
    if (NULLABLE_STRINGS.has(key)) {
      if (v !== null && typeof v !== 'string') throw bad();
      t[key] = v;
      continue;
    }
    if (key === 'oauth2' && isObject(v) && 'providers' in v) {
      const previous = target.oauth2.providers;
      const list = v.providers;
      if (list !== null && !Array.isArray(list)) throw bad();
      const { providers: _ignored, ...rest } = v;
      mergeInto(t, { oauth2: rest });
      target.oauth2.providers = (list ?? []).map((p: unknown) => providerFrom(p, previous));
      continue;
    }
    mergeInto(t, { [key]: v });
  }
}
