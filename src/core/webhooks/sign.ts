import { createHmac } from 'node:crypto';

/** The headers every delivery carries; receivers verify the signature with them (docs/webhooks.md). */
export const SIGNATURE_HEADER = 'X-Basalt-Signature';
export const TIMESTAMP_HEADER = 'X-Basalt-Timestamp';

/**
 * `v1=` and the hex HMAC-SHA256, keyed with the webhook's secret, of `<timestamp>.<body>`: the
 * timestamp (Unix seconds of this attempt) is signed too, so a captured request cannot be replayed
 * later with a fresh one.
 */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
