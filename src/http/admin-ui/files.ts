import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Encoding } from '../static/compression.js';

/** Where the dashboard's build lands (`npm run build -w ui`): ui/dist beside src/ and dist/. */
export const DASHBOARD_DIR = fileURLToPath(new URL('../../../ui/dist/', import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

const COMPRESS: Readonly<Record<Encoding, (b: Buffer) => Promise<Buffer>>> = {
  gzip: promisify(gzip),
  br: (b) => promisify(brotliCompress)(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }),
};

export interface DashboardFile {
  type: string;
  etag: string;
  raw: Buffer;
  /** compressed variants, made on first request */
  encoded: Partial<Record<Encoding, Promise<Buffer>>>;
}

/**
 * The built files, read from disk once each on first request and kept with their compressed forms
 * (the whole build is a few hundred KB). A path that leaves the folder, or names a hidden file,
 * finds nothing.
 */
const cache = new Map<string, Promise<DashboardFile | null>>();

export function dashboardFile(relative: string): Promise<DashboardFile | null> {
  let found = cache.get(relative);
  if (!found) {
    found = load(relative);
    cache.set(relative, found);
  }
  return found;
}

async function load(relative: string): Promise<DashboardFile | null> {
  const segments = relative.split('/');
  if (segments.some((s) => s === '' || s.startsWith('.') || s.includes('\\'))) return null;
  const file = normalize(join(DASHBOARD_DIR, ...segments));
  if (!file.startsWith(DASHBOARD_DIR.endsWith(sep) ? DASHBOARD_DIR : DASHBOARD_DIR + sep)) return null;
  const type = TYPES[extname(file).toLowerCase()];
  if (!type) return null;
  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch {
    return null;
  }
  const etag = `"${createHash('sha1').update(raw).digest('base64url').slice(0, 20)}"`;
  return { type, etag, raw, encoded: {} };
}

/** The body in `encoding` (compressed once, then kept). */
export function encodedBody(file: DashboardFile, encoding: Encoding | null): Promise<Buffer> {
  if (encoding === null) return Promise.resolve(file.raw);
  file.encoded[encoding] ??= COMPRESS[encoding](file.raw);
  return file.encoded[encoding];
}

/** Forgets what was read (tests rebuild the dashboard between runs of one process). */
export function forgetDashboardFiles(): void {
  cache.clear();
}
