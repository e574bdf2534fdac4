import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { SECURITY_HEADERS } from '../security-headers.js';

/** A host name, an IPv4 address or a bracketed IPv6 address: nothing else goes into a Location header. */
const HOST_NAME =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])$/i;

/** The host the client asked for, without its port; `fallback` when the Host header is missing or odd. */
function requestedHost(req: IncomingMessage, fallback: string): string {
  const header = req.headers.host ?? '';
  const host = header.startsWith('[') ? header.slice(0, header.indexOf(']') + 1) : (header.split(':')[0] ?? '');
  return HOST_NAME.test(host) ? host : fallback;
}

/** A plain-HTTP server on the `--http` address, running until `close()`. */
export interface RedirectServer {
  readonly server: Server;
  close(): Promise<void>;
}

/**
 * Answers every plain-HTTP request with a redirect to the same host and path over HTTPS on
 * `httpsPort`: 301 for GET and HEAD, 308 for other methods (the client repeats the method and body).
 */
export async function startRedirect(
  address: { host: string; port: number },
  httpsPort: number,
  fallbackHost: string,
): Promise<RedirectServer> {
  const portPart = httpsPort === 443 ? '' : `:${httpsPort}`;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const location = `https://${requestedHost(req, fallbackHost)}${portPart}${req.url ?? '/'}`;
    const status = req.method === 'GET' || req.method === 'HEAD' ? 301 : 308;
    for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
    res.writeHead(status, { location, 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
    res.end(req.method === 'HEAD' ? undefined : `Redirecting to ${location}\n`);
    // the body of a POST is not wanted: drop it instead of reading it
    req.resume();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
