import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { Errors } from '../errors.js';

/**
 * Bounds that keep a hostile archive (a zip bomb) from filling the disk: entry count, and the total
 * unpacked size both in absolute terms and relative to the archive's own size. yauzl checks while
 * inflating that no entry unpacks to more than it declares, so the declared sizes can be trusted.
 */
export const ARCHIVE_LIMITS = Object.freeze({
  maxEntries: 200_000,
  maxTotalBytes: 64 * 1024 ** 3,
  /** up to this many bytes pass whatever the ratio */
  ratioFreeBytes: 256 * 1024 ** 2,
  maxRatio: 100,
});

/** True for names that stay inside the folder they are unpacked in. */
export function isSafeEntryName(name: string): boolean {
  if (name === '' || name.length > 1024 || name.startsWith('/') || /^[A-Za-z]:/.test(name)) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\\\u0000-\u001f]/.test(name)) return false;
  return name.split('/').every((s, i, all) => (s !== '' || i === all.length - 1) && s !== '.' && s !== '..');
}

export interface ArchiveFile {
  name: string;
  size: number;
}

/** An opened, checked archive: its entries and ways to read them. */
export class Archive {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
  ) {}

  /**
   * Opens the zip at `path` and reads its whole directory, refusing (400, nothing unpacked) a file
   * that is not a zip, unsafe entry names and archives past the limits.
   */
  static async open(path: string, archiveSize: number): Promise<Archive> {
    let zip: yauzl.ZipFile;
    try {
      zip = await yauzl.openPromise(path, { autoClose: false, strictFileNames: true, validateEntrySizes: true });
    } catch {
      throw Errors.invalidBackupArchive('The file is not a zip archive.');
    }
    try {
      const entries = await readDirectory(zip);
      let total = 0;
      for (const e of entries.values()) total += e.uncompressedSize;
      const bound = Math.min(
        ARCHIVE_LIMITS.maxTotalBytes,
        Math.max(ARCHIVE_LIMITS.ratioFreeBytes, archiveSize * ARCHIVE_LIMITS.maxRatio),
      );
      if (total > bound) throw Errors.invalidBackupArchive('The archive unpacks to more than allowed.');
      return new Archive(zip, entries);
    } catch (err) {
      zip.close();
      throw err;
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The files (not folders) whose names start with `prefix`. */
  files(prefix = ''): ArchiveFile[] {
    const out: ArchiveFile[] = [];
    for (const [name, e] of this.entries) {
      if (!name.endsWith('/') && name.startsWith(prefix)) out.push({ name, size: e.uncompressedSize });
    }
    return out;
  }

  private async stream(name: string): Promise<Readable> {
    const entry = this.entries.get(name);
    if (!entry) throw Errors.invalidBackupArchive(`The archive has no ${name}.`);
    try {
      return await this.zip.openReadStreamPromise(entry);
    } catch {
      throw Errors.invalidBackupArchive(`The archive entry ${name} cannot be read.`);
    }
  }

  async read(name: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const c of await this.stream(name)) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }

  /** The lines of a text entry (JSON lines), streamed. */
  async *lines(name: string): AsyncIterable<string> {
    const rl = createInterface({ input: await this.stream(name), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of rl) if (line !== '') yield line;
  }

  /** Unpacks entry `name` to `dest` (its folder is created). A corrupt entry gives 400. */
  async extract(name: string, dest: string): Promise<void> {
    await mkdir(dirname(dest), { recursive: true });
    try {
      await pipeline(await this.stream(name), createWriteStream(dest, { flags: 'wx' }));
    } catch (err) {
      if ((err as { status?: number }).status) throw err;
      throw Errors.invalidBackupArchive(`The archive entry ${name} is corrupt.`);
    }
  }

  /** Unpacks every file under `prefix` into `root` (names keep their path below the prefix). */
  async extractFolder(prefix: string, root: string): Promise<number> {
    const files = this.files(prefix);
    for (const f of files) await this.extract(f.name, join(root, ...f.name.slice(prefix.length).split('/')));
    return files.length;
  }

  close(): void {
    this.zip.close();
  }
}

function readDirectory(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    if (zip.entryCount > ARCHIVE_LIMITS.maxEntries) {
      reject(Errors.invalidBackupArchive('The archive has too many entries.'));
      return;
    }
    zip.on('entry', (e: yauzl.Entry) => {
      if (!isSafeEntryName(e.fileName)) {
        reject(Errors.invalidBackupArchive(`The archive entry ${JSON.stringify(e.fileName)} is not a safe path.`));
        return;
      }
      entries.set(e.fileName, e);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', () => reject(Errors.invalidBackupArchive('The archive is damaged or holds unsafe paths.')));
    zip.readEntry();
  });
}
