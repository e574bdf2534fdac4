import { resolve } from 'node:path';
import type { BootConfig } from '../core/app.js';
import { parseBool } from '../lib/bool.js';
import { parseOrigins } from './origins.js';

/** What the HTTP layer serves beside the API: CORS and the public folder. */
export interface WebConfig {
  /** allowed CORS origins: `['*']` for any, else exact origins (`https://example.com`) */
  origins: readonly string[];
  /** absolute path of the folder served at `/`; a missing folder serves nothing */
  publicDir: string;
  /** answer unknown extension-less GET/HEAD paths that accept HTML with `/index.html` (single-page apps) */
  indexFallback: boolean;
}

/** User code: hook files and migrations (see docs/hooks.md, docs/migrations.md). */
export interface CodeConfig {
  /** absolute path of the folder whose `*.ts`, `*.mts`, `*.js`, `*.mjs` files are loaded as hooks */
  hooksDir: string;
  /** absolute path of the folder holding `<unix time>_<name>.ts` migration files */
  migrationsDir: string;
  /** development mode: hook files are reloaded when they change, automigrate is on */
  dev: boolean;
  /** every collection change made while serving writes a migration file */
  automigrate: boolean;
  /** how long one hook handler or custom route may run (ms, not counting `e.next()`) before the request answers 504 */
  hooksTimeoutMs: number;
}

/** `--https`: where TLS is served, and the certificate files. */
export interface HttpsConfig {
  host: string;
  port: number;
  /** PEM certificate (chain) and private key files; both '' with `--dev`: a generated self-signed certificate */
  certFile: string;
  keyFile: string;
}

export interface ServeConfig extends BootConfig, WebConfig, CodeConfig {
  /** the plain HTTP address: the API itself, or with `https` and `httpRedirect` a redirect to HTTPS */
  host: string;
  port: number;
  /** serve the API over TLS at this address; null: plain HTTP only */
  https: HttpsConfig | null;
  /** with `https`: `--http` was given too, so plain HTTP is served and redirects to HTTPS */
  httpRedirect: boolean;
  /** external database URL (postgres://…); empty for the embedded SQLite database */
  db: string;
  logLevel: string;
}

export const DEFAULTS = Object.freeze({
  http: '127.0.0.1:8090',
  dir: './basalt_data',
  publicDir: './basalt_public',
  origins: '*',
  bodyLimit: 32 * 1024 * 1024,
  hooksDir: './basalt_hooks',
  migrationsDir: './basalt_migrations',
  hooksTimeout: '30',
});

/** `--hooks-timeout` in seconds (decimals allowed), as milliseconds. */
function parseTimeout(value: string): number {
  const seconds = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds <= 0 || seconds > 86_400) {
    throw new Error(`invalid --hooks-timeout "${value}" (expected seconds, e.g. 30 or 0.5)`);
  }
  return Math.round(seconds * 1000);
}

/** Parses `host:port`; throws with a one-line message when malformed. */
export function parseHttpAddress(value: string, flag = 'http'): { host: string; port: number } {
  const m = /^(.*):(\d{1,5})$/.exec(value.trim());
  const port = m ? Number(m[2]) : Number.NaN;
  if (!m || port > 65535) throw new Error(`invalid --${flag} address "${value}" (expected host:port)`);
  return { host: m[1] === '' ? '0.0.0.0' : (m[1] as string).replace(/^\[|\]$/g, ''), port };
}

/** Bytes of an encryption key: AES-256 takes the key's bytes as they are. */
const ENCRYPTION_KEY_BYTES = 32;

/**
 * The key in the variable named by `--encryption-env`; '' without the flag. A named variable that is
 * unset, or holds a key of the wrong length, stops start-up: storing settings unencrypted when the
 * operator asked for encryption would be a silent leak.
 */
function encryptionKeyFrom(env: NodeJS.ProcessEnv, name: string): string {
  if (name === '') return '';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    throw new Error(`invalid --encryption-env "${name}" (expected a variable name)`);
  const key = env[name] ?? '';
  if (key === '') throw new Error(`--encryption-env names ${name}, but that environment variable is not set`);
  const bytes = Buffer.byteLength(key, 'utf8');
  if (bytes !== ENCRYPTION_KEY_BYTES) {
    throw new Error(
      `the encryption key in ${name} must be ${ENCRYPTION_KEY_BYTES} characters (bytes) long, not ${bytes}`,
    );
  }
  return key;
}

