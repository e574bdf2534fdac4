import type { Server } from 'node:tls';
import type { Logger } from 'pino';
import type { HttpsConfig } from '../../config/config.js';
import { loadCredentials, type TlsCredentials } from './credentials.js';
import { ensureDevCertificate } from './dev-certificate.js';
import { startRedirect } from './redirect.js';
import { reloadOnChange } from './reload.js';

/** The certificate files in use and their checked contents. */
export interface TlsSetup extends TlsCredentials {
  certFile: string;
  keyFile: string;
}

/**
 * The certificate and key `--https` serves: the given files, or with `--dev` and none given the
 * self-signed localhost certificate kept in the data dir. Throws a TlsFilesError (a clear start-up
 * error) when they cannot be read or do not belong together.
 */
export async function prepareTls(https: HttpsConfig, dataDir: string): Promise<TlsSetup> {
  const files = https.certFile === '' ? await ensureDevCertificate(dataDir) : https;
  const credentials = await loadCredentials(files.certFile, files.keyFile);
  return { ...credentials, certFile: files.certFile, keyFile: files.keyFile };
}

/** What runs beside an HTTPS server: the certificate watcher and the plain-HTTP redirect. */
export interface TlsCompanions {
  /** the redirecting plain-HTTP address, when `--http` was given */
  redirectUrl?: string;
  close(): Promise<void>;
}

const urlHost = (host: string) => (host.includes(':') ? `[${host}]` : host);

/**
 * Starts watching the certificate files of `server` (an HTTPS server already listening on
 * `httpsPort`) and, when `redirectFrom` is set, the plain-HTTP redirect on that address.
 */
export async function startTlsCompanions(
  server: Server,
  tls: TlsSetup,
  https: HttpsConfig,
  httpsPort: number,
  redirectFrom: { host: string; port: number } | null,
  log: Logger,
): Promise<TlsCompanions> {
  const stopWatching = reloadOnChange(server, tls.certFile, tls.keyFile, log);
  if (!redirectFrom) return { close: async () => stopWatching() };
  const fallbackHost = ['0.0.0.0', '::', ''].includes(https.host) ? 'localhost' : urlHost(https.host);
  let redirect: Awaited<ReturnType<typeof startRedirect>>;
  try {
    redirect = await startRedirect(redirectFrom, httpsPort, fallbackHost);
  } catch (err) {
    stopWatching();
    const code = (err as { code?: string }).code ?? String(err);
    throw new Error(
      `cannot listen on ${redirectFrom.host}:${redirectFrom.port} (--http, redirecting to HTTPS): ${code}`,
    );
  }
  const addr = redirect.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : redirectFrom.port;
  return {
    redirectUrl: `http://${urlHost(redirectFrom.host)}:${port}`,
    async close() {
      stopWatching();
      await redirect.close();
    },
  };
}
