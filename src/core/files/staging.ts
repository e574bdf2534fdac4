import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { randomString } from '../../lib/random.js';
import type { UploadedFileInput, UploadOwner } from '../records/files-port.js';
import { SNIFF_BYTES } from './sniff.js';

interface Placement {
  remove(): Promise<void>;
  committed: boolean;
}

/**
 * The uploads of one request. Each file part streams to its own file under the upload folder (never
 * whole in memory); a part past its limit stops being written at once and is only drained. The
 * record write moves the files into storage; `finish()` (when the request is over, whatever its
 * outcome) removes what is left on local disk and every file placed by a write that did not commit.
 */
export class UploadSession implements UploadOwner {
  readonly files: UploadedFileInput[] = [];
  private readonly placements: Placement[] = [];
  private readonly local = new Set<string>();
  open = true;

  constructor(private readonly dir: string) {}

  placed(placement: Placement): void {
    this.placements.push(placement);
  }

  /** Streams one file part to local disk; at most `limit` bytes are kept, the rest is drained. */
  async stage(field: string, filename: string, stream: Readable, limit: number): Promise<UploadedFileInput> {
    await mkdir(this.dir, { recursive: true });
    // the part may have failed while the folder was made (a body cut short): its events are gone
    if (stream.destroyed) throw stream.errored ?? new Error('upload stream closed early');
    const path = join(this.dir, `${Date.now()}_${randomString(16)}`);
    this.local.add(path);
    const out = createWriteStream(path, { flags: 'wx' });
    const file: UploadedFileInput = { field, filename, size: 0, head: Buffer.alloc(0), path, owner: this };
    const headParts: Buffer[] = [];
    let headSize = 0;
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (err: unknown) => {
        if (failed) return;
        failed = true;
        stream.resume();
        out.destroy();
        reject(err);
      };
      stream.on('data', (chunk: Buffer) => {
        if (file.truncated) return;
        file.size += chunk.length;
        if (headSize < SNIFF_BYTES) {
          headParts.push(chunk.subarray(0, SNIFF_BYTES - headSize));
          headSize += Math.min(chunk.length, SNIFF_BYTES - headSize);
        }
        if (file.size > limit) {
          // past the limit: stop writing now, keep reading (and dropping) what is left of the part
          file.truncated = true;
          out.destroy();
          return;
        }
        if (!out.write(chunk)) {
          stream.pause();
          out.once('drain', () => stream.resume());
        }
      });
      stream.once('error', fail);
      out.once('error', (err) => {
        if (!file.truncated) fail(err);
      });
      stream.once('end', () => {
        if (failed) return;
        if (file.truncated) resolve();
        else out.end(() => resolve());
      });
    });
    file.head = Buffer.concat(headParts);
    if (file.truncated) {
      await rm(path, { force: true });
      file.path = undefined;
    }
    this.files.push(file);
    return file;
  }

  /** Ends the session: local files go, and so does every placed file whose write did not commit. */
  async finish(): Promise<void> {
    this.open = false;
    const local = [...this.local];
    this.local.clear();
    await Promise.allSettled(local.map((p) => rm(p, { force: true })));
    const orphans = this.placements.splice(0).filter((p) => !p.committed);
    await Promise.allSettled(orphans.map((p) => p.remove()));
  }
}
