import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { issueAuthToken } from '../../src/core/auth/tokens.js';
import { outboxOf } from '../../src/core/outbox/index.js';
import { findRecordById } from '../../src/core/records/lookup.js';
import { collection, json } from '../auth/helpers.js';
import {
  createUser,
  DIALECTS,
  otpCode,
  startApp,
  startSmtp,
  type TestApp,
  type TestSmtp,
  useSmtp,
} from '../harness/index.js';

for (const dialect of DIALECTS) {
  describe(`OTP and MFA with a real SMTP server (${dialect})`, () => {
    let env: TestApp;
    let smtp: TestSmtp;
    let admin: string;

    const post = (url: string, payload: unknown = {}, headers: Record<string, string> = {}) =>
      env.server.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, headers });
    const patchUsers = async (payload: Record<string, unknown>) => {
      const res = await env.server.inject({
        method: 'PATCH',
        url: '/api/collections/users',
        headers: { authorization: admin },
        payload,
      });
      assert.equal(res.statusCode, 200, res.body);
    };

    before(async () => {
      env = await startApp({ dialect });
      smtp = await startSmtp();
      useSmtp(env.app, smtp);
      admin = await env.superuserToken();
    });
    after(async () => {
      await env?.close();
      await smtp?.close();
    });

    it('refuses OTP while it is disabled', async () => {
      const res = await post('/api/collections/users/request-otp', { email: 'a@example.com' });
      assert.equal(res.statusCode, 403);
      assert.equal(json(res).message, 'The collection is not configured to allow OTP authentication.');
      const auth = await post('/api/collections/users/auth-with-otp', { otpId: 'x', password: 'y' });
      assert.equal(auth.statusCode, 403);
    });

    it('signs in with an emailed code, once; verifies the address', async () => {
      await patchUsers({ otp: { enabled: true, duration: 180, length: 6 } });
      const ann = await createUser(env, 'ann@example.com');
      const res = await post('/api/collections/users/request-otp', { email: ann.email });
      assert.equal(res.statusCode, 200);
      const { otpId } = json(res);
      assert.match(otpId, /^[a-z0-9]{15}$/);
      const mail = await smtp.waitFor(ann.email);
      assert.equal(mail.subject, 'OTP for Basalt Test');
      const code = otpCode(mail);
      assert.equal(code.length, 6);
      const signIn = await post('/api/collections/users/auth-with-otp', { otpId, password: code });
      assert.equal(signIn.statusCode, 200, signIn.body);
      assert.equal(json(signIn).record.id, ann.id);
      assert.equal(json(signIn).record.verified, true);
      const reused = await post('/api/collections/users/auth-with-otp', { otpId, password: code });
      assert.equal(reused.statusCode, 400);
      assert.equal(json(reused).message, 'Invalid or expired OTP.');
    });

    it('answers unknown emails with an id of the same shape and sends nothing', async () => {
      const res = await post('/api/collections/users/request-otp', { email: 'nobody@example.com' });
      assert.equal(res.statusCode, 200);
      assert.match(json(res).otpId, /^[a-z0-9]{15}$/);
      const use = await post('/api/collections/users/auth-with-otp', { otpId: json(res).otpId, password: '123456' });
      assert.equal(use.statusCode, 400);
      const bad = await post('/api/collections/users/request-otp', { email: 'x\r\n@example.com' });
      assert.equal(json(bad).data.email.code, 'validation_is_email');
      const empty = await post('/api/collections/users/auth-with-otp', {});
      assert.deepEqual(Object.keys(json(empty).data).sort(), ['otpId', 'password']);
      assert.equal(smtp.to('nobody@example.com').length, 0);
    });

    it('stops code guessing after 5 attempts, even with rate limits off', async () => {
      const bob = await createUser(env, 'bob@example.com');
      const res = await post('/api/collections/users/request-otp', { email: bob.email });
      const { otpId } = json(res);
      const code = otpCode(await smtp.waitFor(bob.email));
      const wrong = code === '000000' ? '111111' : '000000';
      for (let i = 0; i < 5; i++) {
        const guess = await post('/api/collections/users/auth-with-otp', { otpId, password: wrong });
        assert.equal(guess.statusCode, 400);
      }
      const blocked = await post('/api/collections/users/auth-with-otp', { otpId, password: code });
      assert.equal(blocked.statusCode, 429);
      assert.equal(json(blocked).message, 'Too many attempts, please try again later with a new OTP.');
    });

    it('drops an OTP whose mail fails for good, and never fails the request', async () => {
      const worker = outboxOf(env.app);
      const saved = { ...worker.options.retry };
      worker.options.retry.baseMs = 50;
      worker.options.retry.maxAttempts = 2;
      try {
        const hal = await createUser(env, 'hal@example.com');
        smtp.refuse(2);
        const res = await post('/api/collections/users/request-otp', { email: hal.email });
        assert.equal(res.statusCode, 200);
        const { otpId } = json(res);
        const t0 = Date.now();
        for (;;) {
          const row = await env.app.store.get('SELECT 1 AS found FROM "_otps" WHERE "id" = ?', [otpId]);
          if (!row) break;
          if (Date.now() - t0 > 15_000) throw new Error('the OTP was kept');
          await new Promise((r) => setTimeout(r, 20));
        }
        const failed = await env.app.store.all<Record<string, unknown>>(
          `SELECT "status", "attempts", "lastError" FROM "_outbox" WHERE "status" = 'failed'`,
        );
        assert.equal(failed.length, 1);
        assert.equal(Number(failed[0]?.attempts), 2);
        assert.match(String(failed[0]?.lastError), /Try again later/);
        assert.equal(smtp.to(hal.email).length, 0);
      } finally {
        worker.options.retry = saved;
      }
    });

    it('MFA: password then emailed code; the mfaId is single-use and bound to its record', async () => {
      await patchUsers({ mfa: { enabled: true, duration: 1800, rule: '' } });
      const cid = await createUser(env, 'cid@example.com');
      const dan = await createUser(env, 'dan@example.com');
      const first = await post('/api/collections/users/auth-with-password', {
        identity: cid.email,
        password: cid.password,
      });
      assert.equal(first.statusCode, 401);
      const { mfaId } = json(first);
      assert.deepEqual(Object.keys(json(first)), ['mfaId']);

      const same = await post(`/api/collections/users/auth-with-password?mfaId=${mfaId}`, {
        identity: cid.email,
        password: cid.password,
      });
      assert.equal(same.statusCode, 400);
      assert.equal(json(same).message, 'A different authentication method is required.');

      const danFirst = await post('/api/collections/users/auth-with-password', {
        identity: dan.email,
        password: dan.password,
      });
      const danOtp = json(await post('/api/collections/users/request-otp', { email: dan.email })).otpId;
      const danCode = otpCode(await smtp.waitFor(dan.email));
      const stolen = await post('/api/collections/users/auth-with-otp', { otpId: danOtp, password: danCode, mfaId });
      assert.equal(stolen.statusCode, 400);
      assert.equal(json(stolen).message, 'Invalid MFA session.');
      assert.equal(json(danFirst).mfaId === mfaId, false);

      const otpRes = await post('/api/collections/users/request-otp', { email: cid.email });
      const code = otpCode(await smtp.waitFor(cid.email));
      const second = await post('/api/collections/users/auth-with-otp', {
        otpId: json(otpRes).otpId,
        password: code,
        mfaId,
      });
      assert.equal(second.statusCode, 200, second.body);
      assert.equal(json(second).record.id, cid.id);
      assert.ok(json(second).token);

      const again = await post(`/api/collections/users/auth-with-password?mfaId=${mfaId}`, {
        identity: cid.email,
        password: cid.password,
      });
      assert.equal(again.statusCode, 400);
      assert.equal(json(again).message, 'Invalid or expired MFA session.');
    });

    it('MFA follows mfa.rule', async () => {
      await patchUsers({ mfa: { enabled: true, duration: 1800, rule: "email ~ '@strict.test'" } });
      const eve = await createUser(env, 'eve@example.com');
      const fay = await createUser(env, 'fay@strict.test');
      const free = await post('/api/collections/users/auth-with-password', {
        identity: eve.email,
        password: eve.password,
      });
      assert.equal(free.statusCode, 200);
      const strict = await post('/api/collections/users/auth-with-password', {
        identity: fay.email,
        password: fay.password,
      });
      assert.equal(strict.statusCode, 401);
      await patchUsers({ mfa: { enabled: false, duration: 1800, rule: '' } });
    });

    it('checks authRule at sign-in and at refresh', async () => {
      const gus = await createUser(env, 'gus@example.com');
      await patchUsers({ authRule: 'verified = true' });
      const denied = await post('/api/collections/users/auth-with-password', {
        identity: gus.email,
        password: gus.password,
      });
      assert.equal(denied.statusCode, 403);
      // the rule change rotated the auth secret: a token issued now
      const users = collection(env.app, 'users');
      const record = await findRecordById(env.app.store, users, gus.id);
      assert.ok(record);
      const token = issueAuthToken(env.app, users, record);
      const refresh = await post('/api/collections/users/auth-refresh', {}, { authorization: token });
      assert.equal(refresh.statusCode, 403);
      await patchUsers({ authRule: '' });
    });
  });
}
