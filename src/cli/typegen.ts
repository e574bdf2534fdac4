import { writeFile } from 'node:fs/promises';
import type { Collection } from '../core/collection.js';
import { generateTypes } from '../core/typegen/generate.js';
import { UsageError } from './args.js';
import type { Io } from './output.js';
import { withApp } from './with-app.js';

type Flags = Record<string, string | boolean>;

const text = (v: string | boolean | undefined) => (typeof v === 'string' ? v : '');

/** Every collection of a running server, read through the collections API with a superuser token. */
async function collectionsFrom(url: string, token: string): Promise<Collection[]> {
  const base = url.replace(/\/+$/, '');
  const all: Collection[] = [];
  for (let page = 1; ; page++) {
    const res = await fetch(`${base}/api/collections?page=${page}&perPage=200`, { headers: { authorization: token } });
    const body = (await res.json().catch(() => null)) as {
      items?: Collection[];
      totalPages?: number;
      message?: string;
    } | null;
    if (!res.ok || !body?.items) {
      throw new Error(
        `reading the collections of ${base} failed (${res.status}): ${body?.message ?? 'not a Basalt or PocketBase API'}`,
      );
    }
    all.push(...body.items);
    if (page >= (body.totalPages ?? 1)) return all;
  }
}

/** `basalt typegen`: TypeScript types for every collection, from a data directory or database, or a running server. */
export async function typegen(flags: Flags, io: Io): Promise<number> {
  const url = text(flags.url);
  const token = text(flags.token);
  if (url && (flags.dir !== undefined || flags.db !== undefined))
    throw new UsageError('give --url or --dir/--db, not both');
  if (url && !token) throw new UsageError('--url needs --token (a superuser token)');
  if (token && !url) throw new UsageError('--token needs --url');
  const collections = url
    ? await collectionsFrom(url, token)
    : await withApp(flags, async (app) => app.collections.all());
  const source = generateTypes(collections);
  const out = text(flags.out);
  if (!out) {
    io.out(source);
    return 0;
  }
  await writeFile(out, source);
  io.err(`Wrote the types of ${collections.length} collections to ${out}.\n`);
  return 0;
}
