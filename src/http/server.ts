import multipart from '@fastify/multipart';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest, LogController } from 'fastify';
import type { WebConfig } from '../config/config.js';
import type { App } from '../core/app.js';
import type { CustomRoute } from '../core/custom-route.js';
import type { Requester } from '../core/request.js';
import { authenticateRequest } from './auth-hook.js';
import { registerBodyParsers } from './body.js';
import { answerClientError } from './client-error.js';
import { clientIp } from './client-ip.js';
import { registerCors } from './cors.js';
import { checkCustomRoutes, registerCustomRoutes } from './custom-routes.js';
import { markDraining } from './draining.js';
import { answerFrameworkError, registerErrorHandling } from './error-handler.js';
import { registerAuditTrail } from './hooks/audit-trail.js';
import { registerRequestLog } from './hooks/request-log.js';
import { registerRequestMetrics } from './hooks/request-metrics.js';
import { trackOperations } from './operation.js';
import { registerRateLimits } from './rate-limit-hook.js';
import { registerRoutes, routes } from './routes/index.js';
import { registerSecurityHeaders } from './security-headers.js';
import { registerStaticSite } from './static/static-site.js';
import type { TlsCredentials } from './tls/credentials.js';
import { registerHsts } from './tls/hsts.js';

/** Without a web config: CORS for any origin and no public folder. */
const NO_SITE: WebConfig = { origins: ['*'], publicDir: '', indexFallback: false };

/**
 * Builds the HTTP server around the app core; `web` adds CORS origins and the public folder (serve
 * flags), `custom` the routes of user code (refused when they clash with built-in ones), `tls` makes
 * it an HTTPS server (its certificate can be swapped later with `server.server.setSecureContext`).
 */
export async function buildServer(
  app: App,
  web: WebConfig = NO_SITE,
  custom: readonly CustomRoute[] = [],
  tls?: TlsCredentials,
): Promise<FastifyInstance> {
  checkCustomRoutes(custom, routes);
  // Fastify types an HTTPS server apart; everything used here is the same on both
  const server = Fastify({
    ...(tls ? { https: { cert: tls.cert, key: tls.key } } : {}),
    loggerInstance: app.log as unknown as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    // one shared logger: a child logger per request costs more than it tells
    childLoggerFactory: (logger) => logger,
    bodyLimit: app.config.bodyLimit,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, maxParamLength: 1000 },
    return503OnClosing: false,
    forceCloseConnections: false,
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
  }) as unknown as FastifyInstance;
  registerErrorHandling(server, app);
  registerBodyParsers(server);
  await server.register(multipart, {
    limits: { fileSize: app.config.bodyLimit, fieldSize: app.config.bodyLimit, parts: 10000 },
  });
  registerSecurityHeaders(server);
  if (tls) registerHsts(server);
  trackOperations(server, app);
  await registerCors(server, web.origins);
  registerRequestLog(server, app);
  registerRequestMetrics(server, app);
  registerAuditTrail(server, app);
  server.decorateRequest('requester', null as unknown as Requester);
  server.decorateRequest('authToken', '');
  server.decorateRequest('clientIp', {
    getter(this: FastifyRequest) {
      return clientIp(this, app.settings.get().trustedProxy);
    },
  });
  server.addHook('onRequest', async (req) => {
    await authenticateRequest(app, req);
  });
  registerRateLimits(server, app);
  registerRoutes(server, app);
  // open SSE streams never end on their own: without this, closing would wait for them forever
  server.addHook('preClose', async () => {
    markDraining(app);
    app.realtime.disconnectAll();
  });
  registerCustomRoutes(server, app, custom);
  if (web.publicDir !== '') {
    await registerStaticSite(server, { ...web, exclude: [app.config.dataDir] });
  }
  return server;
}
