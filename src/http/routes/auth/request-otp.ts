import { assertOtpEnabled, requestOtp } from '../../../core/auth/otp.js';
import { readBody } from '../../body.js';
import { sendJson } from '../../reply.js';
import { collectionParam, type RouteDefinition } from '../../route.js';
import { authCollection } from './collection.js';

const requestOtpRoute: RouteDefinition = {
  tag: 'auth.requestOtp',
  method: 'POST',
  url: '/api/collections/:collection/request-otp',
  collection: collectionParam,
  rateLimitTags: ['requestOTP'],
  async handler(req, reply, app) {
    const collection = authCollection(req);
    assertOtpEnabled(collection);
    const { data } = await readBody(req);
    return sendJson(req, reply, await requestOtp(app, collection, data));
  },
};

export default requestOtpRoute;
