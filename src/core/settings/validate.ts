/**
 * The checks a whole settings object must pass before it is saved, section by section; the
 * result is keyed like the settings (`meta.appURL`, `rateLimits.rules.0.label`). Types were
 * already checked by the merge (merge.ts), so these are checks of values.
 */
import { isIP } from 'node:net';
import { isEmail } from '../fields/email.js';
import { urlHostname } from '../fields/url.js';
import { type ErrorData, type FieldError, hasErrors, V } from '../validation.js';
import { cronExpressionProblem } from './cron-expression.js';
import type {
  BackupsSettings,
  BatchSettings,
  LogsSettings,
  MetaSettings,
  MetricsSettings,
  S3Settings,
  Settings,
  SmtpSettings,
  TrustedProxySettings,
  TwoPersonRuleSettings,
  WebhooksSettings,
} from './settings.js';
import { validateRateLimits } from './validate-rate-limits.js';

const HOST_LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/i;
/** an HTTP header name: RFC 9110 token characters */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/i;
const SMTP_AUTH_METHODS = ['', 'PLAIN', 'LOGIN'];

type Errors = Record<string, FieldError | ErrorData>;

function isHost(s: string): boolean {
  if (isIP(s) !== 0) return true;
  const name = s.endsWith('.') ? s.slice(0, -1) : s;
  return name.length > 0 && name.length <= 253 && name.split('.').every((label) => HOST_LABEL.test(label));
}

/** Required, then 1–255 characters. */
function shortText(value: string): FieldError | null {
  if (value === '') return V.required();
  return value.length > 255 ? V.lengthOutOfRange(1, 255) : null;
}

function meta(m: MetaSettings, errors: Errors): void {
  const appName = shortText(m.appName);
  if (appName) errors.appName = appName;
  if (m.appURL === '') errors.appURL = V.required();
  else if (urlHostname(m.appURL) === null) errors.appURL = V.invalidUrl();
  const senderName = shortText(m.senderName);
  if (senderName) errors.senderName = senderName;
  if (m.senderAddress === '') errors.senderAddress = V.required();
  else if (!isEmail(m.senderAddress)) errors.senderAddress = V.isEmail();
}

function smtp(s: SmtpSettings, errors: Errors): void {
  if (s.host === '') {
    if (s.enabled) errors.host = V.required();
  } else if (!isHost(s.host)) errors.host = V.isHost();
  if (s.port === 0) {
    if (s.enabled) errors.port = V.required();
  } else if (s.port < 0) errors.port = V.minValue(0);
  else if (s.port > 65535) errors.port = V.maxValue(65535);
  if (!SMTP_AUTH_METHODS.includes(s.authMethod)) errors.authMethod = V.inInvalid();
  if (s.localName !== '' && !isHost(s.localName)) errors.localName = V.isHost();
}

function s3(s: S3Settings, errors: Errors): void {
  if (s.endpoint !== '' && urlHostname(s.endpoint) === null) errors.endpoint = V.invalidUrl();
  if (!s.enabled) return;
  for (const key of ['endpoint', 'bucket', 'region', 'accessKey', 'secret'] as const) {
    if (s[key] === '') errors[key] = V.required();
  }
}

function backups(b: BackupsSettings, errors: Errors): void {
  section(errors, 's3', b.s3, s3);
  if (b.cron !== '') {
    const problem = cronExpressionProblem(b.cron);
    if (problem) errors.cron = V.invalidCron(problem);
    if (b.cronMaxKeep === 0) errors.cronMaxKeep = V.required();
    else if (b.cronMaxKeep < 1) errors.cronMaxKeep = V.minValue(1);
  }
  if (b.drillCron !== '') {
    const problem = cronExpressionProblem(b.drillCron);
    if (problem) errors.drillCron = V.invalidCron(problem);
  }
}

function batch(b: BatchSettings, errors: Errors): void {
  for (const key of ['maxRequests', 'timeout'] as const) {
    if (b[key] === 0 && b.enabled) errors[key] = V.required();
    else if (b[key] < 0) errors[key] = V.minValue(0);
  }
  if (b.maxBodySize < 0) errors.maxBodySize = V.minValue(0);
}

function logs(l: LogsSettings, errors: Errors): void {
  if (l.maxDays < 0) errors.maxDays = V.minValue(0);
}

/** Shortest metrics token: a bearer token anyone may try must not be guessable. */
export const MIN_METRICS_TOKEN = 16;

function metrics(m: MetricsSettings, errors: Errors): void {
  if (m.token !== '' && (m.token.length < MIN_METRICS_TOKEN || m.token.length > 255)) {
    errors.token = V.lengthOutOfRange(MIN_METRICS_TOKEN, 255);
  }
}

/** Approvals wait at least a minute and at most 30 days. */
const APPROVAL_TIMEOUT = { min: 60, max: 30 * 24 * 60 * 60 };

function twoPersonRule(t: TwoPersonRuleSettings, errors: Errors): void {
  if (t.approvalTimeout < APPROVAL_TIMEOUT.min) errors.approvalTimeout = V.minValue(APPROVAL_TIMEOUT.min);
  else if (t.approvalTimeout > APPROVAL_TIMEOUT.max) errors.approvalTimeout = V.maxValue(APPROVAL_TIMEOUT.max);
}

/** A delivery attempt must end well within the outbox's claim on it (two minutes). */
const MAX_WEBHOOK_TIMEOUT = 60;

function webhooks(w: WebhooksSettings, errors: Errors): void {
  if (w.timeout < 1) errors.timeout = V.minValue(1);
  else if (w.timeout > MAX_WEBHOOK_TIMEOUT) errors.timeout = V.maxValue(MAX_WEBHOOK_TIMEOUT);
  if (w.maxDays < 1) errors.maxDays = V.minValue(1);
}

function trustedProxy(t: TrustedProxySettings, errors: Errors): void {
  const headers: ErrorData = {};
  for (const [i, name] of t.headers.entries()) {
    if (name === '') headers[String(i)] = V.required();
    else if (!HEADER_NAME.test(name)) headers[String(i)] = V.matchInvalid();
  }
  if (hasErrors(headers)) errors.headers = headers;
}

/** Runs `check` on one section and files its errors under `key`. */
function section<T>(into: Errors, key: string, value: T, check: (value: T, errors: Errors) => void): void {
  const errors: Errors = {};
  check(value, errors);
  if (hasErrors(errors)) into[key] = errors;
}

/** Every problem of `settings`, keyed like it; empty when it may be saved. */
export function validateSettings(settings: Readonly<Settings>): ErrorData {
  const errors: Errors = {};
  section(errors, 'meta', settings.meta, meta);
  section(errors, 'smtp', settings.smtp, smtp);
  section(errors, 's3', settings.s3, s3);
  section(errors, 'backups', settings.backups, backups);
  section(errors, 'batch', settings.batch, batch);
  section(errors, 'logs', settings.logs, logs);
  section(errors, 'metrics', settings.metrics, metrics);
  section(errors, 'trustedProxy', settings.trustedProxy, trustedProxy);
  section(errors, 'twoPersonRule', settings.twoPersonRule, twoPersonRule);
  section(errors, 'webhooks', settings.webhooks, webhooks);
  const rateLimits = validateRateLimits(settings.rateLimits);
  if (hasErrors(rateLimits)) errors.rateLimits = rateLimits;
  return errors;
}
