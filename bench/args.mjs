import { SCENARIO_NAMES } from './scenarios.mjs';

const USAGE = `Usage: npm run bench -- [options]

  --quick              smoke run: 10k rows, growth 1k vs 10k, 0.5 s warm-up, 2 s measured
  --db=sqlite|postgres database to run on (default sqlite)
  --connections=N      concurrent connections (default 50)
  --duration=S         seconds measured per scenario (default 10, quick 2)
  --warmup=S           seconds of warm-up per scenario (default 3, quick 0.5)
  --rows=N             posts for the main scenarios (default 100000, quick 10000)
  --search-rows=N      job postings for the full-text search scenario (default 1000000, quick 20000)
  --only=LIST          scenario names to run, comma separated ("hooks": the hooks A/B on creates; "search")
  --targets=LIST       servers to measure: basalt,http,db (default all)
  --wrk                drive load with wrk when it is installed
  --logs=on|off        request logs (default on, the server's default); off sets logs.maxDays=0 through the settings API
  --no-build           skip "npm run build"
  --rate-limits        turn rate limiting on in Basalt (PATCH /api/settings) with the default rules, each
                       raised to 1e9 requests so no scenario is refused: measures the cost of counting
  --no-docs            write only the timestamped JSON (not latest-<db>.json, not docs/benchmarks.md)
  --realtime           run only the realtime scenario: a separate load process opens --clients SSE
                       connections to one Basalt, one change fans out to all of them; the same against a
                       bare node:http SSE server as the ceiling (connect rate, latency p50/p99, RSS)
  --clients=N          SSE connections for --realtime (default 10000)
  --help               this text
`;

const DEFAULTS = {
  db: 'sqlite',
  connections: 50,
  build: true,
  docs: true,
  wrk: false,
  quick: false,
  rateLimits: false,
  realtime: false,
};

function number(name, value) {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} needs a positive number, got "${value}"`);
  return n;
}

function list(value) {
  return String(value)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Parses the command line into a frozen options object; throws on unknown flags. */
export function parseOptions(argv) {
  const raw = {};
  for (const arg of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`unexpected argument "${arg}"`);
    raw[m[1]] = m[2] ?? true;
  }
  if (raw.help) return { help: USAGE };
  const known = [
    'quick',
    'db',
    'connections',
    'duration',
    'warmup',
    'rows',
    'only',
    'targets',
    'wrk',
    'no-build',
    'no-docs',
    'logs',
    'rate-limits',
    'realtime',
    'clients',
    'search-rows',
  ];
  for (const key of Object.keys(raw)) {
    if (!known.includes(key)) throw new Error(`unknown option --${key}\n\n${USAGE}`);
  }
  const quick = raw.quick === true;
  const opts = {
    ...DEFAULTS,
    quick,
    db: raw.db ?? DEFAULTS.db,
    connections: raw.connections ? number('connections', raw.connections) : DEFAULTS.connections,
    duration: raw.duration ? number('duration', raw.duration) : quick ? 2 : 10,
    warmup: raw.warmup ? number('warmup', raw.warmup) : quick ? 0.5 : 3,
    rows: raw.rows ? number('rows', raw.rows) : quick ? 10_000 : 100_000,
    searchRows: raw['search-rows'] ? number('search-rows', raw['search-rows']) : quick ? 20_000 : 1_000_000,
    only: raw.only ? list(raw.only) : null,
    targets: raw.targets ? list(raw.targets) : ['basalt', 'http', 'db'],
    wrk: raw.wrk === true,
    build: raw['no-build'] !== true,
    docs: raw['no-docs'] !== true,
    logs: raw.logs ?? 'on',
    rateLimits: raw['rate-limits'] === true,
    realtime: raw.realtime === true,
    clients: raw.clients ? number('clients', raw.clients) : 10_000,
  };
  if (!['sqlite', 'postgres'].includes(opts.db)) throw new Error(`--db must be sqlite or postgres, got "${opts.db}"`);
  if (!['on', 'off'].includes(opts.logs)) throw new Error(`--logs must be on or off, got "${opts.logs}"`);
  for (const t of opts.targets) {
    if (!['basalt', 'http', 'db'].includes(t)) throw new Error(`unknown target "${t}"`);
  }
  for (const name of opts.only ?? []) {
    if (!SCENARIO_NAMES.includes(name) && name !== 'hooks' && name !== 'search')
      throw new Error(`unknown scenario "${name}" (one of ${SCENARIO_NAMES.join(', ')}, hooks, search)`);
  }
  opts.growth = quick ? { small: 1_000, large: opts.rows } : { small: 10_000, large: 1_000_000 };
  return Object.freeze(opts);
}
