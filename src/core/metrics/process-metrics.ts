import { collectDefaultMetrics, Registry } from 'prom-client';

let registry: Registry | null = null;

/**
 * prom-client's default metrics (CPU, memory, handles, event loop lag, GC, Node version), in one
 * registry for the whole process: they describe the process, not an app, and their collectors (an
 * event loop monitor, a GC observer) are installed once, on the first scrape, never per app.
 */
export function processMetricsText(): Promise<string> {
  if (!registry) {
    registry = new Registry();
    collectDefaultMetrics({ register: registry });
  }
  return registry.metrics();
}
