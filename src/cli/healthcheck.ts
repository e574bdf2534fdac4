import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { probeBaseUrl } from '../config/probe.js';
import { UsageError } from './args.js';
import { describeError, type Io } from './output.js';

/** A probe that gets no answer within this time fails (container health checks have their own timeout too). */
const TIMEOUT_MS = 5000;

/** The status of GET `url`; over HTTPS the certificate is not checked: the probe talks to its own server. */
function status(url: URL): Promise<number> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', rejectUnauthorized: false, timeout: TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000}s`)));
    req.on('error', reject);
    req.end();
  });
}

/**
 * `basalt healthcheck`: exit 0 when `/api/health` (with `--ready`: `/api/health?ready=1`) of the
 * server answers 200, else 1. Meant for container health checks, where no curl is at hand.
 */
export async function healthcheck(flags: Record<string, string | boolean>, io: Io): Promise<number> {
  let url: URL;
  try {
    url = new URL(`${probeBaseUrl(flags)}/api/health${flags.ready ? '?ready=1' : ''}`);
  } catch (e) {
    throw new UsageError(describeError(e));
  }
  try {
    const code = await status(url);
    if (code === 200) {
      io.out(`healthy: ${url.href}\n`);
      return 0;
    }
    io.err(`unhealthy: ${url.href} answered ${code}\n`);
  } catch (e) {
    io.err(`unhealthy: ${url.href}: ${describeError(e)}\n`);
  }
  return 1;
}
