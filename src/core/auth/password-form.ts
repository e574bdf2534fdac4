import type { Collection } from '../collection.js';
import { Errors } from '../errors.js';
import { type ErrorData, type FieldError, hasErrors, V } from '../validation.js';

export interface PasswordForm {
  identity: string;
  password: string;
  /** "" when the client lets the server pick the identity field */
  identityField: string;
}

const MAX_LENGTH = 255;

/** A body value as a string: scalars are stringified (form values arrive type-inferred), structures are refused. */
function stringValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw Errors.loadSubmittedData();
}

function lengthError(value: string): FieldError | null {
  const n = [...value].length;
  return n < 1 || n > MAX_LENGTH ? V.lengthOutOfRange(1, MAX_LENGTH) : null;
}

/** Reads and validates an auth-with-password body; 400 with per-field data when invalid. */
export function readPasswordForm(collection: Collection, body: Record<string, unknown>): PasswordForm {
  const form: PasswordForm = {
    identity: stringValue(body.identity),
    password: stringValue(body.password),
    identityField: stringValue(body.identityField),
  };
  const errors: ErrorData = {};
  for (const key of ['identity', 'password'] as const) {
    const err = form[key] === '' ? V.required() : lengthError(form[key]);
    if (err) errors[key] = err;
  }
  if (form.identityField !== '') {
    const allowed = collection.auth?.passwordAuth.identityFields ?? [];
    const err = lengthError(form.identityField) ?? (allowed.includes(form.identityField) ? null : V.inInvalid());
    if (err) errors.identityField = err;
  }
  if (hasErrors(errors)) throw Errors.validateSubmittedData(errors);
  return form;
}
