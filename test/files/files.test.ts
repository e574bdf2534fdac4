import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import { sweepUnreferencedFiles } from '../../src/core/files/sweep.js';
import { DIALECTS } from '../harness/index.js';
import { DOCS_FIELDS, type FilesEnv, filesEnv, imageInfo, multipart, png, STORES } from './env.js';

const NAME = /^[a-z0-9_]+_[a-z0-9]{10}(\.[A-Za-z0-9.]+)?$/;

for (const dialect of DIALECTS) {
  for (const store of STORES) {
    describe(`files (${dialect}, ${store} storage)`, () => {
      let env: FilesEnv;
      let docs: { id: string };
      let user: { id: string; token: string };

      before(async () => {
        env = await filesEnv(dialect, store);
        const res = await env.api('POST', '/api/collections', {
          name: 'docs',
          type: 'base',
          listRule: '',
          viewRule: '@request.auth.id != ""',
          createRule: '',
          updateRule: '',
          deleteRule: '',
          fields: DOCS_FIELDS,
        });
        assert.equal(res.status, 200, JSON.stringify(res.json));
        docs = res.json;
        const u = await env.pb
          .collection('users')
          .create({ email: 'ana@example.com', password: 'ana-password-1', passwordConfirm: 'ana-password-1' });
        const auth = await env.pb.collection('users').authWithPassword('ana@example.com', 'ana-password-1');
        user = { id: u.id, token: auth.token };
        env.pb.authStore.save(env.su, null);
      });
      after(() => env?.close());

      const get = (path: string, headers: Record<string, string> = {}) => fetch(env.t.url + path, { headers });
      const fileUrl = (rec: { id: string }, name: string, query = '') =>
        `/api/files/docs/${rec.id}/${encodeURIComponent(name)}${query}`;
      const stored = async (rec: { id: string }) =>
        (await env.keys(`${docs.id}/${rec.id}/`)).map((k) => k.split('/')[2]);

      it('uploads through the SDK with File and Blob, names them safely and serves them back', async () => {
        const image = await png();
        const rec = await env.pb.collection('docs').create({
          title: 'sdk',
          one: new File([image], 'My Photo (1).PNG'),
          many: [new Blob(['hello world']), new File(['a,b\n1,2\n'], 'data.csv')],
        });
        assert.match(rec.one, NAME);
        assert.ok(rec.one.startsWith('my_photo_1_') && rec.one.endsWith('.PNG'), rec.one);
        assert.equal(rec.many.length, 2);
        for (const n of rec.many) assert.match(n, NAME);
        assert.deepEqual((await stored(rec)).sort(), [rec.one, ...rec.many].sort());

        const res = await get(fileUrl(rec, rec.one));
        assert.equal(res.status, 200);
        assert.deepEqual(Buffer.from(await res.arrayBuffer()), image);
        assert.equal(res.headers.get('content-type'), 'image/png');
        assert.equal(res.headers.get('content-disposition'), `inline; filename=${rec.one}`);
        assert.equal(
          res.headers.get('content-security-policy'),
          "default-src 'none'; media-src 'self'; style-src 'unsafe-inline'; sandbox",
        );
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
        assert.equal(res.headers.get('cache-control'), 'max-age=2592000, stale-while-revalidate=86400');
        assert.equal(res.headers.get('x-frame-options'), null);
        assert.ok(res.headers.get('etag'));

        const url = env.pb.files.getURL(rec, rec.many[1], { download: true });
        const csv = await fetch(url);
        assert.equal(await csv.text(), 'a,b\n1,2\n');
        assert.match(csv.headers.get('content-disposition') ?? '', /^attachment; filename=data_[a-z0-9]{10}\.csv$/);
        assert.equal(csv.headers.get('content-type'), 'text/plain; charset=utf-8');
      });

      it('serves HTML and SVG as attachments, typed by content, never inline', async () => {
        const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
        const rec = await env.pb.collection('docs').create({
          many: [new File(['<html><script>alert(1)</script></html>'], 'page.png'), new File([svg], 'x.svg')],
        });
        const html = await get(fileUrl(rec, rec.many[0]));
        assert.equal(html.headers.get('content-type'), 'text/html; charset=utf-8');
        assert.match(html.headers.get('content-disposition') ?? '', /^attachment; /);
        const img = await get(fileUrl(rec, rec.many[1]));
        assert.equal(img.headers.get('content-type'), 'image/svg+xml');
        assert.match(img.headers.get('content-disposition') ?? '', /^attachment; /);
      });

      it('answers ranges, conditional requests and unknown names', async () => {
        const rec = await env.pb.collection('docs').create({ many: [new File(['0123456789'], 'digits.txt')] });
        const path = fileUrl(rec, rec.many[0]);
        const part = await get(path, { range: 'bytes=2-5' });
        assert.equal(part.status, 206);
        assert.equal(await part.text(), '2345');
        assert.equal(part.headers.get('content-range'), 'bytes 2-5/10');
        const tail = await get(path, { range: 'bytes=-3' });
        assert.equal(await tail.text(), '789');
        for (const bad of ['bytes=20-30', 'bytes=5-2', 'bytes=abc', 'pages=1-2', 'bytes=-0']) {
          const res = await get(path, { range: bad });
          assert.equal(res.status, 416, bad);
          assert.equal(((await res.json()) as any).status, 416);
          assert.equal(res.headers.get('content-range'), 'bytes */10');
        }
        const full = await get(path);
        const etag = full.headers.get('etag') ?? '';
        await full.arrayBuffer();
        const again = await get(path, { 'if-none-match': etag });
        assert.equal(again.status, 304);
        for (const missing of [
          fileUrl(rec, 'nope.txt'),
          `/api/files/docs/nope/${rec.many[0]}`,
          `/api/files/nope/${rec.id}/${rec.many[0]}`,
        ]) {
          const res = await get(missing);
          assert.equal(res.status, 404, missing);
          assert.equal(((await res.json()) as any).message, "The requested resource wasn't found.");
        }
      });

      it('makes each allowed thumbnail once and serves the original otherwise', async () => {
        const rec = await env.pb.collection('docs').create({ one: new File([await png(300, 200)], 'pic.png') });
        const responses = await Promise.all(
          Array.from({ length: 6 }, () => get(fileUrl(rec, rec.one, '?thumb=100x100'))),
        );
        for (const res of responses) {
          assert.equal(res.status, 200);
          assert.deepEqual(await imageInfo(Buffer.from(await res.arrayBuffer())), {
            width: 100,
            height: 100,
            format: 'png',
          });
        }
        const cases: Array<[string, number, number]> = [
          ['50x0', 50, 33],
          ['40x40f', 40, 27],
          ['30x20t', 30, 20],
          ['77x77', 300, 200],
          ['0x0', 300, 200],
        ];
        for (const [thumb, width, height] of cases) {
          const res = await get(fileUrl(rec, rec.one, `?thumb=${thumb}`));
          const info = await imageInfo(Buffer.from(await res.arrayBuffer()));
          assert.deepEqual([info.width, info.height], [width, height], thumb);
        }
        const thumbs = await env.keys(`${docs.id}/${rec.id}/thumbs_${rec.one}/`);
        assert.equal(thumbs.length, 4);
        const res = await get(fileUrl(rec, rec.one, '?thumb=100x100'));
        assert.equal(res.headers.get('content-disposition'), `inline; filename=100x100_${rec.one}`);

        const corrupt = Buffer.concat([(await png()).subarray(0, 60), Buffer.alloc(200, 7)]);
        const bad = await env.pb.collection('docs').create({ one: new File([corrupt], 'broken.png') });
        const served = await get(fileUrl(bad, bad.one, '?thumb=100x100'));
        assert.equal(served.status, 200);
        assert.deepEqual(Buffer.from(await served.arrayBuffer()), corrupt);
      });

      it('refuses a decompression bomb a thumbnail and serves the original', async () => {
        const bomb = pngBomb();
        const rec = await env.pb.collection('docs').create({ one: new File([bomb], 'bomb.png') });
        const res = await get(fileUrl(rec, rec.one, '?thumb=100x100'));
        assert.equal(res.status, 200);
        assert.equal(Buffer.from(await res.arrayBuffer()).length, bomb.length);
      });

      it('replaces, appends, prepends and removes files, removing dropped ones after the commit', async () => {
        const c = env.pb.collection('docs');
        const rec = await c.create({ many: [new File(['a'], 'a.txt'), new File(['b'], 'b.txt')] });
        const [a, b] = rec.many;
        let next = await c.update(rec.id, { 'many+': new File(['c'], 'c.txt') });
        assert.deepEqual(next.many.slice(0, 2), [a, b]);
        const cName = next.many[2];
        next = await c.update(rec.id, { '+many': new File(['d'], 'd.txt') });
        const dName = next.many[0];
        assert.deepEqual(next.many, [dName, a, b, cName]);
        next = await c.update(rec.id, { 'many-': [a, cName] });
        assert.deepEqual(next.many, [dName, b]);
        assert.deepEqual((await stored(rec)).sort(), [dName, b].sort());
        next = await c.update(rec.id, { many: [b, new File(['e'], 'e.txt')] });
        assert.equal(next.many[0], b);
        assert.equal(next.many.length, 2);
        assert.deepEqual((await stored(rec)).sort(), [...next.many].sort());
        next = await c.update(rec.id, { many: [] });
        assert.deepEqual(next.many, []);
        assert.deepEqual(await stored(rec), []);
      });

      it('serves protected files only with a file token whose record passes the view rule', async () => {
        const rec = await env.pb.collection('docs').create({ secret: new File(['top secret'], 'secret.txt') });
        const path = fileUrl(rec, rec.secret);
        assert.equal((await get(path)).status, 404);
        assert.equal((await get(path, { authorization: env.su })).status, 404, 'the Authorization header is ignored');
        const noAuth = await fetch(`${env.t.url}/api/files/token`, { method: 'POST' });
        assert.equal(noAuth.status, 401);
        const tokenRes = await fetch(`${env.t.url}/api/files/token`, {
          method: 'POST',
          headers: { authorization: user.token },
        });
        const { token } = (await tokenRes.json()) as any;
        const ok = await get(`${path}?token=${token}`);
        assert.equal(ok.status, 200);
        assert.equal(await ok.text(), 'top secret');
        assert.equal((await get(`${path}?token=${user.token}`)).status, 404, 'an auth token is not a file token');
        const sdkToken = await env.pb.files.getToken();
        assert.equal((await fetch(env.pb.files.getURL(rec, rec.secret, { token: sdkToken }))).status, 200);
      });

      it('leaves no file behind when the write fails after storing it', async () => {
        const before = await env.keys();
        const id = env.t.app.events.onRecordCreate.bind(async (e) => {
          await e.next();
          if (e.record.title === 'fail after write') throw new Error('boom');
        });
        try {
          const form = new FormData();
          form.append('title', 'fail after write');
          form.append('many', new File(['x'], 'x.txt'));
          const res = await fetch(`${env.t.url}/api/collections/docs/records`, { method: 'POST', body: form });
          assert.equal(res.status, 500);
        } finally {
          env.t.app.events.onRecordCreate.unbind(id);
        }
        assert.deepEqual(await env.keys(), before);
      });

      it('uploads in batches and rolls every file back when one sub-request fails', async () => {
        await env.api('PATCH', '/api/settings', { batch: { enabled: true } });
        const ok = env.pb.createBatch();
        ok.collection('docs').create({ title: 'b1', many: [new File(['1'], 'one.txt')] });
        ok.collection('docs').create({ title: 'b2', one: new File([await png(20, 20)], 'p.png') });
        const results = await ok.send();
        assert.equal(results.length, 2);
        const first = results[0]?.body;
        assert.equal(first.many.length, 1);
        assert.equal(await (await get(fileUrl(first, first.many[0]))).text(), '1');

        const before = await env.keys();
        const bad = env.pb.createBatch();
        bad.collection('docs').create({ title: 'b3', many: [new File(['3'], 'three.txt')] });
        bad.collection('docs').create({ pics: [new File(['not an image'], 'fake.png')] });
        await assert.rejects(bad.send(), (err: any) => err.status === 400);
        assert.deepEqual(await env.keys(), before);
      });

      it('removes files of deleted records, cascades, truncated and deleted collections after the commit', async () => {
        const parent = await env.api('POST', '/api/collections', {
          name: 'albums',
          type: 'base',
          fields: [{ name: 'cover', type: 'file', maxSelect: 1 }],
        });
        const albums = parent.json;
        const child = await env.api('POST', '/api/collections', {
          name: 'photos',
          type: 'base',
          fields: [
            { name: 'album', type: 'relation', collectionId: albums.id, maxSelect: 1, cascadeDelete: true },
            { name: 'image', type: 'file', maxSelect: 1 },
          ],
        });
        const photos = child.json;
        const a = await env.pb.collection('albums').create({ cover: new File(['c'], 'c.txt') });
        const p = await env.pb.collection('photos').create({ album: a.id, image: new File(['i'], 'i.txt') });
        assert.equal((await env.keys(`${photos.id}/${p.id}/`)).length, 1);
        await env.pb.collection('albums').delete(a.id);
        assert.deepEqual(await env.keys(`${albums.id}/`), []);
        assert.deepEqual(await env.keys(`${photos.id}/`), []);

        const b = await env.pb.collection('albums').create({ cover: new File(['c'], 'c.txt') });
        await env.pb.collection('photos').create({ album: b.id, image: new File(['i'], 'i.txt') });
        assert.equal((await env.api('DELETE', '/api/collections/albums/truncate')).status, 204);
        assert.deepEqual(await env.keys(`${albums.id}/`), []);
        assert.deepEqual(await env.keys(`${photos.id}/`), []);

        await env.pb.collection('photos').create({ image: new File(['i'], 'i.txt') });
        assert.equal((await env.keys(`${photos.id}/`)).length, 1);
        assert.equal((await env.api('DELETE', '/api/collections/photos')).status, 204);
        assert.deepEqual(await env.keys(`${photos.id}/`), []);
      });

      it('sweeps files no record names with the cleanup job', async () => {
        const crons = await env.api('GET', '/api/crons');
        assert.ok(crons.json.some((j: { id: string }) => j.id === '__basaltFilesCleanup__'));
        const rec = await env.pb.collection('docs').create({ many: [new File(['keep'], 'keep.txt')] });
        const blob = env.t.app.files.blob();
        const orphan = `${docs.id}/${rec.id}/orphan_0123456789.txt`;
        await blob.put(orphan, Buffer.from('orphan'), 'text/plain');
        await sweepUnreferencedFiles(env.t.app);
        assert.ok(await blob.exists(orphan), 'a young file is left alone');
        await sweepUnreferencedFiles(env.t.app, Date.now() + 2 * 60 * 60 * 1000);
        assert.equal(await blob.exists(orphan), false);
        assert.deepEqual(await stored(rec), rec.many);
      });

      it('tests the S3 settings', async () => {
        const res = await fetch(`${env.t.url}/api/settings/test/s3`, {
          method: 'POST',
          headers: { authorization: env.su, 'content-type': 'application/json' },
          body: JSON.stringify({ filesystem: 'storage' }),
        });
        if (store === 's3') assert.equal(res.status, 204);
        else {
          assert.equal(res.status, 400);
          assert.match(((await res.json()) as any).message, /^Failed to test the S3 filesystem\. Raw error:/);
        }
        const bad = await env.api('POST', '/api/settings/test/s3', { filesystem: 'nope' });
        assert.equal(bad.status, 400);
        assert.equal(bad.json.data.filesystem.code, 'validation_in_invalid');
      });

      describe('bad input stores nothing and leaves the record as it was', () => {
        let rec: any;
        before(async () => {
          rec = await env.pb.collection('docs').create({ title: 'keep', many: [new File(['k'], 'k.txt')] });
        });
        const png1x1 = () => png(1, 1);
        const cases: Array<{
          name: string;
          parts?: () => Promise<Array<{ name: string; filename?: string; data: string | Buffer }>>;
          raw?: () => { body: Buffer; contentType: string };
          status: number;
          field?: string;
          code?: string;
        }> = [
          {
            name: 'a file part under a non-file field',
            parts: async () => [{ name: 'title', filename: 'a.txt', data: 'x' }],
            status: 400,
            field: 'title',
            code: 'validation_not_file_field',
          },
          {
            name: 'a file part under an unknown name',
            parts: async () => [{ name: 'nothing', filename: 'a.txt', data: 'x' }],
            status: 400,
            field: 'nothing',
          },
          {
            name: 'an empty file',
            parts: async () => [{ name: 'many+', filename: 'empty.txt', data: '' }],
            status: 400,
            field: 'many',
            code: 'validation_empty_file',
          },
          ...[
            '../../etc/passwd',
            'a\\b.txt',
            'nul\u0000.txt',
            'bell\u0007.txt',
            'evil\u202Egnp.exe',
            'rlm\u200F.txt',
          ].map((filename) => ({
            name: `the file name ${JSON.stringify(filename)}`,
            parts: async () => [{ name: 'many+', filename, data: 'x' }],
            status: 400,
            field: 'many',
            code: 'validation_invalid_file_name',
          })),
          {
            name: 'a PNG that is really HTML',
            parts: async () => [{ name: 'pics', filename: 'x.png', data: '<html><body>hi</body></html>' }],
            status: 400,
            field: 'pics',
            code: 'validation_invalid_mime_type',
          },
          {
            name: 'an oversized file',
            parts: async () => [
              { name: 'pics', filename: 'big.png', data: Buffer.concat([await png1x1(), Buffer.alloc(5000)]) },
            ],
            status: 400,
            field: 'pics',
            code: 'validation_file_size_limit',
          },
          {
            name: 'too many files',
            parts: async () => [1, 2, 3].map((n) => ({ name: 'pics', filename: `${n}.png`, data: Buffer.alloc(0) })),
            status: 400,
            field: 'pics',
          },
          {
            name: 'a name that is not one of the record files',
            parts: async () => [{ name: 'many', data: 'someone_else.txt' }],
            status: 400,
            field: 'many',
            code: 'validation_invalid_file',
          },
          {
            name: 'a truncated multipart body',
            raw: () => {
              const m = multipart([{ name: 'many+', filename: 'a.txt', data: 'x'.repeat(1000) }]);
              return { ...m, body: m.body.subarray(0, 300) };
            },
            status: 400,
          },
          {
            name: 'a multipart body without a boundary',
            raw: () => ({ body: Buffer.from('garbage'), contentType: 'multipart/form-data' }),
            status: 400,
          },
          {
            name: '10,001 parts',
            raw: () => multipart(Array.from({ length: 10_001 }, (_, i) => ({ name: `f${i}`, data: 'v' }))),
            status: 413,
          },
        ];
        for (const c of cases) {
          it(c.name, async () => {
            const before = { record: await env.pb.collection('docs').getOne(rec.id), keys: await env.keys() };
            const m = c.raw ? c.raw() : multipart(await (c.parts as () => Promise<any[]>)());
            const res = await fetch(`${env.t.url}/api/collections/docs/records/${rec.id}`, {
              method: 'PATCH',
              headers: { 'content-type': m.contentType },
              body: m.body,
            });
            const json = (await res.json()) as any;
            assert.equal(res.status, c.status, JSON.stringify(json));
            assert.equal(json.status, c.status);
            if (c.field) assert.ok(json.data[c.field], JSON.stringify(json));
            if (c.code) assert.equal(json.data[c.field as string].code, c.code);
            assert.deepEqual(await env.pb.collection('docs').getOne(rec.id), before.record);
            assert.deepEqual(await env.keys(), before.keys);
            assert.deepEqual(await uploadsLeft(env), []);
          });
        }

        it('a 10,000 character name is shortened as the contract says', async () => {
          const long = `${'x'.repeat(10_000)}.txt`;
          const next = await env.pb.collection('docs').update(rec.id, { 'many+': new File(['y'], long) });
          const name = next.many[next.many.length - 1];
          assert.match(name, /^x{100}_[a-z0-9]{10}\.txt$/);
        });
      });
    });
  }
}

/** Files left in the local upload folder (none once every request is over). */
async function uploadsLeft(env: FilesEnv): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  return readdir(env.t.app.files.uploadDir).catch(() => []);
}

/**
 * A PNG whose header claims 30,000 × 30,000 pixels (900 megapixels, gigabytes once decoded) over a few
 * bytes of data: what a decompression bomb looks like to a decoder.
 */
function pngBomb(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(30_000, 0);
  ihdr.writeUInt32BE(30_000, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const idat = deflateSync(Buffer.alloc(1024 * 1024));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
