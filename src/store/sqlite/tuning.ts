import type { Database } from 'better-sqlite3';

/**
 * Settings every connection to a data file gets. Reads go through a memory map: a page already in
 * the operating system's cache is then read without a system call and a copy, which makes the
 * random row lookups of a large join (a full-text search over a million rows looks up every match)
 * several times faster. The map only reserves address space; the kernel pages the file in as it is
 * read and may drop those pages again. Beyond the map's size, reads fall back to ordinary I/O.
 */
const MMAP_BYTES = 2 ** 30;
/** Page cache per connection (negative: KiB), for what the map does not cover and for writes. */
const CACHE_KIB = 32_000;

export function tuneConnection(db: Database): void {
  db.pragma('busy_timeout = 10000');
  db.pragma(`cache_size = -${CACHE_KIB}`);
  db.pragma(`mmap_size = ${MMAP_BYTES}`);
}
