import { confirmVerification } from '../../../core/auth/verification.js';
import { readBody } from '../../body.js';
import { sendNoContent } from '../../reply.js';
import { collectionParam, type RouteDefinition } from '../../route.js';
import { authCollection } from './collection.js';

const confirmVerificationRoute: RouteDefinition = {
  tag: 'auth.confirmVerification',
  method: 'POST',
  url: '/api/collections/:collection/confirm-verification',
  collection: collectionParam,
  rateLimitTags: ['confirmVerification'],
  async handler(req, reply, app) {
    authCollection(req);
    const { data } = await readBody(req);
    await confirmVerification(app, authCollection(req), data);
    return sendNoContent(reply);
  },
};

export default confirmVerificationRoute;
