import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main } from '../../src/cli/index.js';
import { loadConfig } from '../../src/config/config.js';
import { freePort, ROOT, removeDir, tempDir } from '../harness/index.js';
import { envOf, execForm, finalStage, parseDockerfile } from './dockerfile.js';

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** The test's environment without BASALT_* variables, plus `extra`. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('BASALT_')) env[k] = v;
  return { ...env, ...extra };
}

/** Runs an image command (`node bin/basalt …`) from the repository root, as the image runs it from /app. */
function runImageCommand(command: readonly string[], env: Record<string, string>) {
  assert.equal(command[0], 'node');
  return spawnSync(process.execPath, command.slice(1), { cwd: ROOT, env: cleanEnv(env), encoding: 'utf8' });
}

/** Every `BASALT_*` variable that config/ reads. */
function knownVariables(): Set<string> {
  const text = ['src/config/config.ts', 'src/config/probe.ts'].map(read).join('\n');
  return new Set(text.match(/BASALT_[A-Z_]+/g) ?? []);
}

/** True when `basalt <args>` parses (unknown flags are refused before --help is honoured). */
async function parses(args: readonly string[]): Promise<boolean> {
  const quiet = { out: () => undefined, err: () => undefined };
  return (await main([...args, '--help'], quiet)) === 0;
}

describe('Dockerfile', () => {
  const instructions = parseDockerfile(read('Dockerfile'));
  const last = finalStage(instructions);
  const imageEnv = envOf(last);
  const healthcheck = last.find((i) => i.keyword === 'HEALTHCHECK');
  const entrypoint = execForm(last.find((i) => i.keyword === 'ENTRYPOINT')?.args ?? '');
  const cmd = execForm(last.find((i) => i.keyword === 'CMD')?.args ?? '');

  it('is multi-stage, runs as a non-root user and has a health check', () => {
    assert.ok(instructions.filter((i) => i.keyword === 'FROM').length >= 2);
    const users = last.filter((i) => i.keyword === 'USER').map((i) => i.args.trim());
    assert.ok(users.length > 0 && !['root', '0'].includes(users.at(-1) as string));
    assert.ok(healthcheck, 'HEALTHCHECK');
    assert.deepEqual(entrypoint.slice(0, 2), ['node', 'bin/basalt']);
  });

  it('copies paths the build makes and sets only variables Basalt reads', async () => {
    for (const copy of last.filter((i) => i.keyword === 'COPY' && i.args.startsWith('--from=build'))) {
      const source = (copy.args.split(/\s+/)[1] as string).replace(/^\/app\//, '');
      if (source.startsWith('ui/dist')) continue; // made in the build stage when the dashboard sources exist
      assert.ok(existsSync(join(ROOT, source)), `${source} exists after npm run build`);
    }
    const known = knownVariables();
    for (const key of Object.keys(imageEnv).filter((k) => k.startsWith('BASALT_'))) assert.ok(known.has(key), key);
    assert.ok(await parses([...entrypoint.slice(2), ...cmd]));
  });

  describe('its start and health-check commands, run outside a container', () => {
    let dir: string;
    let port: number;
    let env: Record<string, string>;
    let server: ChildProcess;
    const probe = (...extra: string[]) => runImageCommand([...execForm(healthcheck?.args ?? ''), ...extra], env);

    before(async () => {
      dir = tempDir();
      port = await freePort();
      // the image's environment, with the data dir and the (wildcard) port of this test
      env = { ...imageEnv, BASALT_DIR: join(dir, 'data'), BASALT_HTTP: `0.0.0.0:${port}`, BASALT_LOG_LEVEL: 'warn' };
      const command = [...entrypoint, ...cmd];
      server = spawn(process.execPath, command.slice(1), { cwd: ROOT, env: cleanEnv(env), stdio: 'ignore' });
    });
    after(async () => {
      if (server.exitCode === null) {
        server.kill('SIGTERM');
        await once(server, 'exit');
      }
      removeDir(dir);
    });

    it('the health check passes once the server is up, and fails once it stops', async () => {
      const deadline = Date.now() + 30_000;
      let result = probe();
      while (result.status !== 0) {
        if (server.exitCode !== null) throw new Error('the server exited');
        if (Date.now() > deadline) throw new Error(`never healthy: ${result.stderr}`);
        await new Promise((r) => setTimeout(r, 200));
        result = probe();
      }
      assert.match(result.stdout, new RegExp(`healthy: http://127\\.0\\.0\\.1:${port}/api/health`));
      assert.equal(probe('--ready').status, 0);
      server.kill('SIGTERM');
      await once(server, 'exit');
      const down = probe();
      assert.equal(down.status, 1);
      assert.match(down.stderr, /unhealthy/);
    });
  });
});

/** The `KEY: value` lines of a YAML block named `name:` at `indent` spaces (a simple reader for these files). */
function block(text: string, name: string, indent: number): string {
  const lines = text.split('\n');
  const start = lines.indexOf(`${' '.repeat(indent)}${name}:`);
  assert.ok(start >= 0, `block ${name}`);
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() !== '' && line.length - line.trimStart().length <= indent) break;
    out.push(line);
  }
  return out.join('\n');
}

