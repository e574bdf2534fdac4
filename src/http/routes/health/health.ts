import type { FastifyRequest } from 'fastify';
import { backupBusy } from '../../../core/backups/index.js';
import { Errors } from '../../../core/errors.js';
import { checkReady } from '../../../core/readiness.js';
import type { TrustedProxySettings } from '../../../core/settings/settings.js';
import { parseBool } from '../../../lib/bool.js';
import { clientIp } from '../../client-ip.js';
import { queryParamOf, requesterOf } from '../../context.js';
import { isDraining } from '../../draining.js';
import type { RouteDefinition } from '../../route.js';

/** Headers common reverse proxies set, checked after the configured ones (spec §5.5). */
const COMMON_PROXY_HEADERS = ['CF-Connecting-IP', 'Fly-Client-IP', 'X-Forwarded-For'];

/**
 * The first header, among the configured trusted-proxy ones and then the common proxy headers, that
 * the request carries with a non-empty value: a hint for the dashboard that the server runs behind a
 * proxy. PocketBase spells the last name with a non-ASCII hyphen, so it never matches there; this
 * uses the real name.
 */
function possibleProxyHeader(req: FastifyRequest, proxy: Readonly<TrustedProxySettings>): string {
  for (const name of [...proxy.headers, ...COMMON_PROXY_HEADERS]) {
    const value = req.headers[name.toLowerCase()];
    if (Array.isArray(value) ? value.some((v) => v !== '') : value) return name;
  }
  return '';
}

/** `?ready` asks for readiness: any value but a false one (`?ready`, `?ready=1`, `?ready=true`). */
function wantsReadiness(req: FastifyRequest): boolean {
  const value = queryParamOf(req, 'ready');
  return value !== undefined && parseBool(value) !== false;
}

/**
 * Liveness by default: the process answers, nothing else is asked, so it stays cheap. With `?ready=1`
 * also readiness: the database answers and the server is not stopping, else 503.
 */
const health: RouteDefinition = {
  tag: 'health',
  method: 'GET',
  url: '/api/health',
  async handler(req, reply, app) {
    if (wantsReadiness(req)) {
      if (isDraining(app)) throw Errors.shuttingDown();
      await checkReady(app);
    }
    let data = {};
    if (requesterOf(req).isSuperuser) {
      const proxy = app.settings.get().trustedProxy;
      // false while a backup or restore runs on this instance
      data = {
        canBackup: !backupBusy(app),
        realIP: clientIp(req, proxy),
        possibleProxyHeader: possibleProxyHeader(req, proxy),
      };
    }
    // the one JSON reply that does not apply `?fields=`
    return reply.send({ message: 'API is healthy.', code: 200, data });
  },
};

export default health;
