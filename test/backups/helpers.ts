import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import PocketBase from 'pocketbase';
import yauzl from 'yauzl';
import yazl from 'yazl';
import type { TestApp } from '../harness/index.js';

/** An SDK client signed in as the test superuser. */
export async function superuserClient(t: TestApp): Promise<PocketBase> {
  const pb = new PocketBase(t.url);
  pb.autoCancellation(false);
  pb.authStore.save(await t.superuserToken(), null);
  return pb;
}

/** Downloads backup `key` through the SDK's URL with a superuser file token. */
export async function downloadBackup(pb: PocketBase, key: string): Promise<Buffer> {
  const token = await pb.files.getToken();
  const res = await fetch(pb.backups.getDownloadURL(token, key));
  if (res.status !== 200) throw new Error(`download answered ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

/** Every entry of a zip, unpacked into memory (test archives are small). */
export async function unzip(data: Buffer): Promise<Map<string, Buffer>> {
  const zip = await yauzl.fromBufferPromise(data);
  const entries: yauzl.Entry[] = await new Promise((resolve, reject) => {
    const list: yauzl.Entry[] = [];
    zip.on('entry', (e: yauzl.Entry) => {
      list.push(e);
      zip.readEntry();
    });
    zip.once('end', () => resolve(list));
    zip.once('error', reject);
    zip.readEntry();
  });
  const out = new Map<string, Buffer>();
  for (const entry of entries) {
    const chunks: Buffer[] = [];
    for await (const c of await zip.openReadStreamPromise(entry)) chunks.push(c as Buffer);
    out.set(entry.fileName, Buffer.concat(chunks));
  }
  zip.close();
  return out;
}

/** A zip holding `entries` (names as given, unchecked: tests build hostile ones too). */
export async function zipOf(dir: string, entries: Array<[string, Buffer]>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const path = join(dir, `z-${Math.random().toString(36).slice(2)}.zip`);
  const done = pipeline(zip.outputStream, createWriteStream(path));
  for (const [name, data] of entries) zip.addBuffer(data, name);
  zip.end();
  await done;
  return readFileSync(path);
}

/** Replaces every occurrence of `from` by `to` (same length) in a zip: names yazl refuses to write. */
export function patchName(zip: Buffer, from: string, to: string): Buffer {
  if (from.length !== to.length) throw new Error('the names must have the same length');
  const out = Buffer.from(zip);
  const needle = Buffer.from(from);
  for (let i = out.indexOf(needle); i !== -1; i = out.indexOf(needle, i + 1)) out.write(to, i, 'latin1');
  return out;
}

/** Uploads `data` as backup `name` through the SDK; resolves with the HTTP status and body of a failure. */
export async function upload(pb: PocketBase, name: string, data: Buffer): Promise<{ status: number; body: unknown }> {
  const form = new FormData();
  form.append('file', new Blob([data]), name);
  try {
    await pb.backups.upload(form);
    return { status: 204, body: null };
  } catch (e) {
    const err = e as { status: number; response: unknown };
    return { status: err.status, body: err.response };
  }
}

export function writeTemp(dir: string, name: string, data: Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}
