import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { renderTemplate } from '../../src/core/mail/render.js';
import { outboxOf } from '../../src/core/outbox/index.js';
import { headerText, sanitizeMessage } from '../../src/mail/address.js';
import { htmlToMailText } from '../../src/mail/text-body.js';
import { createUser, DIALECTS, parseMail, startApp, type TestApp } from '../harness/index.js';

describe('mail rendering and header safety', () => {
  it('escapes values in the body, keeps them as text in the subject, hides secrets', () => {
    const out = renderTemplate(
      { subject: 'Hi {RECORD:name} {APP_NAME}', body: '<p>{RECORD:name} {RECORD:password} {TOKEN} {UNKNOWN}</p>' },
      { APP_NAME: 'A&B', TOKEN: 't"k' },
      { name: '<i>x</i>', password: 'hash' },
    );
    assert.equal(out.subject, 'Hi <i>x</i> A&B');
    assert.equal(out.html, '<p>&lt;i&gt;x&lt;/i&gt; {RECORD:password} t&quot;k {UNKNOWN}</p>');
    assert.equal(out.text, '<i>x</i> {RECORD:password} t"k {UNKNOWN}');
  });

  it('writes links into the text alternative, one line per paragraph', () => {
    const text = htmlToMailText(
      '<p>Hello,</p><p><a href="https://x.test/a?b=1&amp;c=2">Verify</a></p><p>Bye<br/>team</p>',
    );
    assert.equal(text, 'Hello,\nVerify (https://x.test/a?b=1&c=2)\nBye\nteam');
  });

  it('never lets a line break into a header', () => {
    assert.equal(headerText('Hi\r\nBcc: evil@x.test'), 'Hi Bcc: evil@x.test');
    const safe = sanitizeMessage({
      from: { name: 'Support\r\nX-Evil: 1', address: 'support@example.com' },
      to: [{ address: 'ann@example.com', name: 'Ann\nBcc: x@y.z' }],
      subject: 'a\r\nb',
      html: '',
      text: '',
    });
    assert.equal(safe.subject, 'a b');
    assert.equal(safe.from.name, 'Support X-Evil: 1');
    assert.equal(safe.to[0]?.name, 'Ann Bcc: x@y.z');
    for (const address of ['a@b.c\r\nBcc: x@y.z', 'Ann <ann@example.com>', 'no-at-sign', 'a@b.c,d@e.f']) {
      assert.throws(() =>
        sanitizeMessage({ from: { address: 's@example.com' }, to: [{ address }], subject: '', html: '', text: '' }),
      );
    }
  });
});

for (const dialect of DIALECTS) {
  describe(`development mailer while SMTP is off (${dialect})`, () => {
    let env: TestApp;
    before(async () => {
      env = await startApp({ dialect });
    });
    after(() => env?.close());

    it('writes each message to <dataDir>/mail/ as a readable .eml file', async () => {
      const ann = await createUser(env, 'ann@example.com', { data: { name: 'Ann Ünicode' } });
      const res = await env.server.inject({
        method: 'POST',
        url: '/api/collections/users/request-verification',
        payload: { email: ann.email },
      });
      assert.equal(res.statusCode, 204);
      const dir = join(env.dir, 'mail');
      const t0 = Date.now();
      while (!(existsSync(dir) && readdirSync(dir).length > 0)) {
        if (Date.now() - t0 > 15_000) throw new Error('no mail file written');
        await new Promise((r) => setTimeout(r, 20));
      }
      await outboxOf(env.app).idle();
      const [file] = readdirSync(dir);
      assert.match(file ?? '', /\.eml$/);
      const mail = parseMail(readFileSync(join(dir, file ?? ''), 'utf8'));
      assert.equal(mail.subject, 'Verify your Acme email');
      assert.match(mail.headers.to ?? '', /ann@example\.com/);
      assert.match(mail.html, /confirm-verification\//);
      assert.match(mail.text, /confirm-verification\//);
    });
  });
}
