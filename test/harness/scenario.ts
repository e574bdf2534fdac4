import assert from 'node:assert/strict';
import type { EventLog } from './events.js';

/** One API scenario: who asks, what they send, and what they must (and must not) get back. */
export interface Scenario {
  name: string;
  /** key into the tokens map given to runScenario; omitted = guest */
  as?: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT' | 'HEAD';
  url: string;
  body?: unknown;
  /** raw body with its content type, instead of JSON */
  raw?: { contentType: string; data: string | Buffer | FormData };
  headers?: Record<string, string>;
  status: number;
  /** a partial object that the JSON response must contain (deep, arrays compared by position) */
  expect?: unknown;
  /** dotted paths that must be absent from the JSON response */
  absent?: string[];
  /**
   * Exactly the events of the catalogue that must fire while the request is served, with how often
   * each fires (after-success events included); needs a target with an event log.
   */
  events?: Record<string, number>;
  /** a custom check on the parsed response */
  check?: (json: any, res: Response) => void | Promise<void>;
}

export function containsDeep(actual: unknown, expected: unknown, path = '$'): void {
  if (expected === null || typeof expected !== 'object') {
    assert.deepEqual(actual, expected, `at ${path}`);
    return;
  }
  assert.ok(
    actual !== null && typeof actual === 'object',
    `at ${path}: expected an object, got ${JSON.stringify(actual)}`,
  );
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `at ${path}: expected an array`);
    assert.equal((actual as unknown[]).length, expected.length, `at ${path}: array length`);
    for (const [i, e] of expected.entries()) containsDeep((actual as unknown[])[i], e, `${path}[${i}]`);
    return;
  }
  for (const [k, v] of Object.entries(expected)) {
    assert.ok(Object.hasOwn(actual as object, k), `at ${path}: missing key "${k}" in ${JSON.stringify(actual)}`);
    containsDeep((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
  }
}

function hasPath(value: unknown, path: string): boolean {
  let cur: unknown = value;
  for (const seg of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur as object, seg)) return false;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return true;
}

/** Where a scenario is sent: a base URL, or a test app whose event log checks `events`. */
export type ScenarioTarget = string | { url: string; events: EventLog };

/** Sends one scenario over real HTTP and asserts its expectations. Returns the parsed JSON body. */
export async function runScenario(
  target: ScenarioTarget,
  s: Scenario,
  tokens: Record<string, string> = {},
): Promise<any> {
  const baseUrl = typeof target === 'string' ? target : target.url;
  const log = typeof target === 'string' ? undefined : target.events;
  if (s.events) assert.ok(log, `${s.name}: expected events need a test app target`);
  log?.reset();
  const headers: Record<string, string> = { ...(s.headers ?? {}) };
  if (s.as) {
    const token = tokens[s.as];
    assert.ok(token, `no token for "${s.as}"`);
    headers.authorization = token;
  }
  let body: RequestInit['body'];
  if (s.raw) {
    if (!(s.raw.data instanceof FormData)) headers['content-type'] = s.raw.contentType;
    body = s.raw.data as RequestInit['body'];
  } else if (s.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(s.body);
  }
  const res = await fetch(baseUrl + s.url, { method: s.method, headers, body });
  const text = await res.text();
  let json: any = null;
  if (text !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
  }
  assert.equal(res.status, s.status, `${s.name}: status ${res.status}, body ${text.slice(0, 500)}`);
  if (s.expect !== undefined) containsDeep(json, s.expect);
  for (const p of s.absent ?? [])
    assert.ok(!hasPath(json, p), `${s.name}: "${p}" must be absent in ${text.slice(0, 500)}`);
  if (s.events && log) assert.deepEqual(log.counts(), s.events, `${s.name}: events fired (in order: ${log.fired})`);
  if (s.check) await s.check(json, res);
  return json;
}
