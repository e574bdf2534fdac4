import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import PocketBase, { ClientResponseError } from 'pocketbase';
import {
  DIALECTS,
  linkToken,
  otpCode,
  startApp,
  startSmtp,
  TEST_SUPERUSER,
  type TestApp,
  type TestSmtp,
  useSmtp,
} from '../harness/index.js';

/** The mfaId of the SDK error thrown by a first factor. */
async function mfaIdOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (err) {
    assert.ok(err instanceof ClientResponseError);
    assert.equal(err.status, 401);
    return String(err.response.mfaId);
  }
  throw new Error('the first factor did not ask for a second one');
}

for (const dialect of DIALECTS) {
  describe(`auth flows through the SDK and a real SMTP server (${dialect})`, () => {
    let env: TestApp;
    let smtp: TestSmtp;
    let pb: PocketBase;
    const email = 'nina@example.com';
    let password = 'nina-password-1';

    before(async () => {
      env = await startApp({ dialect });
      smtp = await startSmtp();
      useSmtp(env.app, smtp);
      pb = new PocketBase(env.url);
      pb.autoCancellation(false);
    });
    after(async () => {
      await env?.close();
      await smtp?.close();
    });

    it('signs up, receives the verification mail and verifies', async () => {
      await pb.collection('users').create({ email, password, passwordConfirm: password });
      assert.equal(await pb.collection('users').requestVerification(email), true);
      const token = linkToken(await smtp.waitFor(email), 'confirm-verification');
      assert.equal(await pb.collection('users').confirmVerification(token), true);
      const auth = await pb.collection('users').authWithPassword(email, password);
      assert.equal(auth.record.verified, true);
      pb.authStore.clear();
    });

    it('resets a forgotten password', async () => {
      assert.equal(await pb.collection('users').requestPasswordReset(email), true);
      const token = linkToken(await smtp.waitFor(email, 2), 'confirm-password-reset');
      password = 'nina-password-2';
      assert.equal(await pb.collection('users').confirmPasswordReset(token, password, password), true);
      const auth = await pb.collection('users').authWithPassword(email, password);
      assert.ok(auth.token);
    });

    it('changes the email', async () => {
      assert.equal(await pb.collection('users').requestEmailChange('nina2@example.com'), true);
      const token = linkToken(await smtp.waitFor('nina2@example.com'), 'confirm-email-change');
      assert.equal(await pb.collection('users').confirmEmailChange(token, password), true);
      assert.equal(pb.authStore.isValid, false, 'the SDK signs out the changed record');
      const auth = await pb.collection('users').authWithPassword('nina2@example.com', password);
      assert.equal(auth.record.email, 'nina2@example.com');
      pb.authStore.clear();
    });

    it('signs in with an emailed code, then with MFA (password, then code)', async () => {
      const admin = new PocketBase(env.url);
      await env.superuserToken();
      await admin.collection('_superusers').authWithPassword(TEST_SUPERUSER.email, TEST_SUPERUSER.password);
      await admin.collections.update('users', { otp: { enabled: true, duration: 300, length: 8 } });

      const { otpId } = await pb.collection('users').requestOTP('nina2@example.com');
      const code = otpCode(await smtp.waitFor('nina2@example.com', 2));
      const auth = await pb.collection('users').authWithOTP(otpId, code);
      assert.equal(auth.record.email, 'nina2@example.com');
      pb.authStore.clear();

      await admin.collections.update('users', { mfa: { enabled: true, duration: 600, rule: '' } });
      const mfaId = await mfaIdOf(pb.collection('users').authWithPassword('nina2@example.com', password));
      const second = await pb.collection('users').requestOTP('nina2@example.com');
      const code2 = otpCode(await smtp.waitFor('nina2@example.com', 3));
      const done = await pb.collection('users').authWithOTP(second.otpId, code2, { mfaId });
      assert.equal(done.record.email, 'nina2@example.com');
      assert.ok(pb.authStore.isValid);
      await admin.collections.update('users', { mfa: { enabled: false } });
      pb.authStore.clear();
    });

    it('lets a superuser impersonate a user', async () => {
      const admin = new PocketBase(env.url);
      await admin.collection('_superusers').authWithPassword(TEST_SUPERUSER.email, TEST_SUPERUSER.password);
      const user = await admin.collection('users').getFirstListItem('email = "nina2@example.com"');
      const client = await admin.collection('users').impersonate(user.id, 120);
      assert.equal(client.authStore.record?.id, user.id);
      const mine = await client.collection('users').getOne(user.id);
      assert.equal(mine.email, 'nina2@example.com');
      await assert.rejects(
        pb.collection('users').impersonate(user.id, 60),
        (err: ClientResponseError) => err.status === 401,
      );
    });
  });
}
