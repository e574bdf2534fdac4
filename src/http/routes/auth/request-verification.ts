import { requestVerification } from '../../../core/auth/verification.js';
import { readBody } from '../../body.js';
import { sendNoContent } from '../../reply.js';
import { collectionParam, type RouteDefinition } from '../../route.js';
import { authCollection } from './collection.js';

const requestVerificationRoute: RouteDefinition = {
  tag: 'auth.requestVerification',
  method: 'POST',
  url: '/api/collections/:collection/request-verification',
  collection: collectionParam,
  rateLimitTags: ['requestVerification'],
  async handler(req, reply, app) {
    authCollection(req);
    const { data } = await readBody(req);
    await requestVerification(app, authCollection(req), data);
    return sendNoContent(reply);
  },
};

export default requestVerificationRoute;
