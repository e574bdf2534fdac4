import { isApiError } from '../core/errors.js';
import type { ErrorData, FieldError } from '../core/validation.js';

/** Where the CLI prints: stdout for results, stderr for errors. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

function isFieldError(v: FieldError | ErrorData): v is FieldError {
  return typeof v.code === 'string' && typeof v.message === 'string';
}

/** Flattens nested validation data into `key.sub: message` items. */
function flatten(data: ErrorData, prefix: string, into: string[]): string[] {
  for (const [key, value] of Object.entries(data)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isFieldError(value)) into.push(`${path}: ${value.message}`);
    else flatten(value, path, into);
  }
  return into;
}

/** One line describing an error; API validation errors list each failing key. */
export function describeError(e: unknown): string {
  if (isApiError(e)) {
    const items = flatten(e.data, '', []);
    if (items.length === 0) return e.message;
    return `${e.message.replace(/\.$/, '')}: ${items.join(' ')}`;
  }
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/\s*\n\s*/g, ' ');
}