/** A boolean flag, else its environment variable (true/false, 1/0…), else false. */
function boolSetting(flags: Record<string, string | boolean>, flag: string, envName: string): boolean {
  if (flags[flag] === true) return true;
  const text = process.env[envName];
  if (text === undefined || text === '') return false;
  const value = parseBool(text);
  if (value === undefined) throw new Error(`invalid ${envName} "${text}" (expected true or false)`);
  return value;
}

/**
 * `--https` with its certificate files: both files or, in development, neither (a self-signed
 * certificate is generated); files without `--https` are a mistake worth stopping for.
 */
function httpsFrom(address: string, certFile: string, keyFile: string, dev: boolean): HttpsConfig | null {
  if (address === '') {
    if (certFile !== '' || keyFile !== '') throw new Error('--tls-cert and --tls-key need --https=HOST:PORT');
    return null;
  }
  const { host, port } = parseHttpAddress(address, 'https');
  if ((certFile === '') !== (keyFile === '')) throw new Error('--tls-cert and --tls-key go together: give both');
  if (certFile === '' && !dev) {
    throw new Error(
      '--https needs --tls-cert=FILE and --tls-key=FILE (or --dev for a self-signed localhost certificate)',
    );
  }
  return {
    host,
    port,
    certFile: certFile === '' ? '' : resolve(certFile),
    keyFile: keyFile === '' ? '' : resolve(keyFile),
  };
}

/** Boot config from flags, then environment, then defaults; frozen. The only reader of process.env. */
export function loadConfig(flags: Record<string, string | boolean>): Readonly<ServeConfig> {
  const env = process.env;
  const str = (flag: string, envName: string, fallback: string): string => {
    const v = flags[flag];
    if (typeof v === 'string') return v;
    return env[envName] ?? fallback;
  };
  const { host, port } = parseHttpAddress(str('http', 'BASALT_HTTP', DEFAULTS.http));
  const dataDir = resolve(str('dir', 'BASALT_DIR', DEFAULTS.dir));
  const encryptionEnv = str('encryption-env', 'BASALT_ENCRYPTION_ENV', '');
  const publicDir = str('public-dir', 'BASALT_PUBLIC_DIR', DEFAULTS.publicDir);
  // resolve('') is the working directory: an empty value must not quietly publish it
  if (publicDir.trim() === '') throw new Error('invalid --public-dir "" (expected a folder path)');
  const dev = boolSetting(flags, 'dev', 'BASALT_DEV');
  const https = httpsFrom(
    str('https', 'BASALT_HTTPS', ''),
    str('tls-cert', 'BASALT_TLS_CERT', ''),
    str('tls-key', 'BASALT_TLS_KEY', ''),
    dev,
  );
  return Object.freeze({
    host,
    port,
    https,
    httpRedirect: https !== null && (typeof flags.http === 'string' || (env.BASALT_HTTP ?? '') !== ''),
    dataDir,
    db: str('db', 'BASALT_DB', ''),
    bodyLimit: DEFAULTS.bodyLimit,
    logLevel: str('log-level', 'BASALT_LOG_LEVEL', 'info'),
    encryptionEnv,
    encryptionKey: encryptionKeyFrom(env, encryptionEnv),
    origins: parseOrigins(str('origins', 'BASALT_ORIGINS', DEFAULTS.origins)),
    publicDir: resolve(publicDir),
    indexFallback: boolSetting(flags, 'index-fallback', 'BASALT_INDEX_FALLBACK'),
    hooksDir: resolve(str('hooks-dir', 'BASALT_HOOKS_DIR', DEFAULTS.hooksDir)),
    migrationsDir: resolve(str('migrations-dir', 'BASALT_MIGRATIONS_DIR', DEFAULTS.migrationsDir)),
    dev,
    automigrate: dev || boolSetting(flags, 'automigrate', 'BASALT_AUTOMIGRATE'),
    hooksTimeoutMs: parseTimeout(str('hooks-timeout', 'BASALT_HOOKS_TIMEOUT', DEFAULTS.hooksTimeout)),
  });
}
