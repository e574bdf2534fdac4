import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coerceAndValidate, runValueCases, type ValueCase } from './support.js';

describe('email field', () => {
  it('coerces and validates per the scenario table', () => {
    const cases: ValueCase[] = [
      ['plain', {}, 'ana@example.com', 'ana@example.com', null],
      ['tags and dots', {}, 'first.last+tag@mail.example.co.uk', 'first.last+tag@mail.example.co.uk', null],
      ['uppercase', {}, 'Ana@Example.COM', 'Ana@Example.COM', null],
      ['quoted local part', {}, '"john doe"@example.com', '"john doe"@example.com', null],
      ['unicode local part', {}, 'josé@example.com', 'josé@example.com', null],
      ['trailing domain dot', {}, 'a@example.com.', 'a@example.com.', null],
      ['number input', {}, 5, '5', 'validation_is_email'],
      ['null', {}, null, '', null],
      ['required', { required: true }, '', '', 'validation_required'],
      ['no at', {}, 'ana.example.com', 'ana.example.com', 'validation_is_email'],
      ['no local', {}, '@example.com', '@example.com', 'validation_is_email'],
      ['dot-less domain', {}, 'ana@localhost', 'ana@localhost', 'validation_is_email'],
      ['numeric tld', {}, 'ana@example.c0m1', 'ana@example.c0m1', 'validation_is_email'],
      ['double dot', {}, 'a..b@example.com', 'a..b@example.com', 'validation_is_email'],
      ['leading dot', {}, '.a@example.com', '.a@example.com', 'validation_is_email'],
      ['space', {}, 'a b@example.com', 'a b@example.com', 'validation_is_email'],
      ['label starting with hyphen', {}, 'a@-example.com', 'a@-example.com', 'validation_is_email'],
      [
        'too long local part',
        {},
        `${'a'.repeat(65)}@example.com`,
        `${'a'.repeat(65)}@example.com`,
        'validation_is_email',
      ],
      ['only domains ok', { onlyDomains: ['example.com'] }, 'a@example.com', 'a@example.com', null],
      [
        'only domains miss',
        { onlyDomains: ['example.com'] },
        'a@test.com',
        'a@test.com',
        'validation_email_domain_not_allowed',
      ],
      [
        'only domains exact',
        { onlyDomains: ['example.com'] },
        'a@sub.example.com',
        'a@sub.example.com',
        'validation_email_domain_not_allowed',
      ],
      [
        'only domains case-sensitive',
        { onlyDomains: ['example.com'] },
        'a@Example.com',
        'a@Example.com',
        'validation_email_domain_not_allowed',
      ],
      [
        'except domains hit',
        { exceptDomains: ['example.com'] },
        'a@example.com',
        'a@example.com',
        'validation_email_domain_not_allowed',
      ],
      ['except domains miss', { exceptDomains: ['example.com'] }, 'a@test.com', 'a@test.com', null],
    ];
    runValueCases('email', cases);
  });

  it('uses the catalogue message', () => {
    assert.deepEqual(coerceAndValidate('email', {}, 'x').error, {
      code: 'validation_is_email',
      message: 'Must be a valid email address.',
    });
  });
});

describe('url field', () => {
  it('coerces and validates per the scenario table', () => {
    const cases: ValueCase[] = [
      ['https', {}, 'https://example.com', 'https://example.com', null],
      ['path query fragment', {}, 'http://example.com/a/b?c=1#d', 'http://example.com/a/b?c=1#d', null],
      ['port', {}, 'http://localhost:8090/_/', 'http://localhost:8090/_/', null],
      ['ipv4', {}, 'http://127.0.0.1', 'http://127.0.0.1', null],
      ['ipv6', {}, 'http://[::1]:80/', 'http://[::1]:80/', null],
      ['ftp', {}, 'ftp://files.example.com/x', 'ftp://files.example.com/x', null],
      ['other scheme with host', {}, 'wss://example.com/socket', 'wss://example.com/socket', null],
      ['user info', {}, 'https://user:pass@example.com', 'https://user:pass@example.com', null],
      ['idn', {}, 'https://bücher.de', 'https://bücher.de', null],
      ['null', {}, null, '', null],
      ['required', { required: true }, '', '', 'validation_required'],
      ['scheme-less', {}, 'example.com', 'example.com', 'validation_invalid_url'],
      ['no host', {}, 'mailto:a@example.com', 'mailto:a@example.com', 'validation_invalid_url'],
      ['file scheme', {}, 'file:///etc/passwd', 'file:///etc/passwd', 'validation_invalid_url'],
      ['space in host', {}, 'http://exa mple.com', 'http://exa mple.com', 'validation_invalid_url'],
      ['space in path', {}, 'http://example.com/a b', 'http://example.com/a b', 'validation_invalid_url'],
      ['bad port', {}, 'http://example.com:99999', 'http://example.com:99999', 'validation_invalid_url'],
      ['bad host label', {}, 'http://-bad-.com', 'http://-bad-.com', 'validation_invalid_url'],
      ['only domains ok', { onlyDomains: ['example.com'] }, 'https://example.com/x', 'https://example.com/x', null],
      [
        'only domains compares hostname',
        { onlyDomains: ['example.com'] },
        'https://EXAMPLE.com:8080',
        'https://EXAMPLE.com:8080',
        null,
      ],
      [
        'only domains miss',
        { onlyDomains: ['example.com'] },
        'https://www.example.com',
        'https://www.example.com',
        'validation_url_domain_not_allowed',
      ],
      [
        'except domains hit',
        { exceptDomains: ['example.com'] },
        'http://example.com',
        'http://example.com',
        'validation_url_domain_not_allowed',
      ],
    ];
    runValueCases('url', cases);
  });
});
