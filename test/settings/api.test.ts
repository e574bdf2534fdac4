import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readStoredSettings } from '../../src/core/settings/persist.js';
import { defaultSettings } from '../../src/core/settings/settings.js';
import { createUser, DIALECTS, startApp, type TestApp } from '../harness/index.js';
import { runScenario, type Scenario } from '../harness/scenario.js';

const SAVE_FAILED = 'An error occurred while saving the new settings.';

/** The defaults as GET shows them (spec §5.1): the three secrets left out entirely. */
const PUBLIC_DEFAULTS = {
  smtp: {
    enabled: false,
    port: 587,
    host: 'smtp.example.com',
    username: '',
    authMethod: '',
    tls: false,
    localName: '',
  },
  backups: {
    cron: '',
    cronMaxKeep: 3,
    s3: { enabled: false, bucket: '', region: '', endpoint: '', accessKey: '', forcePathStyle: false },
    drillCron: '',
  },
  s3: { enabled: false, bucket: '', region: '', endpoint: '', accessKey: '', forcePathStyle: false },
  meta: {
    appName: 'Acme',
    appURL: 'http://localhost:8090',
    senderName: 'Support',
    senderAddress: 'support@example.com',
    hideControls: false,
  },
  rateLimits: {
    rules: [
      { label: '*:auth', audience: '', duration: 3, maxRequests: 2 },
      { label: '*:create', audience: '', duration: 5, maxRequests: 20 },
      { label: '/api/batch', audience: '', duration: 1, maxRequests: 3 },
      { label: '/api/', audience: '', duration: 10, maxRequests: 300 },
    ],
    enabled: false,
  },
  trustedProxy: { headers: [], useLeftmostIP: false },
  twoPersonRule: { enabled: false, approvalTimeout: 86400 },
  batch: { enabled: false, maxRequests: 50, timeout: 3, maxBodySize: 0 },
  logs: { maxDays: 5, minLevel: 0, logIP: true, logAuthId: false },
  metrics: { enabled: true },
  webhooks: { allowPrivateAddresses: false, timeout: 10, maxDays: 7 },
};

const SECRETS = ['smtp.password', 's3.secret', 'backups.s3.secret', 'metrics.token'];

const rule = (label: string, audience = '', duration = 10, maxRequests = 5) => ({
  label,
  audience,
  duration,
  maxRequests,
});

const s3On = {
  enabled: true,
  bucket: 'b',
  region: 'r',
  endpoint: 'https://s3.example.com',
  accessKey: 'k',
  secret: 's',
};

