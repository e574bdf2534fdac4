import { readFile, writeFile } from 'node:fs/promises';

/** File names that hold an object's attributes rather than an object. */
export const SIDE_SUFFIXES = ['.attrs'];

/** Content types read recently, by path: objects never change under a key, so a hit needs no read. */
const cache = new Map<string, string>();
const CACHE_MAX = 4096;

/** Writes `<path>.attrs` the way PocketBase's local storage does (the fields it reads). */
export async function writeAttrs(path: string, contentType: string): Promise<void> {
  cache.delete(path);
  const attrs = {
    'user.cache_control': '',
    'user.content_disposition': '',
    'user.content_encoding': '',
    'user.content_language': '',
    'user.content_type': contentType,
    'user.metadata': null,
  };
  await writeFile(`${path}.attrs`, JSON.stringify(attrs));
}

/** The content type stored beside `path`; '' when there is no attrs file or it cannot be read. */
export async function readAttrs(path: string): Promise<string> {
  const hit = cache.get(path);
  if (hit !== undefined) return hit;
  let type = '';
  try {
    const parsed = JSON.parse(await readFile(`${path}.attrs`, 'utf8')) as Record<string, unknown>;
    if (typeof parsed['user.content_type'] === 'string') type = parsed['user.content_type'];
  } catch {
    // no attrs file: an object written by hand; the caller decides the type
  }
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
  cache.set(path, type);
  return type;
}

/** Forgets cached attributes under `path` (after a delete). */
export function forgetAttrs(path: string): void {
  for (const key of cache.keys()) if (key === path || key.startsWith(`${path}/`)) cache.delete(key);
}
