import type { Field } from '../collection.js';
import { type ErrorData, V } from '../validation.js';
import type { Options } from './options.js';

const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{1,63}|xn--[a-z0-9]{1,59})$/;

/** A lowercase, dotted domain name such as `example.com` (the check used for domain list options). */
export function isDomain(s: string): boolean {
  return s.length <= 255 && DOMAIN.test(s);
}

function checkList(o: Options, key: string, list: string[] | null, other: string[] | null): void {
  if (!list || list.length === 0) return;
  if (other && other.length > 0) {
    o.fail(key, V.empty());
    return;
  }
  const nested: ErrorData = {};
  list.forEach((domain, i) => {
    if (!isDomain(domain)) nested[String(i)] = V.isDomain();
  });
  if (Object.keys(nested).length > 0) o.fail(key, nested);
}

/** Normalises `onlyDomains`/`exceptDomains` (mutually exclusive lists of domains) and `required`. */
export function validateDomainOptions(o: Options): void {
  const only = o.strings('onlyDomains', true);
  const except = o.strings('exceptDomains', true);
  o.bool('required');
  checkList(o, 'exceptDomains', except, only);
  checkList(o, 'onlyDomains', only, except);
}

/** Whether `domain` passes the field's onlyDomains/exceptDomains lists (exact match). */
export function domainAllowed(field: Field, domain: string): boolean {
  const only = field.onlyDomains;
  const except = field.exceptDomains;
  if (Array.isArray(only) && only.length > 0 && !only.includes(domain)) return false;
  if (Array.isArray(except) && except.length > 0 && except.includes(domain)) return false;
  return true;
}
