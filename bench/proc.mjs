import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs a command to completion; resolves with {code, stdout, stderr}. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts a long-running process whose output goes to `logFile`. */
export function start(cmd, args, logFile, opts = {}) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  const log = createWriteStream(logFile);
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return child;
}

function healthStatus(url) {
  return new Promise((resolve) => {
    const req = request(`${url}/api/health`, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(1000, () => req.destroy());
    req.end();
  });
}

/** Polls /api/health every 5 ms until it answers 200; returns ms since `t0`. */
export async function waitHealthy(url, child, t0, timeoutMs = 30_000) {
  let exited = null;
  child.exited.then((e) => {
    exited = e;
  });
  while (performance.now() - t0 < timeoutMs) {
    if (exited) throw new Error(`process exited (${exited.code ?? exited.signal}) before it was healthy`);
    if ((await healthStatus(url)) === 200) return performance.now() - t0;
    await sleep(5);
  }
  throw new Error(`not healthy after ${timeoutMs} ms`);
}

/** {rss, hwm} in MB from /proc/<pid>/status, or null when it cannot be read. */
export function memory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** Samples the RSS of `pid` every 100 ms while running; `peak` holds the highest value seen. */
export class RssSampler {
  constructor(pid) {
    this.pid = pid;
    this.peak = 0;
    this.timer = null;
  }

  start() {
    this.sample();
    this.timer ??= setInterval(() => this.sample(), 100);
  }

  sample() {
    const m = memory(this.pid);
    if (m && m.rss > this.peak) this.peak = m.rss;
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
    this.sample();
  }
}

/** SIGTERM, then SIGKILL after `graceMs`. */
export async function stop(child, graceMs = 5000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
}
