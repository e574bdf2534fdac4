import { failureOf } from './errors';
import { pb } from './pb';

export interface BulkResult {
  deleted: string[];
  failed: { id: string; message: string }[];
}

/**
 * Deletes records one request each, a few at a time: one record's failure (a rule, a required relation)
 * leaves the others deleted, and each failure is reported with the server's message.
 */
export async function deleteMany(collection: string, ids: string[], parallel = 4): Promise<BulkResult> {
  const result: BulkResult = { deleted: [], failed: [] };
  let next = 0;
  async function worker() {
    while (next < ids.length) {
      const id = ids[next++] as string;
      try {
        await pb.collection(collection).delete(id);
        result.deleted.push(id);
      } catch (err) {
        result.failed.push({ id, message: failureOf(err).message });
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(parallel, ids.length) }, worker));
  return result;
}
