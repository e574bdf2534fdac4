import { setFlagsFromString } from 'node:v8';

/**
 * Tunes the garbage collector for a server process (setting the flag again changes nothing). V8 may
 * decide, from how many objects of an allocation site survived a young-generation collection, to
 * allocate that site's objects directly in the old generation ("pretenuring"). A server's
 * request-scoped objects often survive a collection or two only because the request is still
 * waiting on the database; once pretenured, every such object dies in the old generation, which then
 * needs full collections, and the young collections slow down too. Measured on hooked record
 * creates: a guarded hook call cost three times as much once its sites were pretenured, and the
 * no-op hooks' share of create throughput fell from about 10% to about 4% with pretenuring off. The
 * flag is read at every collection, so setting it after start-up takes effect.
 */
export function tuneGarbageCollector(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}
