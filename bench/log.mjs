const t0 = performance.now();

/** Progress on stderr, stamped with seconds since the run started; stdout is kept for the report. */
export function say(msg) {
  process.stderr.write(`[bench ${((performance.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${msg}\n`);
}
