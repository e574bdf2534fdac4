import type { App } from '../../core/app.js';
import type { Collection } from '../../core/collection.js';
import { ADMIN_SCHEMAS, adminOperations } from './admin-operations.js';
import { authOperations } from './auth-operations.js';
import { API_ERROR, errorResponses, PARAMETERS } from './components.js';
import type { Schema } from './json-schema.js';
import type { Operation } from './operation.js';
import { recordOperations } from './record-operations.js';
import { collectionSchemas } from './record-schemas.js';

export interface DocumentOptions {
  /** superusers see every collection, every operation and the admin APIs */
  superuser: boolean;
  /** operation tags of the routes the server serves: nothing else is described */
  served: ReadonlySet<string>;
  /** package version, shown as the document's version */
  version: string;
}

/** Collections someone other than a superuser may read: a list or view rule is set. */
function readable(c: Collection): boolean {
  return c.listRule !== null || c.viewRule !== null;
}

function addOperations(
  paths: Record<string, Record<string, Schema>>,
  ops: readonly Operation[],
  served: ReadonlySet<string>,
) {
  for (const op of ops) {
    if (!served.has(op.routeTag)) continue;
    paths[op.path] ??= {};
    (paths[op.path] as Record<string, Schema>)[op.method] = op.object;
  }
}

/**
 * The OpenAPI 3.1 description of the API as it stands: every collection's record endpoints with
 * schemas built from its fields, the auth endpoints of auth collections, and (for superusers) the
 * admin APIs. Built from the live collections, so it changes as soon as a collection does.
 */
export function buildDocument(app: App, opts: DocumentOptions): Schema {
  const all = app.collections.all().sort((a, b) => a.name.localeCompare(b.name));
  const byId = new Map(all.map((c) => [c.id, c] as const));
  const shown = opts.superuser ? all : all.filter(readable);
  const shownIds = new Map(shown.map((c) => [c.id, c] as const));
  const schemas: Record<string, Schema> = { ApiError: API_ERROR, ...(opts.superuser ? ADMIN_SCHEMAS : {}) };
  const paths: Record<string, Record<string, Schema>> = {};
  const tags: Schema[] = [];
  for (const c of shown) {
    // relations to collections this viewer cannot see are not expanded in the schema
    Object.assign(schemas, collectionSchemas(c, opts.superuser, opts.superuser ? byId : shownIds));
    addOperations(paths, [...recordOperations(c, opts.superuser), ...authOperations(c, opts.superuser)], opts.served);
    tags.push({ name: c.name, description: `${c.type} collection \`${c.name}\` (id \`${c.id}\`)` });
  }
  addOperations(paths, adminOperations(opts.superuser), opts.served);
  const settings = app.settings.get();
  return {
    openapi: '3.1.0',
    info: {
      title: `${settings.meta.appName} API`,
      version: opts.version,
      description:
        'Generated from the live collections. Errors share one shape (`ApiError`). ' +
        (opts.superuser
          ? 'This is the superuser view.'
          : 'Sign in as a superuser to see every collection and the admin APIs.'),
    },
    // relative: tools resolve it against wherever they fetched this document from
    servers: [{ url: '/' }],
    tags,
    paths,
    components: {
      schemas,
      parameters: PARAMETERS,
      responses: errorResponses(),
      securitySchemes: {
        token: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'an auth token; the `Bearer ` prefix is optional',
        },
      },
    },
    security: [{ token: [] }, {}],
  };
}
