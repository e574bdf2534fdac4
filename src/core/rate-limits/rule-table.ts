import type { RateLimitRule } from '../settings/settings.js';

/** Who a rule is checked for: superusers never reach rule selection. */
export type Audience = '@guest' | '@auth';

function fits(rule: RateLimitRule, audience: Audience): boolean {
  return rule.audience === '' || rule.audience === audience;
}

/** A label ending in `/` is a path prefix; it also matches the path without that slash. */
function prefixMatches(prefix: string, label: string): boolean {
  if (label.startsWith(prefix)) return true;
  return label.length === prefix.length - 1 && prefix.startsWith(label);
}

/**
 * The rules of the settings, indexed for rule selection (spec §6): for each candidate label in
 * priority order, exact labels first, then prefix labels in the order the settings list them (the
 * longest prefix does not win). A rule whose audience does not fit is skipped as if absent.
 * Built once per settings change; a lookup costs one map read per candidate plus the prefix scan.
 */
export class RuleTable {
  private readonly exact = new Map<string, RateLimitRule[]>();
  private readonly prefixes: RateLimitRule[] = [];

  constructor(rules: readonly RateLimitRule[]) {
    for (const rule of rules) {
      const same = this.exact.get(rule.label);
      if (same) same.push(rule);
      else this.exact.set(rule.label, [rule]);
      if (rule.label.endsWith('/')) this.prefixes.push(rule);
    }
  }

  /** The one rule that applies to a request with these candidate labels, or undefined. */
  find(labels: readonly string[], audience: Audience): RateLimitRule | undefined {
    for (const label of labels) {
      const exact = this.exact.get(label);
      if (exact) {
        for (const rule of exact) if (fits(rule, audience)) return rule;
      }
      for (const rule of this.prefixes) {
        if (fits(rule, audience) && prefixMatches(rule.label, label)) return rule;
      }
    }
    return undefined;
  }
}
