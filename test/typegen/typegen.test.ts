import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import ts from 'typescript';
import { BIN, createUser, DIALECTS, ROOT, runCli, startApp, type TestApp, tempDir } from '../harness/index.js';

const run = promisify(execFile);

/** Type-checks `files` (name → source) beside the generated types; the diagnostics by file name. */
function typeCheck(dir: string, files: Record<string, string>): Map<string, string[]> {
  for (const [name, source] of Object.entries(files)) writeFileSync(join(dir, name), source);
  const program = ts.createProgram(
    Object.keys(files).map((name) => join(dir, name)),
    {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      skipLibCheck: true,
    },
  );
  const out = new Map<string, string[]>(Object.keys(files).map((name) => [name, []]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const name = d.file ? d.file.fileName.slice(dir.length + 1) : '(global)';
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    const list = out.get(name) ?? [];
    list.push(`${line}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    out.set(name, list);
  }
  return out;
}

const COLLECTIONS = [
  {
    name: 'posts',
    listRule: '',
    viewRule: '',
    createRule: '',
    updateRule: '',
    fields: [
      { name: 'title', type: 'text', required: true },
      { name: 'views', type: 'number' },
      { name: 'published', type: 'bool' },
      { name: 'status', type: 'select', values: ['draft', 'live'], maxSelect: 1 },
      { name: 'tags', type: 'select', values: ['a', 'b'], maxSelect: 2 },
      { name: 'author', type: 'relation', collectionId: '_pb_users_auth_', maxSelect: 1 },
      { name: 'cover', type: 'file', maxSelect: 1 },
      { name: 'meta', type: 'json' },
      { name: 'where', type: 'geoPoint' },
      { name: 'created', type: 'autodate', onCreate: true },
    ],
    searchFields: ['title'],
  },
  // names that are not TypeScript identifiers, and two that come out the same
  {
    name: '1st_things',
    listRule: '',
    fields: [
      { name: 'class', type: 'text' },
      { name: '2nd', type: 'number' },
    ],
  },
  { name: 'post_titles', type: 'view', listRule: '', viewRule: '', viewQuery: 'SELECT id, title FROM posts' },
  { name: 'postTitles', fields: [{ name: 'x', type: 'text' }] },
];

const GOOD = `import { typedPocketBase, type PostsRecord } from './types.js';
const pb = typedPocketBase(process.argv[2]);
const created = await pb.collection('posts').create({ title: 'Typed', tags: ['a'], status: 'live', author: process.argv[3] });
const post: PostsRecord = await pb.collection('posts').getOne(created.id, { expand: 'author' });
const title: string = post.title;
const status: 'draft' | 'live' | '' = post.status;
const where: { lon: number; lat: number } = post.where;
const authorEmail: string | undefined = post.expand?.author?.email;
const updated = await pb.collection('posts').update(post.id, { 'tags+': 'b', 'views+': 2 });
const tags: Array<'a' | 'b'> = updated.tags;
const views: number = updated.views;
const page = await pb.collection('posts').getList(1, 10);
const first: string | undefined = page.items[0]?.title;
const found = await pb.collection('posts').getList(1, 10, { search: 'typ', sort: '-@rank' });
const hit: string | undefined = found.items[0]?.title;
const untyped = await pb.collection('not_known').getOne(created.id).catch(() => null);
const row = await pb.collection('post_titles').getFirstListItem('title = "Typed"');
const thing = await pb.collection('1st_things').getList(1, 1);
const cls: string | undefined = thing.items[0]?.class;
const n: number | undefined = thing.items[0]?.['2nd'];
console.log(JSON.stringify({ title, status, tags, views, where, authorEmail, first, hit, untyped, row: row.title, cls, n }));
`;

const BAD = `import { typedPocketBase } from './types.js';
const pb = typedPocketBase('http://127.0.0.1:1');
const post = await pb.collection('posts').getOne('x');
post.nope;
const n: number = post.title;
await pb.collection('posts').create({ tags: ['a'] });
await pb.collection('posts').create({ title: 't', status: 'other' });
await pb.collection('posts').update('x', { tags: ['zzz'] });
await pb.collection('post_titles').create({ title: 't' });
`;

for (const dialect of DIALECTS) {
  describe(`basalt typegen (${dialect})`, () => {
    let t: TestApp;
    let dir: string;
    let userId: string;

    before(async () => {
      t = await startApp({ dialect });
      const su = await t.superuserToken();
      for (const c of COLLECTIONS) {
        const res = await fetch(`${t.url}/api/collections`, {
          method: 'POST',
          headers: { authorization: su, 'content-type': 'application/json' },
          body: JSON.stringify(c),
        });
        assert.equal(res.status, 200, await res.text());
      }
      userId = (await createUser(t, 'typed@example.com')).id;
      dir = tempDir();
      // the generated file imports the SDK, resolved from the project's packages
      symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
      const out = join(dir, 'types.ts');
      const r = await run(process.execPath, [BIN, 'typegen', `--url=${t.url}`, `--token=${su}`, `--out=${out}`]);
      assert.match(r.stderr, /Wrote the types of \d+ collections/);
    });
    after(async () => {
      await t?.close();
    });

    it('compiles against the SDK, and code using it runs against the server', async () => {
      const diagnostics = typeCheck(dir, { 'good.ts': GOOD });
      assert.deepEqual([...diagnostics.values()].flat(), []);
      const r = await run(process.execPath, ['--import', 'tsx', join(dir, 'good.ts'), t.url, userId], { cwd: dir });
      const seen = JSON.parse(r.stdout);
      assert.equal(seen.title, 'Typed');
      assert.deepEqual(seen.tags, ['a', 'b']);
      assert.equal(seen.views, 2);
      assert.equal(seen.hit, 'Typed');
      assert.equal(seen.row, 'Typed');
    });

    it('turns wrong uses of fields into compile errors', () => {
      const errors = typeCheck(dir, { 'bad.ts': BAD }).get('bad.ts') ?? [];
      const lines = new Set(errors.map((e) => Number(e.split(':')[0])));
      for (const line of [4, 5, 6, 7, 8, 9]) assert.ok(lines.has(line), `line ${line} fails: ${errors.join('\n')}`);
    });

    it('names types safely for names that are not identifiers', () => {
      const source = readFileSync(join(dir, 'types.ts'), 'utf8');
      assert.match(source, /export interface C1stThingsRecord \{/);
      assert.match(source, /"2nd": number;/);
      assert.match(source, /export interface PostTitlesRecord \{/);
      assert.match(source, /export interface PostTitles2Record \{/);
      assert.match(source, /status: "draft" \| "live" \| "";/);
    });
  });
}

describe('basalt typegen from a data directory', () => {
  it('prints the types of a fresh data directory', () => {
    const r = runCli(['typegen', `--dir=${tempDir()}`]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /export interface UsersRecord \{/);
    assert.match(r.stdout, /export interface UsersCreate \{[^}]*passwordConfirm: string;/s);
    assert.doesNotMatch(r.stdout.match(/export interface UsersRecord \{[^}]*\}/s)?.[0] ?? '', /password|tokenKey/);
  });

  it('refuses conflicting sources', () => {
    const r = runCli(['typegen', '--url=http://127.0.0.1:1', `--dir=${tempDir()}`]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /not both/);
  });
});
