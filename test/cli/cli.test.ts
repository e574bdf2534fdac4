import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ROOT, runCli, type ServerProcess, startProcess, tempDir } from '../harness/index.js';

const VERSION = (JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { version: string }).version;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

async function signIn(url: string, identity: string, password: string): Promise<number> {
  const res = await fetch(`${url}/api/collections/_superusers/auth-with-password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identity, password }),
  });
  await res.arrayBuffer();
  return res.status;
}

/** Checks that the CLI printed one line; Node's own process warnings (`(node:PID) …`) are not the CLI's output. */
function assertOneLine(output: string, pattern: RegExp): void {
  const text = output.replace(/^\(node:\d+\) .*\n|^\(Use `node --trace-warnings.*\n/gm, '');
  assert.match(text, /^[^\n]+\n$/, `expected exactly one line, got ${JSON.stringify(output)}`);
  assert.match(text, pattern);
}

describe('basalt: help, version and bad arguments', () => {
  it('prints the overview for --help, -h and no arguments', () => {
    for (const args of [['--help'], ['-h'], []]) {
      const r = runCli(args);
      assert.equal(r.status, 0, args.join(' '));
      assert.equal(r.stderr, '');
      for (const word of [
        'Usage:',
        'serve',
        'superuser upsert EMAIL PASSWORD',
        'superuser delete EMAIL',
        '--version',
      ]) {
        assert.ok(r.stdout.includes(word), `${word} in ${r.stdout}`);
      }
    }
  });

  it('prints the version from package.json', () => {
    const r = runCli(['--version']);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `basalt ${VERSION}\n`);
  });

  it('prints the help of each command', () => {
    const cases: Array<[string[], string[]]> = [
      [
        ['serve', '--help'],
        ['basalt serve', '--http=HOST:PORT', '--dir=PATH', '--db=URL', 'SIGTERM'],
      ],
      [['serve', '-h'], ['basalt serve']],
      [
        ['superuser', '--help'],
        ['basalt superuser upsert EMAIL PASSWORD', 'basalt superuser delete EMAIL'],
      ],
      [
        ['superuser', 'upsert', '--help'],
        ['basalt superuser upsert EMAIL PASSWORD', '--dir=PATH'],
      ],
      [
        ['superuser', 'delete', '--help'],
        ['basalt superuser delete EMAIL', 'last remaining superuser'],
      ],
    ];
    for (const [args, words] of cases) {
      const r = runCli(args);
      assert.equal(r.status, 0, args.join(' '));
      for (const word of words) assert.ok(r.stdout.includes(word), `${word} in help of ${args.join(' ')}`);
    }
  });

  it('rejects bad arguments with one line on stderr and exit code 2', () => {
    const cases: Array<[string[], RegExp]> = [
      [['frobnicate'], /unknown command "frobnicate"/],
      [['--verbose'], /unknown flag "--verbose"/],
      [['toString'], /unknown command "toString"/],
      [['serve', '--constructor=x'], /unknown flag "--constructor"/],
      [['serve', '--nope=1'], /unknown flag "--nope"/],
      [['serve', 'extra'], /unexpected argument "extra"/],
      [['serve', '--http=nonsense'], /invalid --http address "nonsense"/],
      [['serve', '--http=127.0.0.1:99999'], /invalid --http address/],
      [['serve', '--dir'], /"--dir" needs a value/],
      [['serve', '--log-level=loud'], /invalid --log-level "loud"/],
      [['serve', '--help=yes'], /takes no value/],
      [['serve', '--origins=https://a.example/app'], /invalid --origins entry "https:\/\/a.example\/app"/],
      [['serve', '--origins=*,https://a.example'], /must stand alone/],
      [['serve', '--origins='], /invalid --origins ""/],
      [['serve', '--public-dir='], /invalid --public-dir ""/],
      [['serve', '--index-fallback=yes'], /takes no value/],
      [['superuser'], /missing subcommand/],
      [['superuser', 'frob'], /unknown command "superuser frob"/],
      [['superuser', 'upsert', 'a@example.com'], /missing PASSWORD/],
      [['superuser', 'upsert'], /missing EMAIL PASSWORD/],
      [['superuser', 'delete'], /missing EMAIL/],
      [['superuser', 'delete', 'a@example.com', 'b@example.com'], /unexpected argument "b@example.com"/],
    ];
    for (const [args, pattern] of cases) {
      const r = runCli(args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assertOneLine(r.stderr, pattern);
      assert.match(r.stderr, /^basalt: .*--help" for usage\.\n$/);
    }
  });
});

describe('basalt superuser', () => {
  const dir = tempDir();
  const su = (...args: string[]) => runCli(['superuser', ...args, `--dir=${dir}`]);

  it('upsert creates a superuser', () => {
    const r = su('upsert', 'admin@example.com', 'first-password-1');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /admin@example\.com/);
  });

  it('upsert of an existing email sets its password', () => {
    const r = runCli(['superuser', 'upsert', 'admin@example.com', 'second-password-2', '--dir', dir]);
    assert.equal(r.status, 0, r.stderr);
  });

  it('reports validation failures in one line with exit code 1', () => {
    const short = su('upsert', 'short@example.com', 'short');
    assert.equal(short.status, 1);
    assertOneLine(short.stderr, /password: Must be at least 8 character/);
    const email = su('upsert', 'not-an-email', 'long-enough-password');
    assert.equal(email.status, 1);
    assertOneLine(email.stderr, /email: Must be a valid email address/);
  });

  it('delete removes a superuser, and says so when there is none with that email', () => {
    assert.equal(su('upsert', 'second@example.com', 'second-password-2').status, 0);
    const r = su('delete', 'second@example.com');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /second@example\.com/);
    const again = su('delete', 'second@example.com');
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /does not exist/);
  });

  it('refuses to delete the last superuser', () => {
    const r = su('delete', 'admin@example.com');
    assert.equal(r.status, 1);
    assertOneLine(r.stderr, /only existing superuser/);
  });

  it('leaves superusers the server can authenticate', async () => {
    const proc = await startProcess({ dir });
    try {
      assert.equal(await signIn(proc.url, 'admin@example.com', 'second-password-2'), 200);
      assert.equal(await signIn(proc.url, 'admin@example.com', 'first-password-1'), 400);
      assert.equal(await signIn(proc.url, 'second@example.com', 'second-password-2'), 400);
      assert.equal(await signIn(proc.url, 'short@example.com', 'short'), 400);
    } finally {
      assert.equal((await proc.stop()).code, 0);
    }
  });
});

