import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { generate } from 'selfsigned';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** SHA-256 fingerprint of the certificate the server presented (HTTPS only) */
  fingerprint: string;
}

/** One request on a fresh connection (no keep-alive: every call sees the certificate served now). */
export function send(url: string, opts: { method?: string; ca?: string; body?: string } = {}): Promise<Answer> {
  const target = new URL(url);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      { method: opts.method ?? 'GET', agent: false, ca: opts.ca, servername: 'localhost' },
      (res) => {
        const socket = res.socket as TLSSocket;
        const fingerprint =
          typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate().fingerprint256 : '';
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, fingerprint }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

export interface Pem {
  cert: string;
  key: string;
}

/** A certificate authority for tests. */
export async function makeCa(): Promise<Pem> {
  const pems = await generate([{ name: 'commonName', value: 'Basalt Test CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

/** A server certificate for localhost and 127.0.0.1, signed by `ca`. */
export async function makeServerCert(ca: Pem): Promise<Pem> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ca: { key: ca.key, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
