/** `basalt audit verify`: checks the audit trail's hash chain. */
import { verifyAudit } from '../core/audit/index.js';
import type { Io } from './output.js';
import { withApp } from './with-app.js';

/** Walks the chain; exit code 0 when it is intact, 1 naming the first broken entry. */
export async function auditVerifyCommand(flags: Record<string, string | boolean>, io: Io): Promise<number> {
  const result = await withApp(flags, (app) => verifyAudit(app.store));
  if (result.ok) {
    io.out(`The audit trail is intact: ${result.entries} entries checked.\n`);
    return 0;
  }
  const b = result.broken;
  const which = b ? `entry ${b.seq}${b.id ? ` (id ${b.id})` : ''}` : 'an entry';
  io.err(
    `The audit trail is broken at ${which}: ${b?.reason ?? 'unknown'}. ${result.entries} entries before it are intact.\n`,
  );
  return 1;
}
