import type { Field } from '../collection.js';
import { V } from '../validation.js';
import { isRequired, stringCommon } from './base.js';
import { domainAllowed, validateDomainOptions } from './domains.js';
import type { FieldType } from './field-type.js';
import { Options } from './options.js';

const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/i;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

function hasForbiddenChars(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f) return true;
  }
  return /\s/.test(s);
}

function isHost(host: string): boolean {
  if (host.startsWith('[')) return host.endsWith(']') && host.length > 2;
  if (IPV4.test(host)) return true;
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  if (name === '' || name.length > 253) return false;
  return name.split('.').every((label) => LABEL.test(label));
}

/** The hostname of an absolute `scheme://host…` URL whose host is a domain name or IP; null when invalid. */
export function urlHostname(s: string): string | null {
  if (s.length <= 3 || s.length >= 2083 || hasForbiddenChars(s) || !SCHEME.test(s)) return null;
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return null;
  }
  if (!isHost(url.hostname)) return null;
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

export const urlField: FieldType = {
  name: 'url',
  ...stringCommon,
  defaults: () => ({ exceptDomains: null, onlyDomains: null, required: false }),

  validateOptions(field: Field) {
    const o = new Options(field, urlField.defaults());
    validateDomainOptions(o);
    return o.errors;
  },

  validate(field: Field, value: unknown) {
    if (typeof value !== 'string') return V.unsupportedValueType();
    if (value === '') return isRequired(field) ? V.required() : null;
    const host = urlHostname(value);
    if (host === null) return V.invalidUrl();
    return domainAllowed(field, host) ? null : V.urlDomainNotAllowed();
  },
};
