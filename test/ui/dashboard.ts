import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, ROOT, startApp, type TestApp } from '../harness/index.js';

/** Browser tests need Debian's Chromium; outside CI, where it may be missing, they are skipped with this note. */
export const NO_BROWSER =
  !existsSync('/usr/bin/chromium') && !process.env.CI
    ? 'skipped: /usr/bin/chromium is not installed (apt install chromium); CI always runs these tests'
    : false;

/** The dashboard build the server serves; `npm test` builds it first (pretest). */
export function assertDashboardBuilt(): void {
  assert.ok(existsSync(join(ROOT, 'ui/dist/index.html')), 'ui/dist is missing: run `npm run build:ui` first');
}

export const SHOTS = join(ROOT, 'test-results/ui');
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

export interface DashboardPage {
  page: Page;
  /** Content-Security-Policy violations the page reported (must stay empty) */
  cspViolations: string[];
  close(): Promise<void>;
}

/** A fresh browser context (no stored session) at 1280×800, or phone width with `{ phone: true }`. */
export async function openPage(browser: Browser, opts: { phone?: boolean } = {}): Promise<DashboardPage> {
  const context = await browser.newContext({
    viewport: opts.phone ? { width: 390, height: 844 } : { width: 1280, height: 800 },
    colorScheme: 'light',
  });
  const page = await context.newPage();
  const cspViolations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
  });
  return { page, cspViolations, close: () => context.close() };
}

/** Signs in through the form as a user would. */
export async function signIn(page: Page, t: TestApp, email: string, password: string): Promise<void> {
  await page.goto(`${t.url}/_/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/**
 * Checks the page as it stands in both themes: axe-core finds nothing serious or critical, and a
 * full-page screenshot is saved as test-results/ui/<name>-<theme>.png. axe runs through the
 * DevTools protocol, which the page's CSP does not govern, so the CSP stays on for the test.
 */
export async function inspect(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    const found = (await page.evaluate(`(async () => {
      if (!window.axe) { ${AXE}\n }
      const r = await window.axe.run(document, { resultTypes: ['violations'] });
      return r.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', '));
    })()`)) as string[];
    assert.deepEqual(found, [], `${name} (${theme}): axe-core findings`);
    await page.screenshot({ path: join(SHOTS, `${name}-${theme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** A reply of `Dashboard.api`: the status, and the parsed JSON body (null for 204 or a body that is not JSON). */
export interface ApiReply {
  status: number;
  json: any;
}

/** What `useDashboard` gives a suite; read its getters inside hooks and tests, once `before` has run. */
export interface Dashboard {
  readonly t: TestApp;
  readonly browser: Browser;
  /** the superuser's auth token (absent with `{ superuser: false }`) */
  readonly token: string;
  /** fetches `path` on the app as the superuser, with a JSON content type unless `init` sets another */
  api(path: string, init?: RequestInit): Promise<ApiReply>;
}

/**
 * Registers the `before`/`after` hooks of a dashboard suite (call it inside `describe`): checks that
 * ui/dist is built, starts an app (SQLite unless `app` says otherwise), creates the test superuser
 * (skip that with `superuser: false`, for the first-run flow) and launches Chromium; closes both after.
 * Hooks the suite adds itself run after these, so they can use `t` and `api`.
 */
export function useDashboard(opts: { app?: Parameters<typeof startApp>[0]; superuser?: boolean } = {}): Dashboard {
  let t: TestApp | undefined;
  let browser: Browser | undefined;
  let token: string | undefined;
  before(async () => {
    assertDashboardBuilt();
    t = await startApp({ dialect: 'sqlite', ...opts.app });
    if (opts.superuser !== false) token = await t.superuserToken();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });
  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`useDashboard: ${name} is not ready (read it in a hook or a test)`);
    return value;
  };
  return {
    get t() {
      return ready(t, 't');
    },
    get browser() {
      return ready(browser, 'browser');
    },
    get token() {
      return ready(token, 'token');
    },
    async api(path, init = {}) {
      const res = await fetch(`${ready(t, 't').url}${path}`, {
        ...init,
        headers: { authorization: ready(token, 'token'), 'content-type': 'application/json', ...init.headers },
      });
      return { status: res.status, json: res.status === 204 ? null : await res.json().catch(() => null) };
    },
  };
}

export { launchChromium };