/** Bodies that must be refused, each with the field errors (codes) the 400 carries. */
const INVALID: Array<{ name: string; body: unknown; data: unknown }> = [
  { name: 'unknown top-level key', body: { nope: 1 }, data: { nope: { code: 'validation_unknown_key' } } },
  {
    name: 'unknown nested key',
    body: { meta: { appName: 'x', colour: 'red' } },
    data: { meta: { colour: { code: 'validation_unknown_key' } } },
  },
  { name: 'section not an object', body: { meta: 'x' }, data: { meta: { code: 'validation_invalid_value' } } },
  { name: 'section null', body: { smtp: null }, data: { smtp: { code: 'validation_invalid_value' } } },
  {
    name: 'string for a boolean',
    body: { smtp: { enabled: 'yes' } },
    data: { smtp: { enabled: { code: 'validation_invalid_value', message: 'Must be a boolean.' } } },
  },
  {
    name: 'text for a number',
    body: { smtp: { port: '25' } },
    data: { smtp: { port: { code: 'validation_invalid_value', message: 'Must be an integer.' } } },
  },
  {
    name: 'fraction for an integer',
    body: { logs: { maxDays: 1.5 } },
    data: { logs: { maxDays: { message: 'Must be an integer.' } } },
  },
  {
    name: 'number for a text',
    body: { meta: { appName: 5 } },
    data: { meta: { appName: { message: 'Must be a string.' } } },
  },
  {
    name: 'headers not a list',
    body: { trustedProxy: { headers: 'X-Real-IP' } },
    data: { trustedProxy: { headers: { message: 'Must be a list of strings.' } } },
  },
  {
    name: 'header not a string',
    body: { trustedProxy: { headers: ['X-Real-IP', 7] } },
    data: { trustedProxy: { headers: { 1: { message: 'Must be a string.' } } } },
  },
  {
    name: 'header name with spaces',
    body: { trustedProxy: { headers: ['X Real IP'] } },
    data: { trustedProxy: { headers: { 0: { code: 'validation_match_invalid' } } } },
  },
  {
    name: 'too many headers',
    body: { trustedProxy: { headers: Array.from({ length: 21 }, (_, i) => `X-H${i}`) } },
    data: { trustedProxy: { headers: { code: 'validation_length_too_long' } } },
  },
  {
    name: 'too many rules',
    body: { rateLimits: { rules: Array.from({ length: 101 }, (_, i) => rule(`tag${i}`)) } },
    data: { rateLimits: { rules: { code: 'validation_length_too_long' } } },
  },
  {
    name: 'rule not an object',
    body: { rateLimits: { rules: ['x'] } },
    data: { rateLimits: { rules: { 0: { code: 'validation_invalid_value' } } } },
  },
  {
    name: 'rule with an unknown key',
    body: { rateLimits: { rules: [{ ...rule('/api/'), burst: 3 }] } },
    data: { rateLimits: { rules: { 0: { burst: { code: 'validation_unknown_key' } } } } },
  },
  {
    name: 'over-long text',
    body: { smtp: { username: 'u'.repeat(5000) } },
    data: { smtp: { username: { code: 'validation_length_too_long' } } },
  },
  {
    name: 'meta: blank and malformed',
    body: { meta: { appName: '', appURL: 'not a url', senderName: 'n'.repeat(256), senderAddress: 'nobody' } },
    data: {
      meta: {
        appName: { code: 'validation_required' },
        appURL: { code: 'validation_invalid_url' },
        senderName: { code: 'validation_length_out_of_range' },
        senderAddress: { code: 'validation_is_email' },
      },
    },
  },
  {
    name: 'meta: required url and address',
    body: { meta: { appURL: '', senderAddress: '' } },
    data: { meta: { appURL: { code: 'validation_required' }, senderAddress: { code: 'validation_required' } } },
  },
  {
    name: 'smtp enabled without host and port, bad auth method',
    body: { smtp: { enabled: true, host: '', port: 0, authMethod: 'CRAM-MD5' } },
    data: {
      smtp: {
        host: { code: 'validation_required' },
        port: { code: 'validation_required' },
        authMethod: { code: 'validation_in_invalid' },
      },
    },
  },
  {
    name: 'smtp host with a scheme, port out of range',
    body: { smtp: { host: 'smtp://mail.example.com', port: 70000 } },
    data: { smtp: { host: { code: 'validation_is_host' }, port: { code: 'validation_max_less_equal_than_required' } } },
  },
  {
    name: 's3 enabled with nothing set',
    body: { s3: { enabled: true, endpoint: '', bucket: '', region: '', accessKey: '', secret: '' } },
    data: {
      s3: {
        endpoint: { code: 'validation_required' },
        bucket: { code: 'validation_required' },
        region: { code: 'validation_required' },
        accessKey: { code: 'validation_required' },
        secret: { code: 'validation_required' },
      },
    },
  },
  {
    name: 'backups s3 with a bad endpoint',
    body: { backups: { s3: { ...s3On, endpoint: 'nope' } } },
    data: { backups: { s3: { endpoint: { code: 'validation_invalid_url' } } } },
  },
  {
    name: 'invalid cron expression',
    body: { backups: { cron: '61 * * * *' } },
    data: { backups: { cron: { code: 'validation_invalid_cron' } } },
  },
  {
    name: 'six-field cron expression',
    body: { backups: { cron: '0 0 0 * * *' } },
    data: { backups: { cron: { code: 'validation_invalid_cron' } } },
  },
  {
    name: 'cron without anything to keep',
    body: { backups: { cron: '0 3 * * *', cronMaxKeep: 0 } },
    data: { backups: { cronMaxKeep: { code: 'validation_required' } } },
  },
  {
    name: 'batch enabled with zero limits, negative body size',
    body: { batch: { enabled: true, maxRequests: 0, timeout: -1, maxBodySize: -5 } },
    data: {
      batch: {
        maxRequests: { code: 'validation_required' },
        timeout: { code: 'validation_min_greater_equal_than_required' },
        maxBodySize: { code: 'validation_min_greater_equal_than_required' },
      },
    },
  },
  {
    name: 'negative log retention',
    body: { logs: { maxDays: -1 } },
    data: { logs: { maxDays: { code: 'validation_min_greater_equal_than_required' } } },
  },
  {
    name: 'rate limits enabled without rules',
    body: { rateLimits: { enabled: true, rules: [] } },
    data: { rateLimits: { rules: { code: 'validation_required' } } },
  },
  {
    name: 'rate limit rules: bad label, audience, duration and count',
    body: {
      rateLimits: {
        rules: [rule('bad label!'), rule('/api/', '@admin'), rule('/a', '', 0, -1), rule('', '', -2, 1)],
      },
    },
    data: {
      rateLimits: {
        rules: {
          0: { label: { code: 'validation_match_invalid' } },
          1: { audience: { code: 'validation_in_invalid' } },
          2: {
            duration: { code: 'validation_required' },
            maxRequests: { code: 'validation_min_greater_equal_than_required' },
          },
          3: {
            label: { code: 'validation_required' },
            duration: { code: 'validation_min_greater_equal_than_required' },
          },
        },
      },
    },
  },
  {
    name: 'the same label and audience twice',
    body: { rateLimits: { rules: [rule('posts:create', '@auth'), rule('/api/'), rule('posts:create', '@auth')] } },
    data: {
      rateLimits: {
        rules: {
          2: {
            label: {
              code: 'validation_conflicting_rate_limit_rule',
              message:
                'Rate limit rule configuration with label posts:create already exists or conflicts with another rule.',
            },
          },
        },
      },
    },
  },
  {
    name: 'a label for everyone beside the same label for guests',
    body: { rateLimits: { rules: [rule('GET /api/x', '@guest'), rule('GET /api/x', '')] } },
    data: { rateLimits: { rules: { 1: { label: { code: 'validation_conflicting_rate_limit_rule' } } } } },
  },
  {
    name: 'a label for everyone before the same label for signed-in users',
    body: { rateLimits: { rules: [rule('*:auth'), rule('*:auth', '@auth')] } },
    data: { rateLimits: { rules: { 1: { label: { code: 'validation_conflicting_rate_limit_rule' } } } } },
  },
];

