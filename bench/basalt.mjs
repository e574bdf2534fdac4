import { join } from 'node:path';
import { must } from './api.mjs';
import { freePort, run, start, waitHealthy } from './proc.mjs';
import { notesCollection, postsCollection, SUPERUSER } from './schema.mjs';
import { describeCollection } from './shape.mjs';

const cli = (root) => join(root, 'bin', 'basalt');

/** Creates the superuser with the CLI, starts `basalt serve` and times start → healthy. */
export async function startBasalt({ root, dataDir, dbUrl, logDir }) {
  const dbArgs = dbUrl ? [`--db=${dbUrl}`] : [];
  const upsert = await run(
    process.execPath,
    [cli(root), 'superuser', 'upsert', SUPERUSER.email, SUPERUSER.password, `--dir=${dataDir}`, ...dbArgs],
    { cwd: root },
  );
  if (upsert.code !== 0) throw new Error(`basalt superuser upsert failed: ${(upsert.stderr || upsert.stdout).trim()}`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // BENCH_NODE_OPTIONS passes flags to the server's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
  const nodeFlags = (process.env.BENCH_NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean);
  const args = [...nodeFlags, cli(root), 'serve', `--http=127.0.0.1:${port}`, `--dir=${dataDir}`, ...dbArgs];
  const t0 = performance.now();
  const child = start(process.execPath, args, join(logDir, 'basalt.log'), { cwd: root });
  const startMs = await waitHealthy(url, child, t0);
  return { name: 'basalt', child, url, startMs, log: join(logDir, 'basalt.log') };
}

/** The default rate-limit rules with limits no scenario reaches: rule selection and counting still run. */
const UNREACHABLE_DEFAULT_RULES = [
  { label: '*:auth', audience: '', duration: 3, maxRequests: 1e9 },
  { label: '*:create', audience: '', duration: 5, maxRequests: 1e9 },
  { label: '/api/batch', audience: '', duration: 1, maxRequests: 1e9 },
  { label: '/api/', audience: '', duration: 10, maxRequests: 1e9 },
];

/**
 * Signs in as superuser and creates the benchmark collections through the API; returns their descriptions.
 * `logs: 'off'` turns request logging off first (logs.maxDays = 0); `rateLimits` turns rate limiting on
 * (every scenario but the superuser's setup is counted); both through the settings API.
 */
export async function createCollections(url, { logs = 'on', rateLimits = false } = {}) {
  const auth = await must(url, 'POST', '/api/collections/_superusers/auth-with-password', {
    body: { identity: SUPERUSER.email, password: SUPERUSER.password },
  });
  const token = auth.token;
  if (logs === 'off') await must(url, 'PATCH', '/api/settings', { body: { logs: { maxDays: 0 } }, token });
  if (rateLimits) {
    const body = { rateLimits: { enabled: true, rules: UNREACHABLE_DEFAULT_RULES } };
    const saved = await must(url, 'PATCH', '/api/settings', { body, token });
    if (saved?.rateLimits?.enabled !== true) throw new Error('PATCH /api/settings did not turn rate limits on');
  }
  await must(url, 'PATCH', '/api/collections/users', { body: { viewRule: '' }, token });
  await must(url, 'POST', '/api/collections', { body: postsCollection(), token });
  await must(url, 'POST', '/api/collections', { body: notesCollection(), token });
  const describe = async (name) => describeCollection(await must(url, 'GET', `/api/collections/${name}`, { token }));
  return { users: await describe('users'), posts: await describe('posts'), notes: await describe('notes') };
}
