/** Loose conversions from request values (JSON or inferred form values) into field app values. */

/** Formats a number without exponent notation, the way Go's `FormatFloat(f, 'f', -1, 64)` does. */
function formatFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  if (Object.is(n, -0)) return '-0';
  const s = String(n);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const neg = s.startsWith('-');
  const mantissa = s.slice(neg ? 1 : 0, e);
  const exp = Number(s.slice(e + 1));
  const [intPart = '', fracPart = ''] = mantissa.split('.');
  const digits = intPart + fracPart;
  const point = intPart.length + exp;
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return neg ? `-${out}` : out;
}

/** Scalars become strings (numbers without exponent, booleans as true/false); anything else becomes ''. */
export function toStr(input: unknown): string {
  switch (typeof input) {
    case 'string':
      return input;
    case 'number':
      return formatFloat(input);
    case 'boolean':
      return input ? 'true' : 'false';
    case 'bigint':
      return input.toString();
    default:
      return '';
  }
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INFINITY = /^[+-]?(?:inf|infinity)$/i;

/** Parses a float the way Go's `strconv.ParseFloat` accepts it; null when not a float. */
export function parseFloatStrict(s: string): number | null {
  if (s.length > 1000) return null;
  if (DECIMAL.test(s)) {
    const n = Number(s);
    return Number.isFinite(n) ? n : null;
  }
  if (INFINITY.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return Number.NaN;
  return null;
}

/** Numbers pass through, booleans become 1/0, float strings are parsed; everything else is 0. */
export function toNumber(input: unknown): number {
  switch (typeof input) {
    case 'number':
      return input;
    case 'boolean':
      return input ? 1 : 0;
    case 'bigint':
      return Number(input);
    case 'string':
      return parseFloatStrict(input) ?? 0;
    default:
      return 0;
  }
}

/** Length in Unicode code points. */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

function parseStringList(s: string): string[] {
  if (s === '') return [];
  if (!s.includes('[')) return [s];
  try {
    const parsed: unknown = JSON.parse(s);
    if (Array.isArray(parsed) && parsed.every((v) => typeof v === 'string' || v === null)) {
      return parsed.map((v) => (typeof v === 'string' ? v : ''));
    }
  } catch {
    // not a JSON list: the whole string is one item
  }
  return [s];
}

/** A scalar, list or JSON-array string as a list of unique, non-empty strings (first occurrence wins). */
export function toUniqueStrings(input: unknown): string[] {
  let items: string[];
  if (input === null || input === undefined) items = [];
  else if (typeof input === 'string') items = parseStringList(input);
  else if (Array.isArray(input)) items = Array.from(input, toStr);
  else if (typeof input === 'object') items = [];
  else items = [toStr(input)];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of items) {
    if (item === '' || seen.has(item)) continue;
    seen.add(item);
    out.push(item);
  }
  return out;
}

/** Reads an integer option that validateOptions has already normalised; anything odd counts as 0. */
export function intOption(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : 0;
}
