import multipart from '@fastify/multipart';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { App } from '../core/app.js';
import type { Requester } from '../core/request.js';
import { authenticateRequest } from './auth-hook.js';
import { registerBodyParsers } from './body.js';
import { answerClientError } from './client-error.js';
import { answerFrameworkError, registerErrorHandling } from './error-handler.js';
import { trackOperations } from './operation.js';
import { registerRateLimits } from './rate-limit-hook.js';
import { registerRoutes } from './routes/index.js';

/** Builds the HTTP server around the app core. */
export async function buildServer(app: App): Promise<FastifyInstance> {
  const server: FastifyInstance = Fastify({
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
  });
  registerErrorHandling(server);
  registerBodyParsers(server);
  await server.register(multipart, {
    limits: { fileSize: app.config.bodyLimit, fieldSize: app.config.bodyLimit, parts: 10000 },
  });
  trackOperations(server, app);
  server.decorateRequest('requester', null as unknown as Requester);
  server.decorateRequest('authToken', '');
  server.addHook('onRequest', async (req) => {
    await authenticateRequest(app, req);
  });
  registerRateLimits(server, app);
  registerRoutes(server, app);
  return server;
}
