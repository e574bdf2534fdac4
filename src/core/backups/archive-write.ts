import { createWriteStream } from 'node:fs';
import { opendir } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';

/** One file of an archive: a file on disk, or bytes in memory. */
export type ArchiveEntry = { name: string; file: string } | { name: string; data: Buffer };

/** Every regular file under `root`, as archive entries under `prefix/`, skipping half-written `.part` files. */
export async function folderEntries(root: string, prefix: string): Promise<ArchiveEntry[]> {
  const out: ArchiveEntry[] = [];
  const walk = async (dir: string, rel: string) => {
    let handle: Awaited<ReturnType<typeof opendir>>;
    try {
      handle = await opendir(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    for await (const d of handle) {
      const name = rel === '' ? d.name : `${rel}/${d.name}`;
      if (d.isDirectory()) await walk(join(dir, d.name), name);
      else if (d.isFile() && !d.name.endsWith('.part'))
        out.push({ name: `${prefix}/${name}`, file: join(dir, d.name) });
    }
  };
  await walk(root, '');
  return out;
}

/** Writes a zip of `entries` to `dest`. Compression runs in the thread pool, streaming file by file. */
export async function writeArchive(dest: string, entries: readonly ArchiveEntry[]): Promise<void> {
  const zip = new yazl.ZipFile();
  const done = pipeline(zip.outputStream, createWriteStream(dest, { flags: 'wx' }));
  for (const e of entries) {
    if ('file' in e) zip.addFile(e.file, e.name);
    else zip.addBuffer(e.data, e.name);
  }
  zip.end();
  await done;
}
