import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DIALECTS, ROOT, runCli, startApp, startProcess, tempDir } from '../harness/index.js';
import { call, eventually, project } from './project.js';

/** Starting with these hook files fails; resolves with the error message. */
async function startFails(dialect: (typeof DIALECTS)[number], files: Record<string, string>): Promise<string> {
  const p = project();
  for (const [name, code] of Object.entries(files)) p.hook(name, code);
  try {
    const t = await startApp({ dialect, flags: p.flags });
    await t.close();
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  throw new Error('the server started');
}

for (const dialect of DIALECTS) {
  describe(`loading hook files (${dialect})`, () => {
    it('stops at a file that does not compile, naming the file and line', async () => {
      const message = await startFails(dialect, {
        'a.ts': 'export default () => {};\n',
        'b.ts': 'const x: number = 1;\nexport default (app) => {\n  app.routerAdd("GET", "/x", (e) => {\n',
      });
      assert.match(message, /basalt_hooks\/b\.ts:\d+: /);
    });

    it('stops at a file that throws while loading, naming the file and line', async () => {
      const message = await startFails(dialect, {
        'main.ts': 'interface A { a: string }\nconst a: A = { a: "x" };\n\nthrow new Error("broken " + a.a);\n',
      });
      assert.match(message, /basalt_hooks\/main\.ts:4: Error: broken x/);
    });

    it('stops at a default export that throws, and at a missing npm package', async () => {
      const thrown = await startFails(dialect, {
        'main.ts': 'export default (app: unknown) => {\n  void app;\n  throw new Error("no setup");\n};\n',
      });
      assert.match(thrown, /basalt_hooks\/main\.ts:3: no setup/);
      const missing = await startFails(dialect, {
        'main.ts': "import 'no-such-package-here';\nexport default () => {};\n",
      });
      assert.match(missing, /basalt_hooks\/main\.ts:1: .*no-such-package-here/);
    });

    it('refuses custom routes that clash with built-in routes or each other', async () => {
      const route = (method: string, path: string) =>
        `export default (app) => { app.routerAdd(${JSON.stringify(method)}, ${JSON.stringify(path)}, () => {}); };\n`;
      const builtIn = await startFails(dialect, { 'main.ts': route('GET', '/api/collections/{c}/records') });
      assert.match(
        builtIn,
        /basalt_hooks\/main\.ts: routerAdd GET \/api\/collections\/:c\/records clashes with the built-in route GET \/api\/collections\/:collection\/records/,
      );
      const shadow = await startFails(dialect, { 'main.ts': route('POST', '/api/collections/posts/records') });
      assert.match(shadow, /clashes with the built-in route POST/);
      const head = await startFails(dialect, { 'main.ts': route('HEAD', '/api/health') });
      assert.match(head, /clashes with the built-in route GET \/api\/health/);
      const twice = await startFails(dialect, {
        'a.ts': route('GET', '/api/x/{a}'),
        'b.ts': route('GET', '/api/x/{b}'),
      });
      assert.match(twice, /basalt_hooks\/b\.ts: routerAdd GET \/api\/x\/:b is already added by .*basalt_hooks\/a\.ts/);
      const bad = await startFails(dialect, { 'main.ts': route('GET', '/api/x/:id') });
      assert.match(
        bad,
        /basalt_hooks\/main\.ts:1: route path \/api\/x\/:id: segment ":id" is neither text nor \{name\}/,
      );
    });

    it('loads .ts, .mts, .js and .mjs files in name order and skips .d.ts files', async () => {
      const p = project();
      const add = (name: string) =>
        p.hook(
          name,
          `export default (app) => { app.onRecordsListRequest(async (e) => { await e.next(); e.response = { ...e.response, order: [...(e.response.order ?? []), ${JSON.stringify(name)}] }; }); };\n`,
        );
      for (const name of ['b.js', 'a.mts', 'd.ts', 'c.mjs']) add(name);
      p.hook('types.d.ts', 'declare const nothing: number;\n');
      const t = await startApp({ dialect, flags: p.flags });
      try {
        const r = await call(`${t.url}/api/collections/users/records`, 'GET', undefined, await t.superuserToken());
        // handlers bound later run outside the earlier ones: the innermost (last file) adds itself first
        assert.deepEqual(r.body.order, ['d.ts', 'c.mjs', 'b.js', 'a.mts']);
      } finally {
        await t.close();
      }
    });
  });
}

describe('hook files from the command line', () => {
  it('basalt serve exits 1 naming the hook file that failed', () => {
    const p = project();
    p.hook('main.ts', 'export default () => {\n  throw new Error("cannot start");\n};\n');
    const r = runCli(['serve', `--dir=${tempDir()}`, '--http=127.0.0.1:0', `--hooks-dir=${p.hooksDir}`]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /basalt_hooks\/main\.ts:2: cannot start/);
  });

  it('reloads a changed hook file with --dev, and keeps serving when the new code is broken', async () => {
    const p = project();
    const version = (v: string) =>
      `export default (app) => { app.routerAdd('GET', '/api/version', (e) => e.json(200, { v: '${v}' })); };\n`;
    p.hook('main.ts', version('one'));
    const proc = await startProcess({
      args: [`--hooks-dir=${p.hooksDir}`, `--migrations-dir=${p.migrationsDir}`, '--dev'],
    });
    try {
      assert.deepEqual((await call(`${proc.url}/api/version`, 'GET')).body, { v: 'one' });
      p.hook('main.ts', version('two'));
      await eventually(
        async () => (await call(`${proc.url}/api/version`, 'GET').catch(() => null))?.body?.v === 'two',
        'the reload',
      );
      p.hook('main.ts', 'export default ( => {\n');
      await eventually(() => /the hook files did not load/.test(proc.stderr()), 'the reload error');
      assert.deepEqual((await call(`${proc.url}/api/version`, 'GET')).body, { v: 'two' });
    } finally {
      await proc.stop();
    }
  });

  it("ships type declarations: `import type { BasaltApp } from 'basalt'` type-checks a hook file", () => {
    const dir = tempDir('basalt-types-');
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules', 'basalt'), 'dir');
    symlinkSync(join(ROOT, 'node_modules', '@types'), join(dir, 'node_modules', '@types'), 'dir');
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
        },
      }),
    );
    const hook = (body: string) =>
      `import { BadRequestError, type BasaltApp } from 'basalt';\nexport default (app: BasaltApp) => {\n${body}\n};\n`;
    writeFileSync(
      join(dir, 'main.ts'),
      hook(`  app.onRecordCreate(async (e) => {
    if (!e.record.get('title')) throw new BadRequestError('Title missing.');
    await e.next();
  }, 'posts');
  app.routerAdd('GET', '/api/x/{id}', (e) => e.json(200, { id: e.params.id }), app.requireAuth());
  app.cronAdd('job', '0 * * * *', async () => { await app.findRecordsByFilter('posts', 'n > {:n}', { params: { n: 1 } }); });`),
    );
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const ok = spawnSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    writeFileSync(join(dir, 'main.ts'), hook("  app.onRecordCreate((e) => e.record.nope(), 'posts');"));
    const bad = spawnSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8' });
    assert.notEqual(bad.status, 0);
    assert.match(bad.stdout, /Property 'nope' does not exist on type 'RecordModel'/);
  });
});
