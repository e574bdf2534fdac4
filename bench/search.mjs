import { must } from './api.mjs';
import { say } from './log.mjs';
import { SUPERUSER } from './schema.mjs';
import { postingRow, SEARCH_QUERIES } from './search-data.mjs';

const BATCH = 10_000;
const PER_PAGE = 20;

/** The searchable collection: postings listed when open, searched in title and body. */
const POSTINGS = {
  name: 'postings',
  listRule: 'open = true',
  viewRule: 'open = true',
  fields: [
    { name: 'title', type: 'text' },
    { name: 'body', type: 'text' },
    { name: 'open', type: 'bool' },
  ],
  searchFields: ['title', 'body'],
};

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function timedGet(url, retry = true) {
  const t0 = performance.now();
  try {
    const res = await fetch(url);
    const body = await res.json();
    return { ms: performance.now() - t0, status: res.status, total: body.totalItems };
  } catch (e) {
    // after the long seeding the server may have closed the idle keep-alive socket just as it is reused
    if (retry) return timedGet(url, false);
    throw e;
  }
}

/**
 * Full-text search on `rows` postings through Basalt's list endpoint, as a guest (the list rule
 * applies), with exact totals and relevance order: one client sending one query after another for
 * `seconds`, cycling through SEARCH_QUERIES. Latency, not throughput, is what a search box feels.
 */
export async function searchBenchmark(session, { rows, seconds, warmup }) {
  const basalt = session.servers.basalt;
  if (!basalt) return null;
  const auth = await must(basalt.url, 'POST', '/api/collections/_superusers/auth-with-password', {
    body: { identity: SUPERUSER.email, password: SUPERUSER.password },
  });
  await must(basalt.url, 'POST', '/api/collections', { body: POSTINGS, token: auth.token });
  say(`seeding ${rows.toLocaleString('en-US')} postings (the full-text index follows every insert)`);
  const t0 = performance.now();
  for (let start = 0; start < rows; start += BATCH) {
    const batch = [];
    for (let i = start; i < Math.min(rows, start + BATCH); i++) batch.push(postingRow(i));
    await session.seeder.insert('postings', batch);
  }
  await session.seeder.settle();
  const seedSeconds = (performance.now() - t0) / 1000;
  say(`seeded in ${seedSeconds.toFixed(1)} s; measuring search`);
  const urls = SEARCH_QUERIES.map(
    (q) => `${basalt.url}/api/collections/postings/records?perPage=${PER_PAGE}&search=${encodeURIComponent(q)}`,
  );
  const matches = [];
  for (const url of urls) matches.push((await timedGet(url)).total);
  const run = async (duration) => {
    const times = [];
    let bad = 0;
    const end = performance.now() + duration * 1000;
    for (let i = 0; performance.now() < end; i++) {
      const r = await timedGet(urls[i % urls.length]);
      if (r.status !== 200) bad++;
      times.push(r.ms);
    }
    return { times, bad };
  };
  await run(warmup);
  const { times, bad } = await run(seconds);
  times.sort((a, b) => a - b);
  const sortedMatches = [...matches].sort((a, b) => a - b);
  return {
    rows,
    queries: SEARCH_QUERIES.length,
    requests: times.length,
    errors: bad,
    p50: quantile(times, 0.5),
    p95: quantile(times, 0.95),
    p99: quantile(times, 0.99),
    matches: { min: sortedMatches[0], median: quantile(sortedMatches, 0.5), max: sortedMatches.at(-1) },
    seedSeconds,
  };
}
