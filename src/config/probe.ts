import { DEFAULTS, parseHttpAddress } from './config.js';

/** Addresses that accept connections on every interface; a probe reaches them on the loopback one. */
const LOOPBACK: Readonly<Record<string, string>> = { '0.0.0.0': '127.0.0.1', '::': '::1', '': '127.0.0.1' };

/**
 * The base URL `basalt healthcheck` probes: `--url`, else the address `basalt serve` would listen on
 * with the same flags and environment (`--https`/BASALT_HTTPS first, else `--http`/BASALT_HTTP), a
 * wildcard host read as the loopback address.
 */
export function probeBaseUrl(flags: Record<string, string | boolean>): string {
  const read = (flag: string, envName: string, fallback: string): string => {
    const v = flags[flag];
    return typeof v === 'string' ? v : (process.env[envName] ?? fallback);
  };
  const url = read('url', 'BASALT_HEALTHCHECK_URL', '');
  if (url !== '') return url.replace(/\/+$/, '');
  const https = read('https', 'BASALT_HTTPS', '');
  const { host, port } =
    https !== '' ? parseHttpAddress(https, 'https') : parseHttpAddress(read('http', 'BASALT_HTTP', DEFAULTS.http));
  const target = LOOPBACK[host] ?? host;
  return `${https !== '' ? 'https' : 'http'}://${target.includes(':') ? `[${target}]` : target}:${port}`;
}
