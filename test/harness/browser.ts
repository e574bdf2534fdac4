import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { ROOT } from './process.js';

/** Debian's Chromium, headless, as every browser test drives it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-background-networking'],
  });
}

let bundle: string | undefined;

/**
 * A page on an origin of its own (127.0.0.1, random port), as a web app calling the API from
 * elsewhere would be: `/pocketbase.umd.js` is the official SDK's browser bundle, every other path
 * answers `html`. Close it with `server.close()`.
 */
export function sdkPageServer(html: string): Promise<Server> {
  bundle ??= readFileSync(join(ROOT, 'node_modules/pocketbase/dist/pocketbase.umd.js'), 'utf8');
  const sdk = bundle;
  const server = createServer((req, res) => {
    if (req.url === '/pocketbase.umd.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(sdk);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(html);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