for (const dialect of DIALECTS) {
  describe(`settings API (${dialect})`, () => {
    let t: TestApp;
    const tokens: Record<string, string> = {};
    const run = (s: Scenario) => runScenario(t, s, tokens);
    /** the settings row as stored, secrets included */
    const stored = () => readStoredSettings(t.app);

    before(async () => {
      t = await startApp({ dialect });
      tokens.super = await t.superuserToken();
      tokens.user = (await createUser(t, 'user@example.com')).token;
    });
    after(() => t?.close());

    it('is for superusers only', async () => {
      for (const method of ['GET', 'PATCH'] as const) {
        const body = method === 'PATCH' ? { meta: { appName: 'Guessed' } } : undefined;
        await run({
          name: `${method} as guest`,
          method,
          url: '/api/settings',
          body,
          status: 401,
          expect: { status: 401, message: 'The request requires valid record authorization token.', data: {} },
        });
        await run({
          name: `${method} as user`,
          as: 'user',
          method,
          url: '/api/settings',
          body,
          status: 403,
          expect: { status: 403, message: 'The authorized record is not allowed to perform this action.' },
        });
      }
      assert.equal((await stored()).meta.appName, 'Acme');
    });

    it('GET answers the defaults without the secrets', async () => {
      await run({
        name: 'defaults',
        as: 'super',
        method: 'GET',
        url: '/api/settings',
        status: 200,
        check: (json) => assert.deepEqual(json, PUBLIC_DEFAULTS),
      });
    });

    it('PATCH merges objects key by key, replaces lists and answers the whole settings', async () => {
      const json = await run({
        name: 'patch',
        as: 'super',
        method: 'PATCH',
        url: '/api/settings',
        body: {
          meta: { appName: 'Basalt', hideControls: true },
          rateLimits: { enabled: true, rules: [rule('/api/', '@guest', 60, 100), rule('/api/', '@auth', 60, 1000)] },
          trustedProxy: { headers: ['X-Real-IP'] },
        },
        status: 200,
        absent: SECRETS,
      });
      const expected = structuredClone(PUBLIC_DEFAULTS) as Record<string, any>;
      expected.meta = { ...expected.meta, appName: 'Basalt', hideControls: true };
      expected.rateLimits = {
        enabled: true,
        rules: [rule('/api/', '@guest', 60, 100), rule('/api/', '@auth', 60, 1000)],
      };
      expected.trustedProxy = { headers: ['X-Real-IP'], useLeftmostIP: false };
      assert.deepEqual(json, expected);
      // in force at once, stored, and GET agrees
      assert.equal(t.app.settings.get().meta.appName, 'Basalt');
      assert.deepEqual(t.app.settings.get().trustedProxy.headers, ['X-Real-IP']);
      assert.equal((await stored()).rateLimits.rules.length, 2);
      await run({
        name: 'get after patch',
        as: 'super',
        method: 'GET',
        url: '/api/settings',
        status: 200,
        check: (body) => assert.deepEqual(body, expected),
      });
      // a shorter list replaces the longer one; an empty body changes nothing
      await run({
        name: 'shorter list',
        as: 'super',
        method: 'PATCH',
        url: '/api/settings',
        body: { trustedProxy: { headers: [] } },
        status: 200,
        expect: { trustedProxy: { headers: [] }, meta: { appName: 'Basalt' } },
      });
      await run({
        name: 'empty body',
        as: 'super',
        method: 'PATCH',
        url: '/api/settings',
        body: {},
        status: 200,
        expect: { meta: { appName: 'Basalt' }, rateLimits: { enabled: true } },
      });
    });

    it('keeps secrets that a PATCH leaves out, and never shows them', async () => {
      await run({
        name: 'set secrets',
        as: 'super',
        method: 'PATCH',
        url: '/api/settings',
        body: {
          smtp: { enabled: true, host: 'mail.example.com', port: 465, password: 'smtp-secret', authMethod: 'PLAIN' },
          s3: s3On,
          backups: { s3: { ...s3On, secret: 'backup-secret' } },
          metrics: { token: 'metrics-secret-0123456789' },
        },
        status: 200,
        absent: SECRETS,
        expect: { smtp: { enabled: true, host: 'mail.example.com' }, s3: { enabled: true, bucket: 'b' } },
      });
      // the dashboard sends back what it got: no secrets
      const shown = await run({
        name: 'get',
        as: 'super',
        method: 'GET',
        url: '/api/settings',
        status: 200,
        absent: SECRETS,
      });
      await run({
        name: 'send back without secrets',
        as: 'super',
        method: 'PATCH',
        url: '/api/settings',
        body: { ...shown, smtp: { ...shown.smtp, port: 587 } },
        status: 200,
        absent: SECRETS,
      });
      const s = await stored();
      assert.equal(s.smtp.password, 'smtp-secret');
      assert.equal(s.smtp.port, 587);
      assert.equal(s.s3.secret, 's');
      assert.equal(s.backups.s3.secret, 'backup-secret');
      assert.equal(s.metrics.token, 'metrics-secret-0123456789');
      assert.equal(t.app.settings.get().smtp.password, 'smtp-secret');
      // a secret can be cleared explicitly, which S3 in use refuses
      await run({
        name: 'clear a secret in use',
        as: 'super',
        method: 'PATCH',
        url: '/api/settings',
        body: { s3: { secret: '' } },
        status: 400,
        expect: { data: { s3: { secret: { code: 'validation_required' } } } },
      });
      await run({
        name: 'turn off and clear',
        as: 'super',
        method: 'PATCH',
        url: '/api/settings',
        body: { s3: { enabled: false, secret: '' }, smtp: { enabled: false } },
        status: 200,
      });
      assert.equal((await stored()).s3.secret, '');
    });

    it('refuses bad bodies with nested field errors and keeps the stored settings', async () => {
      const before = JSON.stringify(await stored());
      const inForce = t.app.settings.get();
      for (const c of INVALID) {
        await run({
          name: c.name,
          as: 'super',
          method: 'PATCH',
          url: '/api/settings',
          body: c.body,
          status: 400,
          expect: { status: 400, message: SAVE_FAILED, data: c.data },
          check: (json) =>
            assert.deepEqual(
              Object.keys(json.data).sort(),
              Object.keys(c.data as object).sort(),
              `${c.name}: ${JSON.stringify(json.data)}`,
            ),
        });
        assert.equal(JSON.stringify(await stored()), before, `${c.name}: stored settings changed`);
        assert.equal(t.app.settings.get(), inForce, `${c.name}: settings in force changed`);
      }
    });

    it('refuses bodies that are not objects, and malformed JSON', async () => {
      for (const raw of ['[1,2]', '"text"', '{"meta":']) {
        await run({
          name: raw,
          as: 'super',
          method: 'PATCH',
          url: '/api/settings',
          raw: { contentType: 'application/json', data: raw },
          status: 400,
        });
      }
    });

    it('accepts the documented label forms, audiences and macros', async () => {
      const rules = [
        rule('/api/batch'),
        rule('POST /api/batch'),
        rule('/api/', '@guest'),
        rule('/api/', '@auth'),
        rule('posts:create'),
        rule('*:auth'),
        rule('mytag'),
      ];
      await run({
        name: 'labels',
        as: 'super',
        method: 'PATCH',
        url: '/api/settings',
        body: { rateLimits: { rules }, backups: { cron: '@daily', cronMaxKeep: 1 } },
        status: 200,
        expect: { rateLimits: { rules }, backups: { cron: '@daily' } },
      });
      await run({
        name: 'five-field cron',
        as: 'super',
        method: 'PATCH',
        url: '/api/settings',
        body: { backups: { cron: '*/30 2-4 * * 1-5' } },
        status: 200,
      });
    });

    it('stores what it answers: the row read back equals the settings in force', async () => {
      assert.deepEqual(await stored(), structuredClone(t.app.settings.get()));
      assert.notDeepEqual(t.app.settings.get(), defaultSettings());
    });
  });
}
