import { requesterOf } from '../../context.js';
import { openApiJson } from '../../openapi/cache.js';
import { servedOperations } from '../../operation-tags.js';
import type { RouteDefinition } from '../../route.js';

const openapi: RouteDefinition = {
  tag: 'openapi',
  method: 'GET',
  url: '/api/openapi.json',
  async handler(req, reply, app) {
    const json = openApiJson(app, requesterOf(req).isSuperuser, servedOperations(req.server));
    return reply.type('application/json; charset=utf-8').header('cache-control', 'no-cache').send(json);
  },
};

export default openapi;
