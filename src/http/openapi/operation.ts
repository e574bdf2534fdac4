import { errorRef } from './components.js';
import type { Schema } from './json-schema.js';

export type HttpMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** One documented operation: where it lives and its OpenAPI operation object. */
export interface Operation {
  /** the route's operation tag (routes/<resource>/<action>.ts): documented only when the server serves it */
  readonly routeTag: string;
  readonly method: HttpMethod;
  /** OpenAPI path, `{param}` segments */
  readonly path: string;
  readonly object: Schema;
}

export interface OperationSpec {
  summary: string;
  description?: string;
  /** grouping in the reference (a collection name, or an admin area) */
  group: string;
  operationId: string;
  parameters?: Schema[];
  /** JSON body schema, plus an optional multipart form schema */
  body?: { json?: Schema; form?: Schema; required?: boolean };
  /** the success status and its response object */
  ok: [number, Schema];
  /** error statuses this operation answers besides 400/429 */
  errors?: number[];
  /** false when no token is needed */
  auth?: boolean;
  /** responses that differ from the shared ones, by status */
  responses?: Record<string, Schema>;
}

const pathParam = (name: string, description: string): Schema => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description,
});

/** The path parameters of `path` (`{collection}` etc.), described. */
function pathParams(path: string): Schema[] {
  const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
  return names.map((n) => pathParam(n, PATH_PARAM_TEXT[n] ?? n));
}

const PATH_PARAM_TEXT: Readonly<Record<string, string>> = {
  collection: 'collection id or name',
  id: 'record id',
  recordId: 'record id',
  filename: 'stored file name',
  key: 'backup file name',
  webhookId: 'webhook id (from the `webhooks` of a collection)',
  deliveryId: 'delivery id',
};

/** Builds an operation from a compact spec: shared errors, security and path parameters filled in. */
export function operation(routeTag: string, method: HttpMethod, path: string, spec: OperationSpec): Operation {
  const responses: Record<string, Schema> = { [String(spec.ok[0])]: spec.ok[1] };
  for (const status of [400, ...(spec.errors ?? []), 429]) responses[String(status)] = errorRef(status);
  Object.assign(responses, spec.responses);
  const object: Schema = {
    operationId: spec.operationId,
    summary: spec.summary,
    tags: [spec.group],
    parameters: [...pathParams(path), ...(spec.parameters ?? [])],
    responses,
  };
  if (spec.description) object.description = spec.description;
  if (spec.auth === false) object.security = [];
  if (spec.body) {
    const content: Record<string, Schema> = {};
    if (spec.body.json) content['application/json'] = { schema: spec.body.json };
    if (spec.body.form) content['multipart/form-data'] = { schema: spec.body.form };
    object.requestBody = { required: spec.body.required ?? true, content };
  }
  return { routeTag, method, path, object };
}

/** A 204 answer. */
export const NO_CONTENT: Schema = { description: 'Done (no body)' };
