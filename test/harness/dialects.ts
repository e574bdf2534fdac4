import { startPostgres } from './postgres.js';
/** The databases a suite can run against. Add a name here and a setup in SETUPS when a dialect lands. */
export type Dialect = 'sqlite' | 'postgres';

export interface DialectSetup {
  /** serve/CLI flags that point Basalt at the database (`db`, …) */
  flags: Record<string, string>;
  /** drops what the setup created */
  cleanup(): Promise<void>;
}

const SETUPS: Partial<Record<Dialect, () => Promise<DialectSetup>>> = {
  sqlite: async () => ({ flags: { db: '' }, cleanup: async () => {} }),
  postgres: async () => {
    const pg = await startPostgres();
    return { flags: { db: pg.url }, cleanup: () => pg.stop() };
  },
};

/** Dialects named by `DIALECTS` (default: all), restricted to those Basalt supports. */
export const DIALECTS: readonly Dialect[] = (process.env.DIALECTS ?? 'sqlite,postgres')
  .split(',')
  .map((name) => name.trim())
  .filter((name): name is Dialect => name in SETUPS);

/** Prepares a database for one test app or process. */
export function setupDialect(dialect: Dialect): Promise<DialectSetup> {
  const setup = SETUPS[dialect];
  if (!setup) throw new Error(`dialect ${dialect} is not supported yet`);
  return setup();
}