describe('basalt serve', () => {
  let proc: ServerProcess | undefined;
  after(async () => {
    await proc?.stop('SIGKILL');
  });

  it('prints the URLs, and how to create a superuser when there is none', async () => {
    proc = await startProcess();
    const p = proc;
    await waitUntil(() => p.stdout().includes('superuser upsert'), 'the superuser hint');
    assert.ok(p.stdout().includes(`Server started at ${p.url}\n`), p.stdout());
    assert.ok(p.stdout().includes(`├─ REST API: ${p.url}/api/\n`), p.stdout());
    assert.ok(p.stdout().includes(`basalt superuser upsert EMAIL PASSWORD --dir=${p.dir}`), p.stdout());
    assert.equal((await p.stop()).code, 0);
  });

  it('prints no hint once a superuser exists', async () => {
    const dir = tempDir();
    assert.equal(runCli(['superuser', 'upsert', 'boss@example.com', 'boss-password-1', `--dir=${dir}`]).status, 0);
    proc = await startProcess({ dir });
    const p = proc;
    await waitUntil(() => p.stdout().includes('REST API'), 'the banner');
    await sleep(200);
    assert.ok(!p.stdout().includes('superuser upsert'), p.stdout());
    assert.equal((await p.stop('SIGINT')).code, 0);
  });

  it('fails with exit code 1 and one line when the address is taken', async () => {
    const blocker = createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const { port } = blocker.address() as { port: number };
    try {
      const r = runCli(['serve', `--http=127.0.0.1:${port}`, `--dir=${tempDir()}`, '--log-level=silent']);
      assert.equal(r.status, 1);
      assertOneLine(r.stderr, /already in use/);
    } finally {
      blocker.close();
    }
  });
});

describe('basalt serve: graceful shutdown', () => {
  let proc: ServerProcess;
  before(async () => {
    proc = await startProcess();
  });
  after(async () => {
    await proc.stop('SIGKILL');
  });

  it('on SIGTERM stops accepting, finishes the open request, then exits 0', async () => {
    const port = Number(new URL(proc.url).port);
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    let response = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      response += chunk;
    });
    const body = JSON.stringify({ identity: 'nobody@example.com', password: 'not-the-password' });
    socket.write(
      'POST /api/collections/users/auth-with-password HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n' +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
    );
    await sleep(200);
    proc.child.kill('SIGTERM');
    await waitUntil(() => proc.stdout().includes('SIGTERM'), 'the shutdown to start');
    await sleep(200);
    assert.equal(proc.child.exitCode, null, 'the process waits for the open request');
    const refused = connect(port, '127.0.0.1');
    const [err] = (await once(refused, 'error')) as [NodeJS.ErrnoException];
    assert.equal(err.code, 'ECONNREFUSED');
    socket.write(body.slice(10));
    const exit = await proc.exited;
    assert.equal(exit.code, 0);
    assert.match(response, /^HTTP\/1\.1 400 /);
    assert.ok(response.includes('"Failed to authenticate."'), response);
    assert.ok(proc.stdout().includes('Server stopped.'), proc.stdout());
  });
});
