import { Errors } from '../../../core/errors.js';
import { brokerOf } from '../../../realtime/sse/start.js';
import type { RouteDefinition } from '../../route.js';

/**
 * GET /api/realtime: opens the SSE stream. The reply is taken over from Fastify (it never ends on
 * its own); the headers set by the request hooks (CORS, security) go out with the stream's own.
 */
const connect: RouteDefinition = {
  tag: 'realtime.connect',
  method: 'GET',
  url: '/api/realtime',
  async handler(req, reply, app) {
    const broker = brokerOf(app);
    if (!broker) throw Errors.notFound();
    const sseHeaders = { 'content-type': 'text/event-stream', 'cache-control': 'no-store', 'x-accel-buffering': 'no' };
    // HEAD shares this route: answer with the headers alone instead of opening a stream nobody reads
    if (req.method === 'HEAD') return reply.headers(sseHeaders).status(200).send();
    reply.hijack();
    const res = reply.raw;
    const headers: Record<string, string | string[] | number> = {};
    for (const [k, v] of Object.entries(reply.getHeaders())) if (v !== undefined) headers[k] = v;
    res.writeHead(200, { ...headers, ...sseHeaders });
    req.raw.socket.setNoDelay(true);
    req.raw.socket.setTimeout(0);
    broker.connect(res, req.clientIp);
    return reply;
  },
};

export default connect;
