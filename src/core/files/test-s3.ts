import { randomString } from '../../lib/random.js';
import type { App } from '../app.js';
import { Errors } from '../errors.js';
import { V } from '../validation.js';

/**
 * Writes and removes a probe object with the S3 settings of `filesystem` (`storage`: `s3`,
 * `backups`: `backups.s3`). Throws 400 "Failed to test the S3 filesystem." naming a bad field, or
 * with the storage's own error after the message.
 */
export async function testS3(app: App, filesystem: unknown): Promise<void> {
  if (filesystem !== 'storage' && filesystem !== 'backups') {
    throw Errors.testS3Failed({ filesystem: filesystem ? V.inInvalid() : V.required() });
  }
  const settings = app.settings.get();
  const s3 = filesystem === 'storage' ? settings.s3 : settings.backups.s3;
  if (!s3.enabled) throw withRaw('S3 storage filesystem is not enabled');
  const blob = app.files.blobFor(s3);
  const key = `pb_s3_test_${randomString(10)}.txt`;
  try {
    await blob.put(key, Buffer.from('test'), 'text/plain');
    await blob.delete(key);
  } catch (err) {
    throw withRaw(err instanceof Error ? err.message || err.name : String(err));
  } finally {
    await blob.close();
  }
}

function withRaw(detail: string) {
  const e = Errors.testS3Failed();
  // the message gains the storage's own words, as PocketBase answers
  Object.defineProperty(e, 'message', { value: `${e.message} Raw error: \n${detail}` });
  return e;
}
