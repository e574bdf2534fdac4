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
  private readonly buckets = new Map<RateLimitRule, string>();
  /** some label is of the `METHOD /path` form */
  private readonly methodForms: boolean;

  constructor(rules: readonly RateLimitRule[]) {
    for (const rule of rules) {
      this.buckets.set(rule, `${rule.label}|${rule.audience}`);
      const same = this.exact.get(rule.label);
      if (same) same.push(rule);
      else this.exact.set(rule.label, [rule]);
      if (rule.label.endsWith('/')) this.prefixes.push(rule);
    }
    this.methodForms = rules.some((rule) => rule.label.includes(' '));
  }

  /** The bucket of a rule matched by path: one per label and audience, shared by every path it matches. */
  bucketOf(rule: RateLimitRule): string {
    return this.buckets.get(rule) ?? `${rule.label}|${rule.audience}`;
  }

  /**
   * The one rule that applies to a request: candidates `tagLabels` (a collection endpoint's
   * `<col>:<tag>`… `*:<tag>`…), then `<METHOD> <path>`, then `<path>`. The method form is built only
   * when some rule is written that way.
   */
  find(tagLabels: readonly string[], method: string, path: string, audience: Audience): RateLimitRule | undefined {
    for (const label of tagLabels) {
      // a tag label never starts like a path, so no prefix rule can match it
      const exact = this.exact.get(label);
      if (exact) {
        for (const rule of exact) if (fits(rule, audience)) return rule;
      }
    }
    if (this.methodForms) {
      const rule = this.match(`${method} ${path}`, audience);
      if (rule) return rule;
    }
    return this.match(path, audience);
  }

  /** Exact labels first, then prefixes in settings order. */
  private match(label: string, audience: Audience): RateLimitRule | undefined {
    const exact = this.exact.get(label);
    if (exact) {
      for (const rule of exact) if (fits(rule, audience)) return rule;
    }
    for (const rule of this.prefixes) {
      if (fits(rule, audience) && prefixMatches(rule.label, label)) return rule;
    }
    return undefined;
  }
}
