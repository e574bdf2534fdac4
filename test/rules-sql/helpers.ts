import assert from 'node:assert/strict';
import type { App } from '../../src/core/app.js';
import type { Collection } from '../../src/core/collection.js';
import { isApiError } from '../../src/core/errors.js';
import { GUEST, type Requester, type RequestInfo, requestInfo } from '../../src/core/request.js';
import { conditionsOf } from '../../src/core/rules-sql/index.js';
import { sql } from '../../src/store/sql.js';
import type { Fixture } from './fixture.js';

type Compile = (
  app: App,
  c: Collection,
  text: string,
  info: RequestInfo,
) => ReturnType<ReturnType<typeof conditionsOf>['rule']>;

/** The app's condition compiler, addressed by mode. */
export const conditions: Record<'rule' | 'filter' | 'sort', Compile> = {
  rule: (app, c, text, info) => conditionsOf(app).rule(c, text, info),
  filter: (app, c, text, info) => conditionsOf(app).filter(c, text, info),
  sort: (app, c, text, info) => conditionsOf(app).sort(c, text, info),
};

export type Mode = 'rule' | 'filter';

export interface Ask {
  readonly mode?: Mode;
  readonly who?: Requester;
  readonly info?: Partial<Omit<RequestInfo, 'requester'>>;
  readonly table?: string;
}

/** The ids of `table` rows (sorted) matching a rule or filter compiled for this request. */
export async function matching(fx: Fixture, text: string, ask: Ask = {}): Promise<string[]> {
  const table = ask.table ?? 'posts';
  const collection = fx.collections[table];
  assert.ok(collection, `no collection ${table}`);
  const info = requestInfo(ask.who ?? GUEST, ask.info ?? {});
  const cond = conditions[ask.mode ?? 'rule'](fx.app, collection, text, info);
  const rows = await fx.store.all<{ id: string }>(
    sql`SELECT "__r"."id" AS id FROM ${sql.id(table)} AS "__r" WHERE (${cond}) ORDER BY "__r"."id"`,
  );
  return rows.map((r) => r.id);
}

/** Asserts that `run` throws the 400 ApiError (kind 'invalid'). */
export async function assertInvalid(run: () => unknown, label: string): Promise<void> {
  let caught: unknown;
  try {
    await run();
  } catch (error) {
    caught = error;
  }
  assert.ok(
    isApiError(caught) && caught.kind === 'invalid',
    `${label}: expected a 400 ApiError, got ${String(caught)}`,
  );
}

/** One scenario row: the filter/rule, the expected ids (or 'invalid'), and who asks. */
export type Row = readonly [text: string, expected: readonly string[] | 'invalid', ask?: Ask];

export async function runRows(fx: Fixture, rows: readonly Row[], defaults: Ask = {}): Promise<void> {
  for (const [text, expected, ask] of rows) {
    const merged: Ask = { ...defaults, ...ask };
    if (expected === 'invalid') {
      await assertInvalid(() => matching(fx, text, merged), text);
    } else {
      assert.deepEqual(await matching(fx, text, merged), [...expected], text);
    }
  }
}
