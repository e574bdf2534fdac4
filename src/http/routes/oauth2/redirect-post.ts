import { readBody } from '../../body.js';
import type { RouteDefinition } from '../../route.js';
import { answerRedirect, redirectInput } from './forward.js';

/** Providers answering with `response_mode=form_post` (Apple) post the result here. */
const redirectPost: RouteDefinition = {
  tag: 'oauth2.redirectPost',
  method: 'POST',
  url: '/api/oauth2-redirect',
  async handler(req, reply, app) {
    const { data } = await readBody(req);
    return answerRedirect(app, reply, redirectInput(data, req.clientIp), 303);
  },
};

export default redirectPost;
