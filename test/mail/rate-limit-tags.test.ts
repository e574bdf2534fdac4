import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Settings } from '../../src/core/settings/settings.js';
import { DIALECTS, startApp, type TestApp } from '../harness/index.js';

/** Each endpoint of the flows with its own rate-limit tag and a body it accepts or refuses cheaply. */
const ENDPOINTS: Array<[string, string, Record<string, unknown>]> = [
  ['request-verification', 'requestVerification', { email: 'nobody@example.com' }],
  ['confirm-verification', 'confirmVerification', { token: 'x' }],
  ['request-password-reset', 'requestPasswordReset', { email: 'nobody@example.com' }],
  ['confirm-password-reset', 'confirmPasswordReset', {}],
  ['request-email-change', 'requestEmailChange', {}],
  ['confirm-email-change', 'confirmEmailChange', {}],
  ['request-otp', 'requestOTP', { email: 'nobody@example.com' }],
  ['auth-with-otp', 'authWithOTP', {}],
  ['auth-with-otp', 'auth', {}],
];

for (const dialect of DIALECTS) {
  describe(`rate-limit tags of the auth flow endpoints (${dialect})`, () => {
    let env: TestApp;
    before(async () => {
      env = await startApp({ dialect });
    });
    after(() => env?.close());

    for (const [action, tag, body] of ENDPOINTS) {
      it(`${action} counts under users:${tag}`, async () => {
        const next = structuredClone(env.app.settings.get()) as Settings;
        next.rateLimits = {
          enabled: true,
          rules: [{ label: tag === 'auth' ? '*:auth' : `users:${tag}`, audience: '', duration: 600, maxRequests: 1 }],
        };
        env.app.settings.replace(next);
        const call = () =>
          env.server.inject({ method: 'POST', url: `/api/collections/users/${action}`, payload: body });
        const first = await call();
        assert.notEqual(first.statusCode, 429);
        const second = await call();
        assert.equal(second.statusCode, 429, `${action}: ${second.body}`);
        // another endpoint is not counted in the same bucket
        const other = await env.server.inject({ method: 'GET', url: '/api/health' });
        assert.equal(other.statusCode, 200);
      });
    }
  });
}
