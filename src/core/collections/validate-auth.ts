import { providerSpec } from '../auth/oauth2/registry.js';
import {
  type AuthOptions,
  type Collection,
  type EmailTemplate,
  TOKEN_OPTION_KEYS,
  type TokenConfig,
} from '../collection.js';
import { type ErrorData, type FieldError, V } from '../validation.js';
import { findSingleColumnUniqueIndex } from './index-def.js';

type Out = ErrorData;
/** Checks one rule value: the invalid-rule and system-rule-change errors. */
export type RuleChecker = (value: string | null, old: string | null | undefined) => FieldError | null;

const put = (out: Out, key: string, err: FieldError | ErrorData | null) => {
  if (err && Object.keys(err).length > 0) out[key] = err;
};

const has = (v: unknown) => typeof v === 'string' && v !== '';

function template(t: EmailTemplate | undefined): ErrorData | null {
  const out: Out = {};
  put(out, 'subject', has(t?.subject) ? null : V.required());
  put(out, 'body', has(t?.body) ? null : V.required());
  return Object.keys(out).length > 0 ? out : null;
}

/** Required (non-zero) integer within [min, max]. */
function duration(v: number, min: number, max: number): FieldError | null {
  if (!v) return V.required();
  if (v < min) return V.minValue(min);
  if (v > max) return V.maxValue(max);
  return null;
}

function token(t: TokenConfig | undefined): ErrorData | null {
  const out: Out = {};
  const secret = t?.secret ?? '';
  const secretLength = [...secret].length;
  put(
    out,
    'secret',
    secret === '' ? V.required() : secretLength < 30 || secretLength > 255 ? V.lengthOutOfRange(30, 255) : null,
  );
  put(out, 'duration', duration(t?.duration ?? 0, 10, 94670856));
  return Object.keys(out).length > 0 ? out : null;
}

function providers(o: AuthOptions): ErrorData | null {
  if (!o.oauth2.enabled) return null;
  const list: Out = {};
  const seen = new Set<string>();
  for (const [i, p] of o.oauth2.providers.entries()) {
    const item: Out = {};
    const name = typeof p.name === 'string' ? p.name : '';
    const nameError =
      name === ''
        ? V.required()
        : seen.has(name)
          ? V.duplicatedProvider(name)
          : providerSpec(name)
            ? null
            : V.missingProvider(name);
    put(item, 'name', nameError);
    put(item, 'clientId', has(p.clientId) ? null : V.required());
    put(item, 'clientSecret', has(p.clientSecret) ? null : V.required());
    if (name) seen.add(name);
    put(list, String(i), item);
  }
  return Object.keys(list).length > 0 ? { providers: list } : null;
}

function structure(o: AuthOptions, original: Collection | null, rule: RuleChecker): Out {
  const out: Out = {};
  const old = original?.auth;
  put(out, 'authRule', rule(o.authRule, old?.authRule));
  put(out, 'manageRule', o.manageRule === '' ? V.nilOrNotEmpty() : rule(o.manageRule, old?.manageRule));
  const alert = template(o.authAlert?.emailTemplate);
  put(out, 'authAlert', alert ? { emailTemplate: alert } : null);
  if (o.passwordAuth.enabled && [...new Set(o.passwordAuth.identityFields)].length === 0) {
    put(out, 'passwordAuth', { identityFields: V.required() });
  }
  put(out, 'oauth2', providers(o));
  const otp: Out = {};
  if (o.otp.enabled) {
    put(otp, 'duration', duration(o.otp.duration, 10, 86400));
    put(otp, 'length', !o.otp.length ? V.required() : o.otp.length < 4 ? V.minValue(4) : null);
  }
  put(otp, 'emailTemplate', template(o.otp.emailTemplate));
  put(out, 'otp', otp);
  const mfaDuration = o.mfa.enabled ? duration(o.mfa.duration, 10, 86400) : null;
  if (mfaDuration) put(out, 'mfa', { duration: mfaDuration });
  for (const key of TOKEN_OPTION_KEYS) put(out, key, token(o[key]));
  put(out, 'verificationTemplate', template(o.verificationTemplate));
  put(out, 'resetPasswordTemplate', template(o.resetPasswordTemplate));
  put(out, 'confirmEmailChangeTemplate', template(o.confirmEmailChangeTemplate));
  return out;
}

function identityFields(c: Collection, names: string[]): FieldError | null {
  for (const name of names) {
    if (!c.fields.some((f) => f.name === name)) return V.missingField(name);
    if (!findSingleColumnUniqueIndex(c.indexes, name)) return V.missingUniqueConstraint(name);
  }
  return null;
}

/**
 * The checks of an auth collection's options (token secrets and durations, identity fields with a
 * unique index, MFA with two methods, OAuth2 providers); errors keyed as the options appear on the
 * collection JSON.
 */
export function validateAuthOptions(c: Collection, original: Collection | null, rule: RuleChecker): ErrorData {
  const o = c.auth;
  if (c.type !== 'auth' || !o) return {};
  const out = structure(o, original, rule);
  if (Object.keys(out).length > 0) return out;
  if (o.mfa.enabled) {
    const methods = [o.passwordAuth.enabled, o.oauth2.enabled, o.otp.enabled].filter(Boolean).length;
    if (methods < 2) return { mfa: { enabled: V.mfaNotEnoughAuths() } };
    if (o.mfa.rule !== '') {
      const err = rule(o.mfa.rule, original?.auth?.mfa.rule ?? '');
      if (err) return { mfa: { rule: err } };
    }
  }
  if (o.passwordAuth.enabled) {
    const err = identityFields(c, [...new Set(o.passwordAuth.identityFields)]);
    if (err) return { passwordAuth: { identityFields: err } };
  }
  return {};
}
