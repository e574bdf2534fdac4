import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';
import type { TrustedProxySettings } from '../core/settings/settings.js';

/** The last value of a header (a proxy appends its own), as text. */
function lastHeaderValue(req: FastifyRequest, name: string): string {
  const value = req.headers[name.toLowerCase()];
  if (Array.isArray(value)) return value[value.length - 1] ?? '';
  return value ?? '';
}

/**
 * The client's IP: from the trusted proxy headers when configured (each header in order, its last
 * value split on commas, the rightmost valid IP or the leftmost with `useLeftmostIP`), else the
 * TCP peer. Only headers the operator named are read: any client can send any header.
 */
export function clientIp(req: FastifyRequest, proxy: Readonly<TrustedProxySettings>): string {
  for (const header of proxy.headers) {
    const ips = lastHeaderValue(req, header)
      .split(',')
      .map((part) => part.trim())
      .filter((part) => isIP(part) !== 0);
    const ip = proxy.useLeftmostIP ? ips[0] : ips[ips.length - 1];
    if (ip) return ip;
  }
  return remoteIp(req);
}

/** The TCP peer's address. */
export function remoteIp(req: FastifyRequest): string {
  return req.socket.remoteAddress ?? '';
}
