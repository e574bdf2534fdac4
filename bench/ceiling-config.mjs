import { readFileSync } from 'node:fs';

/** Ceiling processes get `<config.json> <port>`; they print "listening" once ready. */
export function readCeilingArgs() {
  const [file, port] = process.argv.slice(2);
  if (!file || !port) throw new Error('usage: node bench/ceiling-*.mjs CONFIG.json PORT');
  return { config: JSON.parse(readFileSync(file, 'utf8')), port: Number(port) };
}
