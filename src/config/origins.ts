/** `scheme://host[:port]`, the shape of a browser's Origin header: no path, query, fragment or credentials. */
const ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^\s/?#@]+$/i;

/**
 * Parses the `--origins` list (comma-separated). `*` allows every origin and must stand alone; other entries
 * are origins as browsers send them, compared exactly (scheme and host lower-cased, as the Origin header is).
 * Throws with a one-line message on anything else.
 */
export function parseOrigins(value: string): readonly string[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0) throw new Error('invalid --origins "" (expected * or a comma-separated list of origins)');
  if (items.includes('*')) {
    if (items.length > 1) throw new Error(`invalid --origins "${value}" (* allows every origin and must stand alone)`);
    return Object.freeze(['*']);
  }
  const origins = items.map((item) => {
    const bare = item.replace(/\/$/, '');
    if (!ORIGIN.test(bare)) {
      throw new Error(`invalid --origins entry "${item}" (expected scheme://host[:port], e.g. https://example.com)`);
    }
    return bare.toLowerCase();
  });
  return Object.freeze([...new Set(origins)]);
}