const yamlValue = (text: string, key: string): string | undefined =>
  new RegExp(`^\\s*${key}:\\s*(.+)$`, 'm')
    .exec(text)?.[1]
    ?.trim()
    .replace(/^"(.*)"$/, '$1');

describe('compose.yaml', () => {
  const text = read('compose.yaml');
  const services = block(text, 'services', 0);
  const basalt = block(services, 'basalt', 2);
  const environment = block(basalt, 'environment', 4);
  const env = Object.fromEntries(
    [...environment.matchAll(/^\s+(\w+):\s*(.+)$/gm)].map((m) => [m[1] as string, (m[2] as string).trim()]),
  );

  it('runs Basalt with PostgreSQL and an S3-compatible store', () => {
    for (const name of ['postgres', 'minio']) assert.ok(block(services, name, 2).length > 0, name);
    const pg = block(services, 'postgres', 2);
    const url = new URL(env.BASALT_DB as string);
    assert.equal(url.protocol, 'postgres:');
    assert.equal(url.hostname, 'postgres');
    assert.equal(url.username, yamlValue(pg, 'POSTGRES_USER'));
    assert.equal(url.password, yamlValue(pg, 'POSTGRES_PASSWORD'));
    assert.equal(url.pathname, `/${yamlValue(pg, 'POSTGRES_DB')}`);
  });

  it('sets variables Basalt reads, which it accepts as they are', () => {
    const known = knownVariables();
    const keyName = env.BASALT_ENCRYPTION_ENV as string;
    for (const key of Object.keys(env)) assert.ok(known.has(key) || key === keyName, key);
    const saved = { ...process.env };
    try {
      for (const k of Object.keys(process.env)) if (k.startsWith('BASALT_')) delete process.env[k];
      Object.assign(process.env, env);
      const config = loadConfig({ dir: tempDir() });
      assert.equal(config.port, 8090);
      assert.equal(config.host, '0.0.0.0');
      assert.equal(config.encryptionKey?.length, 32);
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });

  it('checks health with a command the CLI accepts', async () => {
    const test = JSON.parse(yamlValue(block(basalt, 'healthcheck', 4), 'test') as string) as string[];
    assert.deepEqual(test.slice(0, 3), ['CMD', 'node', 'bin/basalt']);
    assert.ok(await parses(test.slice(3)));
    const command = JSON.parse(yamlValue(basalt, 'command') as string) as string[];
    assert.ok(await parses(command));
  });
});

describe('deploy/kubernetes.yaml', () => {
  const text = read('deploy/kubernetes.yaml');

  it('runs several replicas with readiness and liveness probes on /api/health', () => {
    assert.ok(Number(yamlValue(text, 'replicas')) >= 2);
    assert.equal(yamlValue(block(text, 'readinessProbe', 10), 'path'), '/api/health?ready=1');
    assert.equal(yamlValue(block(text, 'livenessProbe', 10), 'path'), '/api/health');
    assert.equal(yamlValue(text, 'runAsNonRoot'), 'true');
  });

  it('passes flags the CLI accepts, on the port it exposes, with PostgreSQL', async () => {
    const args = JSON.parse(yamlValue(text, 'args') as string) as string[];
    assert.ok(await parses(args));
    const http = args.find((a) => a.startsWith('--http='))?.slice('--http='.length) ?? '';
    assert.equal(http.split(':').at(-1), yamlValue(text, 'containerPort'));
    assert.match(yamlValue(text, 'database-url') ?? '', /^postgres:\/\//);
    assert.equal(yamlValue(text, 'settings-key')?.length, 32);
    const known = knownVariables();
    for (const [, name] of text.matchAll(/- name: (BASALT_\w+)/g)) {
      assert.ok(known.has(name as string) || name === yamlValue(text, 'value'), name);
    }
  });
});
