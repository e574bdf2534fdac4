import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';

/** A generated certificate is replaced once it has less than this left. */
const RENEW_BEFORE_MS = 7 * 24 * 3600 * 1000;
const VALID_DAYS = 365;

/** Where `--dev` keeps its self-signed certificate: `<dataDir>/tls/`. */
export function devCertificateFiles(dataDir: string): { certFile: string; keyFile: string } {
  const dir = join(dataDir, 'tls');
  return { certFile: join(dir, 'localhost.crt'), keyFile: join(dir, 'localhost.key') };
}

async function stillGood(certFile: string, keyFile: string): Promise<boolean> {
  if (!existsSync(certFile) || !existsSync(keyFile)) return false;
  try {
    const cert = new X509Certificate(await readFile(certFile));
    return Date.parse(cert.validTo) - Date.now() > RENEW_BEFORE_MS;
  } catch {
    return false;
  }
}

/**
 * The self-signed certificate for localhost (127.0.0.1 and ::1 too) that `serve --dev --https`
 * uses without certificate files: made once and reused from the data dir, so a browser exception
 * or a client's trust survives restarts; made again when it nears its end. The key is readable by
 * its owner only.
 */
export async function ensureDevCertificate(dataDir: string): Promise<{ certFile: string; keyFile: string }> {
  const files = devCertificateFiles(dataDir);
  if (await stillGood(files.certFile, files.keyFile)) return files;
  const now = new Date();
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: now,
    notAfterDate: new Date(now.getTime() + VALID_DAYS * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  mkdirSync(join(dataDir, 'tls'), { recursive: true, mode: 0o700 });
  await writeFile(files.keyFile, pems.private, { mode: 0o600 });
  await writeFile(files.certFile, pems.cert, { mode: 0o644 });
  return files;
}
