import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { issueToken } from '../../src/core/auth/tokens.js';
import { outboxOf } from '../../src/core/outbox/index.js';
import { findRecordById } from '../../src/core/records/lookup.js';
import { collection, json } from '../auth/helpers.js';
import {
  createUser,
  DIALECTS,
  linkToken,
  startApp,
  startSmtp,
  type TestApp,
  type TestSmtp,
  useSmtp,
} from '../harness/index.js';

for (const dialect of DIALECTS) {
  describe(`mail flows over HTTP with a real SMTP server (${dialect})`, () => {
    let env: TestApp;
    let smtp: TestSmtp;

    before(async () => {
      env = await startApp({ dialect });
      smtp = await startSmtp();
      useSmtp(env.app, smtp);
    });
    after(async () => {
      await env?.close();
      await smtp?.close();
    });

    const post = (url: string, payload: unknown = {}, authorization?: string) =>
      env.server.inject({
        method: 'POST',
        url,
        payload: payload as Record<string, unknown>,
        headers: authorization ? { authorization } : {},
      });
    const stored = async (id: string) => findRecordById(env.app.store, collection(env.app, 'users'), id);

    it('verification: request, mail with link, confirm, then nothing more to send', async () => {
      const ann = await createUser(env, 'ann@example.com');
      const res = await post('/api/collections/users/request-verification', { email: ann.email });
      assert.equal(res.statusCode, 204);
      assert.equal(res.body, '');
      const mail = await smtp.waitFor(ann.email);
      assert.equal(mail.subject, 'Verify your Basalt Test email');
      assert.match(mail.headers.from ?? '', /support@example\.com/);
      assert.match(mail.html, /href="http:\/\/app\.example\.test\/_\/#\/auth\/confirm-verification\//);
      const token = linkToken(mail, 'confirm-verification');
      assert.ok(mail.text.includes(token), 'the text part carries the link too');
      assert.equal(decodeJwt(token).type, 'verification');
      assert.equal((await stored(ann.id))?.verified, false, 'nothing changes before the confirmation');

      const ok = await post('/api/collections/users/confirm-verification', { token });
      assert.equal(ok.statusCode, 204);
      assert.equal((await stored(ann.id))?.verified, true);

      // verified now: answered the same, nothing sent
      const again = await post('/api/collections/users/request-verification', { email: ann.email });
      assert.equal(again.statusCode, 204);
      const bob = await createUser(env, 'bob@example.com');
      await post('/api/collections/users/request-verification', { email: bob.email });
      await smtp.waitFor(bob.email);
      assert.equal(smtp.to(ann.email).length, 1);
    });

    it('does not tell unknown emails apart and sends them nothing', async () => {
      const unknown = await post('/api/collections/users/request-verification', { email: 'nobody@example.com' });
      const reset = await post('/api/collections/users/request-password-reset', { email: 'nobody@example.com' });
      assert.equal(unknown.statusCode, 204);
      assert.equal(reset.statusCode, 204);
      const cid = await createUser(env, 'cid@example.com');
      await post('/api/collections/users/request-password-reset', { email: cid.email });
      await smtp.waitFor(cid.email);
      assert.equal(smtp.to('nobody@example.com').length, 0);
    });

    it('password reset: the new password works, old tokens and the reset token stop working', async () => {
      const dan = await createUser(env, 'dan@example.com');
      const res = await post('/api/collections/users/request-password-reset', { email: dan.email });
      assert.equal(res.statusCode, 204);
      const mail = await smtp.waitFor(dan.email);
      assert.equal(mail.subject, 'Reset your Basalt Test password');
      const token = linkToken(mail, 'confirm-password-reset');

      const mismatch = await post('/api/collections/users/confirm-password-reset', {
        token,
        password: 'new-password-1',
        passwordConfirm: 'other-password-1',
      });
      assert.equal(mismatch.statusCode, 400);
      assert.equal(json(mismatch).data.passwordConfirm.code, 'validation_values_mismatch');

      const ok = await post('/api/collections/users/confirm-password-reset', {
        token,
        password: 'new-password-1',
        passwordConfirm: 'new-password-1',
      });
      assert.equal(ok.statusCode, 204);
      const signIn = await post('/api/collections/users/auth-with-password', {
        identity: dan.email,
        password: 'new-password-1',
      });
      assert.equal(signIn.statusCode, 200);
      const oldPassword = await post('/api/collections/users/auth-with-password', {
        identity: dan.email,
        password: dan.password,
      });
      assert.equal(oldPassword.statusCode, 400);
      const refresh = await post('/api/collections/users/auth-refresh', {}, dan.token);
      assert.equal(refresh.statusCode, 401, 'the rotated tokenKey ends older sessions');
      const reused = await post('/api/collections/users/confirm-password-reset', {
        token,
        password: 'new-password-2',
        passwordConfirm: 'new-password-2',
      });
      assert.equal(reused.statusCode, 400);
      assert.equal(json(reused).data.token.code, 'validation_invalid_token');
      assert.equal((await stored(dan.id))?.verified, true, 'the emailed address is proven');
    });

    it('email change: mail to the new address, confirmed with the current password', async () => {
      const eve = await createUser(env, 'eve@example.com');
      await createUser(env, 'taken@example.com');
      const guest = await post('/api/collections/users/request-email-change', { newEmail: 'eve2@example.com' });
      assert.equal(guest.statusCode, 401);
      const taken = await post(
        '/api/collections/users/request-email-change',
        { newEmail: 'taken@example.com' },
        eve.token,
      );
      assert.equal(taken.statusCode, 400);
      assert.equal(json(taken).data.newEmail.code, 'validation_invalid_new_email');
      const bad = await post('/api/collections/users/request-email-change', { newEmail: 'not an email' }, eve.token);
      assert.equal(json(bad).data.newEmail.code, 'validation_is_email');

      const res = await post(
        '/api/collections/users/request-email-change',
        { newEmail: 'eve2@example.com' },
        eve.token,
      );
      assert.equal(res.statusCode, 204);
      const mail = await smtp.waitFor('eve2@example.com');
      assert.equal(smtp.to(eve.email).length, 0);
      const token = linkToken(mail, 'confirm-email-change');
      assert.equal(decodeJwt(token).newEmail, 'eve2@example.com');

      const wrong = await post('/api/collections/users/confirm-email-change', { token, password: 'wrong-password' });
      assert.equal(wrong.statusCode, 400);
      assert.equal(json(wrong).data.password.code, 'validation_invalid_password');
      assert.equal((await stored(eve.id))?.email, eve.email);

      const ok = await post('/api/collections/users/confirm-email-change', { token, password: eve.password });
      assert.equal(ok.statusCode, 204);
      const after = await stored(eve.id);
      assert.equal(after?.email, 'eve2@example.com');
      assert.equal(after?.verified, true);
      const reused = await post('/api/collections/users/confirm-email-change', { token, password: eve.password });
      assert.equal(json(reused).data.token.code, 'validation_invalid_token');
    });

    it('refuses expired, tampered, wrong-type and other-collection tokens and changes nothing', async () => {
      const fay = await createUser(env, 'fay@example.com');
      const users = collection(env.app, 'users');
      const record = await stored(fay.id);
      assert.ok(record);
      const verification = issueToken(env.app, users, record, 'verification', { email: fay.email });
      const expired = issueToken(env.app, users, record, 'verification', { email: fay.email }, 1);
      await new Promise((r) => setTimeout(r, 1100));
      const parts = verification.split('.');
      const tampered = `${parts[0]}.${Buffer.from(JSON.stringify({ ...decodeJwt(verification), id: 'x' })).toString('base64url')}.${parts[2]}`;
      const superusers = collection(env.app, '_superusers');
      await env.superuserToken();
      const root = await env.app.store.get<Record<string, unknown>>('SELECT * FROM "_superusers" LIMIT 1');
      const foreign = issueToken(env.app, superusers, { id: root?.id, tokenKey: root?.tokenKey }, 'verification', {
        email: 'root@example.com',
      });
      const table: Array<[string, string, string]> = [
        ['expired', expired, 'validation_invalid_token'],
        ['tampered', tampered, 'validation_invalid_token'],
        ['garbage', 'not-a-token', 'validation_invalid_token'],
        ['wrong type (auth)', fay.token, 'validation_invalid_token'],
        ['other collection', foreign, 'validation_token_collection_mismatch'],
        ['missing', '', 'validation_required'],
      ];
      for (const [name, token, code] of table) {
        const res = await post('/api/collections/users/confirm-verification', { token });
        assert.equal(res.statusCode, 400, name);
        assert.equal(json(res).data.token.code, code, name);
      }
      const asReset = await post('/api/collections/users/confirm-password-reset', {
        token: verification,
        password: 'new-password-1',
        passwordConfirm: 'new-password-1',
      });
      assert.equal(json(asReset).data.token.code, 'validation_invalid_token', 'a verification token cannot reset');
      const after = await stored(fay.id);
      assert.equal(after?.verified, false);
      assert.equal(after?.tokenKey, record.tokenKey);
      const superuser = await post('/api/collections/_superusers/request-verification', { email: 'root@example.com' });
      assert.equal(superuser.statusCode, 400);
      assert.equal(json(superuser).message, 'All superusers are verified by default.');
    });

    it('validates the request bodies with field errors', async () => {
      const cases: Array<[string, unknown, string, string]> = [
        ['request-verification', {}, 'email', 'validation_required'],
        ['request-verification', { email: 'nope' }, 'email', 'validation_is_email'],
        ['request-verification', { email: 'a@example.com\r\nBcc: x@evil.test' }, 'email', 'validation_is_email'],
        ['request-password-reset', { email: '"Ann" <ann@example.com>' }, 'email', 'validation_is_email'],
        [
          'confirm-password-reset',
          { token: 'x', password: 'short', passwordConfirm: 'short' },
          'password',
          'validation_length_out_of_range',
        ],
      ];
      for (const [action, body, field, code] of cases) {
        const res = await post(`/api/collections/users/${action}`, body);
        assert.equal(res.statusCode, 400, action);
        assert.equal(json(res).message, 'An error occurred while validating the submitted data.');
        assert.equal(json(res).data[field]?.code, code, `${action} ${JSON.stringify(body)}`);
      }
      const notAuth = await post('/api/collections/_mfas/request-verification', { email: 'a@example.com' });
      assert.equal(notAuth.statusCode, 404);
      const unknown = await post('/api/collections/nope/request-verification', { email: 'a@example.com' });
      assert.equal(unknown.statusCode, 404);
    });

    it('escapes values in the HTML body and keeps the subject on one line', async () => {
      const admin = await env.superuserToken();
      const patch = await env.server.inject({
        method: 'PATCH',
        url: '/api/collections/users',
        headers: { authorization: admin },
        payload: {
          verificationTemplate: {
            subject: 'Hello {RECORD:name} from {APP_NAME}',
            body: '<p>Hi {RECORD:name}, verify: <a href="{APP_URL}/_/#/auth/confirm-verification/{TOKEN}">link</a></p>',
          },
        },
      });
      assert.equal(patch.statusCode, 200, patch.body);
      const name = 'Gus <b>bold</b>\r\nBcc: thief@evil.test';
      const gus = await createUser(env, 'gus@example.com', { data: { name } });
      await post('/api/collections/users/request-verification', { email: gus.email });
      const mail = await smtp.waitFor(gus.email);
      assert.deepEqual(mail.to, [gus.email], 'no extra recipient');
      assert.equal(mail.headers.bcc, undefined);
      assert.equal(mail.subject, 'Hello Gus <b>bold</b> Bcc: thief@evil.test from Basalt Test');
      assert.match(mail.html, /Hi Gus &lt;b&gt;bold&lt;\/b&gt;/);
      assert.doesNotMatch(mail.html, /<b>bold/);
      assert.equal(smtp.to('thief@evil.test').length, 0);
    });

    it('impersonation: superusers only, a non-refreshable token of the chosen lifetime', async () => {
      const hal = await createUser(env, 'hal@example.com');
      const admin = await env.superuserToken();
      const denied = await post(`/api/collections/users/impersonate/${hal.id}`, {}, hal.token);
      assert.equal(denied.statusCode, 403);
      const guest = await post(`/api/collections/users/impersonate/${hal.id}`, {});
      assert.equal(guest.statusCode, 401);
      const missing = await post('/api/collections/users/impersonate/missingid123456', {}, admin);
      assert.equal(missing.statusCode, 404);
      const negative = await post(`/api/collections/users/impersonate/${hal.id}`, { duration: -1 }, admin);
      assert.equal(negative.statusCode, 400);
      const res = await post(`/api/collections/users/impersonate/${hal.id}`, { duration: 60 }, admin);
      assert.equal(res.statusCode, 200);
      const body = json(res);
      assert.equal(body.record.id, hal.id);
      const claims = decodeJwt(body.token);
      assert.equal(claims.refreshable, false);
      assert.ok(Math.abs(Number(claims.exp) - (Math.floor(Date.now() / 1000) + 60)) <= 5);
      const refreshed = await post('/api/collections/users/auth-refresh', {}, body.token);
      assert.equal(refreshed.statusCode, 200);
      assert.equal(json(refreshed).token, body.token, 'handed back unchanged');
    });

    it('sends a login alert when a record signs in from a new device', async () => {
      const ivy = await createUser(env, 'ivy@example.com');
      const signIn = (ua: string) =>
        env.server.inject({
          method: 'POST',
          url: '/api/collections/users/auth-with-password',
          headers: { 'user-agent': ua },
          payload: { identity: ivy.email, password: ivy.password },
        });
      assert.equal((await signIn('Browser A')).statusCode, 200);
      assert.equal((await signIn('Browser A')).statusCode, 200);
      assert.equal((await signIn('Browser B')).statusCode, 200);
      const alert = await smtp.waitFor(ivy.email);
      assert.equal(alert.subject, 'Login from a new location');
      assert.match(alert.text, /Browser B/);
      const origins = await env.app.store.all('SELECT * FROM "_authOrigins" WHERE "recordRef" = ?', [ivy.id]);
      assert.equal(origins.length, 2);
    });

    it('keeps a queued mail through SMTP failures and sends it once the server accepts', async () => {
      outboxOf(env.app).options.retry.baseMs = 100;
      const jay = await createUser(env, 'jay@example.com');
      smtp.refuse(2);
      const before = smtp.refused;
      const res = await post('/api/collections/users/request-password-reset', { email: jay.email });
      assert.equal(res.statusCode, 204, 'the request never waits for SMTP');
      const mail = await smtp.waitFor(jay.email);
      assert.equal(smtp.refused - before, 2);
      assert.equal(smtp.to(jay.email).length, 1);
      // the SMTP server answered; the worker records the outcome right after
      await outboxOf(env.app).idle();
      const rows = await env.app.store.all<Record<string, unknown>>(
        `SELECT "status", "attempts", "payload" FROM "_outbox" WHERE "status" = 'sent'`,
      );
      const row = rows.find((r) => String(r.payload).includes(jay.email));
      assert.equal(row?.status, 'sent');
      assert.equal(Number(row?.attempts), 3);
      assert.ok(mail.headers['message-id']);
    });

    it('POST /api/settings/test/email sends each template for real', async () => {
      const admin = await env.superuserToken();
      const templates = ['verification', 'password-reset', 'email-change', 'otp', 'login-alert'];
      for (const template of templates) {
        const res = await post(
          '/api/settings/test/email',
          { email: 'tester@example.com', template, collection: 'users' },
          admin,
        );
        assert.equal(res.statusCode, 204, `${template}: ${res.body}`);
      }
      for (let i = 1; i <= templates.length; i++) await smtp.waitFor('tester@example.com', i);
      const subjects = smtp.to('tester@example.com').map((m) => m.subject);
      assert.ok(subjects.includes('OTP for Basalt Test'));
      assert.ok(subjects.includes('Login from a new location'));
      const bad = await post('/api/settings/test/email', { email: 'tester@example.com', template: 'nope' }, admin);
      assert.equal(bad.statusCode, 400);
      assert.equal(json(bad).data.template.code, 'validation_in_invalid');
      const user = await createUser(env, 'kim@example.com');
      const forbidden = await post('/api/settings/test/email', { email: 'a@example.com', template: 'otp' }, user.token);
      assert.equal(forbidden.statusCode, 403);
    });
  });
}
