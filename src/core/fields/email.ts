import type { Field } from '../collection.js';
import { V } from '../validation.js';
import { isRequired, stringCommon } from './base.js';
import { domainAllowed, validateDomainOptions } from './domains.js';
import type { FieldType } from './field-type.js';
import { Options } from './options.js';

const UCS = '\\u00A0-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFEF';
const ATEXT = `[a-zA-Z0-9!#$%&'*+\\-/=?^_\`{|}~${UCS}]`;
const DOT_ATOM = new RegExp(`^${ATEXT}+(?:\\.${ATEXT}+)*$`);
const QUOTED = new RegExp(`^"(?:[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E${UCS}]|\\\\[\\x20-\\x7E])*"$`);
const LABEL = new RegExp(`^[a-zA-Z0-9${UCS}](?:[a-zA-Z0-9_~${UCS}-]*[a-zA-Z0-9${UCS}])?$`);
const TOP_LABEL = new RegExp(`^[a-zA-Z${UCS}](?:[a-zA-Z0-9_~${UCS}-]*[a-zA-Z${UCS}])?$`);

/** `local@domain` with a dot-atom or quoted local part and a dotted domain whose last label starts and ends with a letter. */
export function isEmail(s: string): boolean {
  if (s.length > 254) return false;
  const at = s.lastIndexOf('@');
  if (at < 1) return false;
  const local = s.slice(0, at);
  if (local.length > 64 || !(DOT_ATOM.test(local) || QUOTED.test(local))) return false;
  const domain = s.slice(at + 1);
  const labels = (domain.endsWith('.') ? domain.slice(0, -1) : domain).split('.');
  const top = labels.pop() ?? '';
  if (labels.length === 0 || top.length > 63 || !TOP_LABEL.test(top)) return false;
  return labels.every((l) => l.length <= 63 && LABEL.test(l));
}

export const emailField: FieldType = {
  name: 'email',
  ...stringCommon,
  defaults: () => ({ exceptDomains: null, onlyDomains: null, required: false }),

  validateOptions(field: Field) {
    const o = new Options(field, emailField.defaults());
    validateDomainOptions(o);
    return o.errors;
  },

  validate(field: Field, value: unknown) {
    if (typeof value !== 'string') return V.unsupportedValueType();
    if (value === '') return isRequired(field) ? V.required() : null;
    if (!isEmail(value)) return V.isEmail();
    const domain = value.slice(value.lastIndexOf('@') + 1);
    return domainAllowed(field, domain) ? null : V.emailDomainNotAllowed();
  },
};
