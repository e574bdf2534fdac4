/**
 * Runtime settings: what a superuser changes from the API or the dashboard without a restart.
 * Stored as JSON in `_params` (id `settings`), kept in memory, and announced to the parts that
 * depend on them when they change (see runtime-settings.ts).
 */

export interface SmtpSettings {
  enabled: boolean;
  host: string;
  port: number;
  username: string;
  /** a secret: never sent back by the API */
  password: string;
  /** "", "PLAIN" or "LOGIN" */
  authMethod: string;
  tls: boolean;
  localName: string;
}

export interface S3Settings {
  enabled: boolean;
  bucket: string;
  region: string;
  endpoint: string;
  accessKey: string;
  /** a secret: never sent back by the API */
  secret: string;
  forcePathStyle: boolean;
}

export interface BackupsSettings {
  /** cron expression of automatic backups; "" turns them off */
  cron: string;
  cronMaxKeep: number;
  s3: S3Settings;
  /**
   * cron expression of the restore drills of the newest backup (`__basaltBackupDrill__`); "" runs
   * them daily when `cron` is set, and never otherwise
   */
  drillCron: string;
}

export interface MetaSettings {
  appName: string;
  appURL: string;
  senderName: string;
  senderAddress: string;
  hideControls: boolean;
}

export interface RateLimitRule {
  /** `/path`, `/prefix/`, `METHOD /path`, `collection:tag`, `*:tag` or a plain tag */
  label: string;
  /** "" (everyone), "@guest" or "@auth" */
  audience: string;
  /** window length in seconds */
  duration: number;
  maxRequests: number;
}

export interface RateLimitsSettings {
  enabled: boolean;
  rules: RateLimitRule[];
}

export interface TrustedProxySettings {
  /** headers holding the client IP set by a proxy in front of the server, tried in order */
  headers: string[];
  useLeftmostIP: boolean;
}

export interface BatchSettings {
  enabled: boolean;
  maxRequests: number;
  /** seconds; 0 or less means 3 */
  timeout: number;
  /** bytes; 0 means 128 MiB */
  maxBodySize: number;
}

export interface LogsSettings {
  /** days logs are kept; 0 turns request logging off */
  maxDays: number;
  /** lowest level stored: DEBUG -4, INFO 0, WARN 4, ERROR 8 */
  minLevel: number;
  logIP: boolean;
  logAuthId: boolean;
}

export interface MetricsSettings {
  /** time requests and database statements for `GET /api/metrics` (the endpoint answers either way) */
  enabled: boolean;
  /** a secret: a bearer token that may read `GET /api/metrics` besides superusers; "" allows superusers only */
  token: string;
}

export interface TwoPersonRuleSettings {
  /** destructive superuser actions wait for a second superuser's approval; needs two superusers to turn on */
  enabled: boolean;
  /** seconds a pending approval may wait before it expires (60 to 2592000) */
  approvalTimeout: number;
}

export interface WebhooksSettings {
  /** deliver to loopback, private and link-local addresses too (development only) */
  allowPrivateAddresses: boolean;
  /** seconds one delivery attempt may take, connection and answer included */
  timeout: number;
  /** days delivery records are kept */
  maxDays: number;
}

export interface Settings {
  smtp: SmtpSettings;
  backups: BackupsSettings;
  s3: S3Settings;
  meta: MetaSettings;
  rateLimits: RateLimitsSettings;
  trustedProxy: TrustedProxySettings;
  batch: BatchSettings;
  logs: LogsSettings;
  metrics: MetricsSettings;
  twoPersonRule: TwoPersonRuleSettings;
  webhooks: WebhooksSettings;
}

const s3Defaults = (): S3Settings => ({
  enabled: false,
  bucket: '',
  region: '',
  endpoint: '',
  accessKey: '',
  secret: '',
  forcePathStyle: false,
});

/** The settings of a fresh data directory. */
export function defaultSettings(): Settings {
  return {
    smtp: {
      enabled: false,
      host: 'smtp.example.com',
      port: 587,
      username: '',
      password: '',
      authMethod: '',
      tls: false,
      localName: '',
    },
    backups: { cron: '', cronMaxKeep: 3, s3: s3Defaults(), drillCron: '' },
    s3: s3Defaults(),
    meta: {
      appName: 'Acme',
      appURL: 'http://localhost:8090',
      senderName: 'Support',
      senderAddress: 'support@example.com',
      hideControls: false,
    },
    rateLimits: {
      enabled: false,
      rules: [
        { label: '*:auth', audience: '', duration: 3, maxRequests: 2 },
        { label: '*:create', audience: '', duration: 5, maxRequests: 20 },
        { label: '/api/batch', audience: '', duration: 1, maxRequests: 3 },
        { label: '/api/', audience: '', duration: 10, maxRequests: 300 },
      ],
    },
    trustedProxy: { headers: [], useLeftmostIP: false },
    batch: { enabled: false, maxRequests: 50, timeout: 3, maxBodySize: 0 },
    logs: { maxDays: 5, minLevel: 0, logIP: true, logAuthId: false },
    metrics: { enabled: true, token: '' },
    twoPersonRule: { enabled: false, approvalTimeout: 24 * 60 * 60 },
    webhooks: { allowPrivateAddresses: false, timeout: 10, maxDays: 7 },
  };
}
