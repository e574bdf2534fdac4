import { AsyncResource } from 'node:async_hooks';

/**
 * Wraps `fn` so it runs in the async context of the caller of this function, wherever it is called
 * from later (e.g. a write queued by one request and run by the drain another request started).
 * Same effect as `AsyncResource.bind`, which costs tens of microseconds per call on Node 20
 * (it builds a deprecation wrapper each time); one resource and `runInAsyncScope` cost well under one.
 */
export function inCallerScope<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const resource = new AsyncResource('basalt.scope');
  return (...args) => resource.runInAsyncScope(fn, undefined, ...args);
}
