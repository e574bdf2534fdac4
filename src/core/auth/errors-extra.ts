import type { FieldError } from '../errors.js';

/** Validation items the auth endpoints need that the shared catalogue does not hold yet. */
export const VAuth = {
  inInvalid: (): FieldError => ({ code: 'validation_in_invalid', message: 'Must be a valid value.' }),
} as const;
