import type { RouteDefinition } from '../../route.js';
import { sendReferenceAsset } from './reference.js';

/**
 * The API reference (Swagger UI over /api/openapi.json) at /_/docs, from files shipped with the
 * server (the router takes `/_/docs/` here too).
 */
const referenceRoot: RouteDefinition = {
  tag: 'docs.reference',
  method: 'GET',
  url: '/_/docs',
  handler: (req, reply) => sendReferenceAsset('', req, reply),
};

export default referenceRoot;
