import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress, urlHost } from './address.js';

/** How one HTTP attempt went. */
export interface SendResult {
  ok: boolean;
  /** the receiver's status code; 0 when none came */
  status: number;
  /** why the attempt failed ("" when it did not) */
  error: string;
  /** the first bytes of the receiver's answer */
  response: string;
  durationMs: number;
}

export interface SendOptions {
  timeoutMs: number;
  allowPrivate: boolean;
}

const KEEP_RESPONSE = 1024;

class RefusedAddress extends Error {}

/**
 * A DNS lookup that fails when any address the name resolves to is private: the addresses checked
 * are the ones the connection then uses, so a name cannot resolve to a public address for a check
 * and to a private one for the request.
 */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
    if (err) return callback(err, '', 0);
    const refused = addresses.find((a) => isPrivateAddress(a.address));
    if (refused) {
      const error = new RefusedAddress(`${hostname} resolves to ${refused.address}, a private or loopback address`);
      return callback(error as NodeJS.ErrnoException, '', 0);
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    const first = addresses[0];
    if (!first) return callback(new Error(`${hostname} has no address`) as NodeJS.ErrnoException, '', 0);
    return callback(null, first.address, first.family);
  });
};

function outcome(res: IncomingMessage, response: string): Pick<SendResult, 'ok' | 'status' | 'error'> {
  const status = res.statusCode ?? 0;
  if (status >= 200 && status < 300) return { ok: true, status, error: '' };
  if (status >= 300 && status < 400) {
    return { ok: false, status, error: `redirect to ${res.headers.location ?? '(no location)'} not followed` };
  }
  return {
    ok: false,
    status,
    error: `the receiver answered ${status}${response ? `: ${response.slice(0, 200)}` : ''}`,
  };
}

/**
 * POSTs `body` to `url` once: no redirects followed, private addresses refused (unless allowed) both
 * for address literals and for what names resolve to, and the whole exchange bounded by `timeoutMs`.
 * Never rejects: every failure is in the result.
 */
export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  opts: SendOptions,
): Promise<SendResult> {
  const started = Date.now();
  const done = (r: Omit<SendResult, 'durationMs'>): SendResult => ({ ...r, durationMs: Date.now() - started });
  const failed = (error: string) => done({ ok: false, status: 0, error, response: '' });
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve(failed('the URL is not valid'));
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return Promise.resolve(failed('only http and https URLs receive webhooks'));
  }
  const host = urlHost(target);
  // an address literal is checked here (no lookup happens for it); a name, by what it resolves to
  const literal = isIP(host) !== 0;
  if (!opts.allowPrivate && literal && isPrivateAddress(host)) {
    return Promise.resolve(failed(`${host} is a private or loopback address`));
  }
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const req = client.request(target, {
      method: 'POST',
      agent: false,
      headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
      ...(opts.allowPrivate || literal ? {} : { lookup: guardedLookup }),
    });
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${opts.timeoutMs / 1000} s`));
    }, opts.timeoutMs);
    req.on('error', (err) => finish(failed(err.message || String(err))));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const end = () => {
        const response = Buffer.concat(chunks).toString('utf8').slice(0, KEEP_RESPONSE);
        finish(done({ ...outcome(res, response), response }));
        res.destroy();
      };
      res.on('data', (chunk: Buffer) => {
        if (size < KEEP_RESPONSE) chunks.push(chunk.subarray(0, KEEP_RESPONSE - size));
        size += chunk.length;
        if (size >= KEEP_RESPONSE) end();
      });
      res.on('end', end);
      res.on('error', end);
      res.on('close', end);
    });
    req.end(body);
  });
}
