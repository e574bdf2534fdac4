/** Files whose name carries a content hash never change under that name: cached for a year, never revalidated. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Every other file may change at the same URL: caches keep it but ask again (a cheap 304 with the ETag). */
export const REVALIDATE = 'no-cache';

/** webpack/Parcel style: `app.3f9a1c2b.js`, a hex hash of 8 or more digits. */
const HEX_HASH = /[.-]([0-9a-f]{8,64})$/;
/** Rollup/Vite/esbuild style: `index-BkQ2x9aZ.css`, 8 characters of base64url or base32. */
const SHORT_HASH = /[.-]([A-Za-z0-9_-]{8})$/;

/**
 * True when a file name carries a build tool's content hash right before its extension. The test is
 * deliberately strict, since a wrongly immutable file stays stale in browsers for a year while a missed hash
 * only costs a revalidation: a hex hash must mix digits and letters (so a date like `report-20240101.pdf` is
 * not one), a short hash must hold a digit and a capital letter (so `main-icons202.css` is not one).
 */
export function isHashedName(name: string): boolean {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return false;
  const stem = name.slice(0, dot);
  const hex = HEX_HASH.exec(stem)?.[1];
  if (hex !== undefined && /[0-9]/.test(hex) && /[a-f]/.test(hex)) return true;
  const short = SHORT_HASH.exec(stem)?.[1];
  return short !== undefined && /[0-9]/.test(short) && /[A-Z]/.test(short);
}

/** The Cache-Control of a file served from the public folder. */
export function cacheControlFor(name: string): string {
  return isHashedName(name) ? IMMUTABLE : REVALIDATE;
}
