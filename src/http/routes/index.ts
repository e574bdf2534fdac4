import type { RouteModule } from '../context.js';
import auth from './auth.js';
import collections from './collections.js';
import health from './health.js';
import records from './records.js';

export const routes: RouteModule[] = [health, collections, records, auth];
