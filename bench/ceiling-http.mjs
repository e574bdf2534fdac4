import { errorBody, routeKey, serve } from './ceiling-app.mjs';
import { readCeilingArgs } from './ceiling-config.mjs';

const { config, port } = readCeilingArgs();
const samples = new Map(Object.entries(config.samples ?? {}));
const missing = { status: 404, body: errorBody(404, "The requested resource wasn't found.") };

/** Ceiling (a): no database; every request gets the answer recorded for its kind, serialised afresh. */
await serve(port, (target) => samples.get(routeKey(target)) ?? missing);
process.stdout.write('listening\n');
