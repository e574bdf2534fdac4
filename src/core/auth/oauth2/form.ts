import type { Collection } from '../../collection.js';
import { Errors } from '../../errors.js';
import { type ErrorData, hasErrors, V } from '../../validation.js';
import { enabledProvider } from './settings.js';
import type { ProviderConfig } from './types.js';

/** The body of `auth-with-oauth2`. */
export interface OAuth2Form {
  provider: ProviderConfig;
  code: string;
  codeVerifier: string;
  redirectURL: string;
  createData: Record<string, unknown>;
}

const MAX_PROVIDER_NAME = 100;

function stringValue(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw Errors.loadSubmittedData();
}

function objectValue(v: unknown): Record<string, unknown> {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw Errors.loadSubmittedData();
  return { ...(v as Record<string, unknown>) };
}

/**
 * Reads and checks an auth-with-oauth2 body. Every failure, of shape or of value, is the 400
 * "An error occurred while loading the submitted data." with per-field data.
 */
export function readOAuth2Form(collection: Collection, body: Record<string, unknown>): OAuth2Form {
  const name = stringValue(body.provider);
  const code = stringValue(body.code);
  const codeVerifier = stringValue(body.codeVerifier);
  // `redirectUrl` is the key older clients send
  const redirectURL = stringValue(body.redirectURL) || stringValue(body.redirectUrl);
  const createData = objectValue(body.createData);
  const errors: ErrorData = {};
  const provider = enabledProvider(collection, name);
  if (name === '') errors.provider = V.required();
  else if ([...name].length > MAX_PROVIDER_NAME) errors.provider = V.lengthOutOfRange(0, MAX_PROVIDER_NAME);
  else if (!provider) errors.provider = V.invalidProvider(name);
  if (code === '') errors.code = V.required();
  if (redirectURL === '') errors.redirectURL = V.required();
  if (hasErrors(errors) || !provider) throw Errors.loadSubmittedData(errors);
  return { provider, code, codeVerifier, redirectURL, createData };
}
