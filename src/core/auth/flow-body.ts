import { isSafeAddress } from '../../mail/address.js';
import type { Collection } from '../collection.js';
import { SUPERUSERS } from '../collections/system.js';
import { Errors } from '../errors.js';
import { type ErrorData, type FieldError, hasErrors, V } from '../validation.js';
import { isEmailShaped } from './email-shape.js';

/** A body value as text: scalars are stringified (form values arrive type-inferred), structures refused. */
export function bodyText(body: Record<string, unknown>, key: string): string {
  const v = body[key];
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw Errors.loadSubmittedData();
}

/** The error of an email value: required, then a plain address (no display name, no line breaks). */
export function emailError(value: string): FieldError | null {
  if (value === '') return V.required();
  return isEmailShaped(value) && isSafeAddress(value) ? null : V.isEmail();
}

/** The error of a required text of 1 to `max` characters. */
export function textError(value: string, max: number): FieldError | null {
  if (value === '') return V.required();
  return [...value].length > max ? V.lengthOutOfRange(1, max) : null;
}

/** Throws the 400 "An error occurred while validating the submitted data." when `errors` holds any. */
export function assertValid(errors: Record<string, FieldError | null>): void {
  const data: ErrorData = {};
  for (const [k, v] of Object.entries(errors)) if (v) data[k] = v;
  if (hasErrors(data)) throw Errors.validateSubmittedData(data);
}

/** Reads the required `email` of a request body. */
export function readEmail(body: Record<string, unknown>, key = 'email'): string {
  const email = bodyText(body, key).trim();
  assertValid({ [key]: emailError(email) });
  return email;
}

export function isSuperusers(collection: Collection): boolean {
  return collection.name === SUPERUSERS;
}
