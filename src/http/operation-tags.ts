import type { FastifyInstance } from 'fastify';

const served = new WeakMap<FastifyInstance, Set<string>>();

/** Notes that the server serves the operation `tag` (called as routes are registered). */
export function noteServedOperation(server: FastifyInstance, tag: string): void {
  let tags = served.get(server);
  if (!tags) {
    tags = new Set();
    served.set(server, tags);
  }
  tags.add(tag);
}

/** The operation tags of every route the server serves: what the API description may describe. */
export function servedOperations(server: FastifyInstance): ReadonlySet<string> {
  return served.get(server) ?? new Set();
}
