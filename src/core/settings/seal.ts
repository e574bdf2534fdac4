/**
 * Encryption at rest of the stored settings, in the format PocketBase uses for its
 * `--encryptionEnv`, so either server opens what the other sealed: AES-256-GCM with the key's 32
 * bytes used as is, a random 12-byte nonce followed by the ciphertext and its 16-byte tag, the
 * whole in standard base64.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function keyBytes(key: string): Buffer {
  const bytes = Buffer.from(key, 'utf8');
  if (bytes.length !== KEY_BYTES) throw new Error(`the encryption key must be ${KEY_BYTES} bytes, not ${bytes.length}`);
  return bytes;
}

export function seal(plain: string, key: string): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyBytes(key), nonce);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64');
}

/** True when `text` has the shape of sealed data (base64, long enough for a nonce and a tag). */
export function looksSealed(text: string): boolean {
  return text.length >= 40 && BASE64.test(text);
}

/** The plain text, or null when `key` does not open `sealed` (another key, or damaged data). */
export function unseal(sealed: string, key: string): string | null {
  if (!looksSealed(sealed)) return null;
  const bytes = Buffer.from(sealed, 'base64');
  if (bytes.length < NONCE_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyBytes(key), bytes.subarray(0, NONCE_BYTES));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const body = bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
