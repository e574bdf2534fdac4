/**
 * One SSE message as the PocketBase clients read it: `id:` (the client id, repeated on every
 * message, where the SDK reads it), `event:` and one `data:` line, no space after the colons.
 */
export function sseFrame(clientId: string, name: string, json: string): string {
  return `id:${clientId}\nevent:${name}\ndata:${json}\n\n`;
}
