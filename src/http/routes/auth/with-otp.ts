import { authWithOtp } from '../../../core/auth/auth-with-otp.js';
import { assertOtpEnabled } from '../../../core/auth/otp.js';
import { readBody } from '../../body.js';
import { requestInfoOf } from '../../context.js';
import { sendJson } from '../../reply.js';
import { collectionParam, type RouteDefinition } from '../../route.js';
import { authCollection } from './collection.js';

const withOtp: RouteDefinition = {
  tag: 'auth.withOtp',
  method: 'POST',
  url: '/api/collections/:collection/auth-with-otp',
  collection: collectionParam,
  rateLimitTags: ['authWithOTP', 'auth'],
  async handler(req, reply, app) {
    const collection = authCollection(req);
    assertOtpEnabled(collection);
    const { data } = await readBody(req);
    const result = await authWithOtp(app, collection, data, requestInfoOf(req, data, 'otp'));
    return sendJson(req, reply, result);
  },
};

export default withOtp;
