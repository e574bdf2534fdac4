import assert from 'node:assert/strict';
import PocketBase from 'pocketbase';
import sharp from 'sharp';
import { type Dialect, startApp, type TestApp } from '../harness/index.js';
import { startS3, type TestS3 } from './s3rver.js';

export type StoreKind = 'local' | 's3';
export const STORES: readonly StoreKind[] = ['local', 's3'];

export interface FilesEnv {
  t: TestApp;
  s3: TestS3 | null;
  su: string;
  /** a superuser SDK client */
  pb: PocketBase;
  api(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; json: any }>;
  /** every key in the storage in force, sorted, after pending removals finished */
  keys(prefix?: string): Promise<string[]>;
  close(): Promise<void>;
}

/** A server on `dialect` whose files go to local disk or to a fresh s3rver, with the `docs` collection. */
export async function filesEnv(dialect: Dialect, store: StoreKind): Promise<FilesEnv> {
  const t = await startApp({ dialect });
  const s3 = store === 's3' ? await startS3() : null;
  const su = await t.superuserToken();
  const api = async (method: string, path: string, body?: unknown, token = su) => {
    const res = await fetch(t.url + path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), authorization: token },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  };
  if (s3) {
    const res = await api('PATCH', '/api/settings', { s3: s3.settings });
    assert.equal(res.status, 200, JSON.stringify(res.json));
  }
  const pb = new PocketBase(t.url);
  pb.autoCancellation(false);
  pb.authStore.save(su, null);
  return {
    t,
    s3,
    su,
    pb,
    api,
    async keys(prefix = '') {
      await t.app.files.settled();
      const out: string[] = [];
      for await (const info of t.app.files.blob().list(prefix)) out.push(info.key);
      return out.sort();
    },
    async close() {
      await t.close();
      await s3?.close();
    },
  };
}

/** A solid PNG of `width` × `height`. */
export function png(width = 300, height = 200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#c03' } })
    .png()
    .toBuffer();
}

/** Image dimensions and format of `data`. */
export async function imageInfo(data: Buffer): Promise<{ width?: number; height?: number; format?: string }> {
  const m = await sharp(data).metadata();
  return { width: m.width, height: m.height, format: m.format };
}

/** A multipart body built by hand (names and file names exactly as given, no escaping). */
export function multipart(parts: Array<{ name: string; filename?: string; data: string | Buffer }>) {
  const boundary = '----basaltTestBoundary7MA4YWxkTrZu0gW';
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition =
      p.filename === undefined
        ? `form-data; name="${p.name}"`
        : `form-data; name="${p.name}"; filename="${p.filename}"`;
    const type = p.filename === undefined ? '' : 'Content-Type: application/octet-stream\r\n';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`, 'utf8'));
    chunks.push(Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data, 'utf8'));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The `docs` collection: every file field shape the tests need. */
export const DOCS_FIELDS = [
  { name: 'title', type: 'text' },
  { name: 'one', type: 'file', maxSelect: 1, thumbs: ['50x0', '40x40f', '30x20t'] },
  { name: 'many', type: 'file', maxSelect: 5, maxSize: 1_000_000 },
  { name: 'pics', type: 'file', maxSelect: 2, maxSize: 4000, mimeTypes: ['image/png', 'image/jpeg'] },
  { name: 'secret', type: 'file', maxSelect: 1, protected: true },
];
