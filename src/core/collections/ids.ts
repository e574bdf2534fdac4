import { crc32 } from '../../lib/crc32.js';

/** Default collection id: `pbc_` + CRC-32 of type + name. */
export function collectionIdChecksum(type: string, name: string): string {
  return `pbc_${crc32(type + name)}`;
}

/** Default field id: type + CRC-32 of the name. */
export function fieldIdChecksum(type: string, name: string): string {
  return `${type}${crc32(name)}`;
}

/** `base`, then `base2`, `base3`… until `taken` says no. */
export function withNumericSuffix(base: string, taken: (candidate: string) => boolean): string {
  if (!taken(base)) return base;
  for (let i = 2; i < 100000; i++) {
    const candidate = `${base}${i}`;
    if (!taken(candidate)) return candidate;
  }
  return base;
}
