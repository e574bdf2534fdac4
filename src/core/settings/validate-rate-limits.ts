/**
 * Checks of the rate-limit rules: each rule on its own, then the labels against each other.
 */
import { type ErrorData, type FieldError, hasErrors, V } from '../validation.js';
import type { RateLimitRule, RateLimitsSettings } from './settings.js';

/** `/path`, `/prefix/`, `METHOD /path`, `collection:tag`, `*:tag` or a plain tag. */
export const RATE_LIMIT_LABEL = /^(\w+ \/[\w/-]*|\/[\w/-]*|\w+:\w+|\*:\w+|\w+)$/;

/** "" is everyone; the other two split requests by whether they carry an auth token. */
export const RATE_LIMIT_AUDIENCES: readonly string[] = ['', '@guest', '@auth'];

function ruleErrors(rule: RateLimitRule): ErrorData {
  const errors: ErrorData = {};
  if (rule.label === '') errors.label = V.required();
  else if (!RATE_LIMIT_LABEL.test(rule.label)) errors.label = V.matchInvalid();
  if (!RATE_LIMIT_AUDIENCES.includes(rule.audience)) errors.audience = V.inInvalid();
  if (rule.duration === 0) errors.duration = V.required();
  else if (rule.duration < 1) errors.duration = V.minValue(1);
  if (rule.maxRequests === 0) errors.maxRequests = V.required();
  else if (rule.maxRequests < 1) errors.maxRequests = V.minValue(1);
  return errors;
}

/**
 * Two rules conflict when they share a label and either their audiences are equal or one of them
 * is for everyone ("" overlaps both others); `@guest` and `@auth` split the requests, so they may
 * share a label. The later rule of a pair is the one reported.
 */
function conflictOf(rules: readonly RateLimitRule[], i: number): FieldError | null {
  const rule = rules[i] as RateLimitRule;
  for (let j = 0; j < i; j++) {
    const other = rules[j] as RateLimitRule;
    if (other.label !== rule.label) continue;
    if (other.audience === rule.audience || other.audience === '' || rule.audience === '') {
      return V.conflictingRateLimitRule(rule.label);
    }
  }
  return null;
}

export function validateRateLimits(settings: Readonly<RateLimitsSettings>): ErrorData {
  const { rules } = settings;
  if (settings.enabled && rules.length === 0) return { rules: V.required() };
  const byIndex: ErrorData = {};
  for (let i = 0; i < rules.length; i++) {
    const errors = ruleErrors(rules[i] as RateLimitRule);
    if (!errors.label) {
      const conflict = conflictOf(rules, i);
      if (conflict) errors.label = conflict;
    }
    if (hasErrors(errors)) byIndex[String(i)] = errors;
  }
  return hasErrors(byIndex) ? { rules: byIndex } : {};
}
