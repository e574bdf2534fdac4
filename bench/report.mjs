import { GROWTH_TARGETS, PROCESS_TARGETS, SCENARIO_TARGETS, SEARCH_TARGET } from './targets.mjs';

const int = (n) => (n == null || !Number.isFinite(n) ? '–' : Math.round(n).toLocaleString('en-US'));
const ms = (n) =>
  n == null || !Number.isFinite(n) ? '–' : Number.isInteger(n) ? String(n) : n < 10 ? n.toFixed(2) : n.toFixed(1);
const mb = (n) => (n == null || !Number.isFinite(n) ? '–' : `${n.toFixed(0)} MB`);
const pct = (a, b) => (a && b && b.rps > 0 ? `${Math.round((100 * a.rps) / b.rps)}%` : '–');
const mark = (met) => (met === true ? ' ✓' : met === false ? ' ✗' : '');

function rps(r) {
  if (!r) return '–';
  if (r.failed) return 'failed';
  const bad = r.errors + r.non2xx;
  return `${int(r.rps)}${bad > 0 ? ` (${int(bad)} err)` : ''}`;
}

const latency = (r) => (r && !r.failed ? `${ms(r.p50)} / ${ms(r.p99)}` : '–');

export function scenarioRows(res) {
  const head = [
    'scenario',
    'Basalt req/s',
    'p50 / p99 ms',
    '(a) http req/s',
    '(b) db req/s',
    '(b) p50 / p99',
    'Basalt ÷ (b)',
    'target',
  ];
  const body = res.scenarios.map((s) => {
    const r = s.results;
    const t = SCENARIO_TARGETS[s.name];
    const target = t ? `${t.text}${mark(t.met(r, res.options.db))}` : '';
    return [
      s.label,
      rps(r.basalt),
      latency(r.basalt),
      rps(r.http),
      rps(r.db),
      latency(r.db),
      pct(r.basalt, r.db),
      target,
    ];
  });
  return [head, ...body];
}

export function growthRows(res) {
  const head = ['scenario', 'rows', 'Basalt req/s', 'cost ×', '(b) req/s', '(b) cost ×', 'target'];
  const body = [];
  for (const g of res.growth) {
    const t = GROWTH_TARGETS[g.name];
    const target = t ? `${t.text}${mark(t.met(g.ratio.basalt))}` : '';
    body.push([g.label, int(g.small.rows), rps(g.small.basalt), '1.00', rps(g.small.db), '1.00', '']);
    const ratio = (v) => (v == null ? '–' : v.toFixed(2));
    body.push([
      '',
      int(g.large.rows),
      rps(g.large.basalt),
      ratio(g.ratio.basalt),
      rps(g.large.db),
      ratio(g.ratio.db),
      target,
    ]);
  }
  return [head, ...body];
}

export function processRows(res) {
  const p = res.process;
  const line = (name, key, value, fmt) => {
    const t = PROCESS_TARGETS[key];
    return [name, fmt(value), t && value != null ? `${t.text}${mark(t.met(value))}` : ''];
  };
  return [
    ['figure', 'Basalt', 'target'],
    line('start → healthy', 'startMs', p.basalt?.startMs, (v) => (v == null ? '–' : `${Math.round(v)} ms`)),
    line('idle RSS', 'idleRssMb', p.basalt?.idleRssMb, mb),
    line('peak RSS under load (100 ms samples)', 'peakRssMb', p.basalt?.peakRssMb, mb),
    line('peak RSS (VmHWM)', 'hwmMb', p.basalt?.hwmMb, mb),
    ['start → healthy, (a) / (b)', `${int(p.http?.startMs)} / ${int(p.db?.startMs)} ms`, ''],
  ];
}

function textTable(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const fmt = (r) =>
    r
      .map((c, i) => String(c).padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [fmt(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(fmt)].join('\n');
}

export function markdownTable(rows) {
  const esc = (c) => String(c).replaceAll('|', '\\|');
  const line = (r) => `| ${r.map(esc).join(' | ')} |`;
  return [line(rows[0]), `|${rows[0].map(() => '---').join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

/** The full-text search scenario in one line, with its target. */
export function searchLine(res) {
  const s = res.search;
  const t = SEARCH_TARGET;
  const met = res.options.db === 'sqlite' && s.rows >= 1_000_000 ? t.met(s) : null;
  return (
    `Search: ${int(s.rows)} postings, one client, ${s.queries} queries (matches ${int(s.matches.min)}–${int(s.matches.max)}, ` +
    `median ${int(s.matches.median)}), guest with list rule, totals, relevance order: ${int(s.requests)} requests, ` +
    `p50 ${ms(s.p50)} ms, p95 ${ms(s.p95)} ms, p99 ${ms(s.p99)} ms${s.errors ? `, ${int(s.errors)} errors` : ''}; ` +
    `target ${t.text}${mark(met)} (index built while seeding: ${s.seedSeconds.toFixed(0)} s)`
  );
}

/** The stdout report. */
export function renderText(res) {
  const parts = [
    `Basalt benchmark, ${res.options.db}, ${res.rows.toLocaleString('en-US')} posts, ${res.options.connections} connections, ${res.tool}`,
    '',
    textTable(scenarioRows(res)),
    '',
    'Growth (cost × = req/s at the small size ÷ req/s at the large size)',
    textTable(growthRows(res)),
    '',
    textTable(processRows(res)),
  ];
  if (res.search) parts.push('', searchLine(res));
  if (res.failures.length) parts.push('', 'Problems:', ...res.failures.map((f) => `  - ${f}`));
  return `${parts.join('\n')}\n`;
}
