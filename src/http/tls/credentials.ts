import { readFile } from 'node:fs/promises';
import { createSecureContext } from 'node:tls';

/** A certificate (chain) and its private key, PEM, checked to belong together. */
export interface TlsCredentials {
  cert: Buffer;
  key: Buffer;
}

/** A certificate or key that cannot be served: the message names the file and the flag. */
export class TlsFilesError extends Error {}

async function readPem(file: string, flag: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(e);
    throw new TlsFilesError(`cannot read ${flag}=${file}: ${why}`);
  }
}

/** Why OpenSSL refused the pair, in words an operator can act on. */
function explain(err: unknown, certFile: string, keyFile: string): string {
  const text = err instanceof Error ? err.message : String(err);
  if (/key values mismatch/i.test(text)) {
    return `the private key in --tls-key=${keyFile} does not belong to the certificate in --tls-cert=${certFile}`;
  }
  if (/no start line|PEM/i.test(text) && !/DECODER/.test(text)) {
    return `--tls-cert=${certFile} holds no PEM certificate (${text})`;
  }
  return `--tls-key=${keyFile} holds no usable PEM private key, or --tls-cert=${certFile} no certificate (${text})`;
}

/** Reads and checks the pair; throws a TlsFilesError when a file is unreadable or they do not match. */
export async function loadCredentials(certFile: string, keyFile: string): Promise<TlsCredentials> {
  const [cert, key] = await Promise.all([readPem(certFile, '--tls-cert'), readPem(keyFile, '--tls-key')]);
  try {
    // OpenSSL checks that the key matches the certificate while building the context
    createSecureContext({ cert, key });
  } catch (err) {
    throw new TlsFilesError(explain(err, certFile, keyFile));
  }
  return { cert, key };
}
