import { FilterCompileError, type Fragment, sql } from '../compiler.js';

/** SQLite's strftime() rebuilt from to_char and date arithmetic, in UTC, NULL for what SQLite rejects. */

const NUMBER = String.raw`^\s*[-+]?(\d+\.?\d*|\.\d+)\s*$`;
const ZONED = String.raw`([Zz]|[-+]\d\d(:?\d\d)?)\s*$`;
/** The ISO forms SQLite reads (PostgreSQL would also take words such as 'today' or 'infinity'). */
const ISO = String.raw`^\s*\d{4}-\d\d-\d\d([ T]\d\d:\d\d(:\d\d(\.\d+)?)?)?\s*([Zz]|[-+]\d\d(:?\d\d)?)?\s*$`;
const text = (s: string): Fragment => sql.raw(`'${s.replaceAll("'", "''").replaceAll('\u0000', '\ufffd')}'`);

/** The value of a fragment that is a single bound literal (filter text literals are). */
export function constantText(f: Fragment): string | null {
  if (f.sql !== '?' || f.binds.length !== 1) return null;
  const value = (f.binds[0] as () => unknown)();
  return typeof value === 'string' ? value : null;
}

/** A SQLite time value (ISO text, 'now', a Julian day or with `unixepoch` seconds) → UTC timestamp. */
function timeValue(input: Fragment | undefined, unixEpoch: boolean): Fragment {
  if (!input) return sql.raw("(statement_timestamp() AT TIME ZONE 'UTC')");
  const t = sql`(${input})::text`;
  const n = sql`(${t})::float8`;
  const seconds = unixEpoch ? n : sql`((${n} - 2440587.5) * 86400)`;
  return sql`(CASE WHEN ${t} IS NULL THEN NULL
    WHEN lower(trim(${t})) = 'now' THEN (statement_timestamp() AT TIME ZONE 'UTC')
    WHEN ${t} ~ ${text(NUMBER)} THEN (to_timestamp(${seconds}) AT TIME ZONE 'UTC')
    WHEN ${t} !~ ${text(ISO)} THEN NULL
    WHEN ${t} ~ ${text(ZONED)} AND pg_input_is_valid(${t}, 'timestamptz') THEN ((${t})::timestamptz AT TIME ZONE 'UTC')
    WHEN pg_input_is_valid(${t}, 'timestamp') THEN (${t})::timestamp END)`;
}

/** Applies one SQLite modifier; null when PostgreSQL has no equivalent (SQLite would return NULL too). */
function modify(ts: Fragment, modifier: string): Fragment | null {
  const m = modifier.trim().toLowerCase();
  const shift = /^([-+]?(?:\d+\.?\d*|\.\d+))\s+(second|minute|hour|day|month|year)s?$/.exec(m);
  if (shift) return sql`(${ts} + interval ${text(`${shift[1] as string} ${shift[2] as string}`)})`;
  const start = /^start of (month|year|day)$/.exec(m);
  if (start) return sql`date_trunc(${text(start[1] as string)}, ${ts})`;
  const weekday = /^weekday ([0-6])$/.exec(m);
  if (weekday) {
    const dow = sql`EXTRACT(DOW FROM ${ts})::int`;
    return sql`(${ts} + ((${sql.raw(weekday[1] as string)} - ${dow} + 7) % 7) * interval '1 day')`;
  }
  if (['unixepoch', 'julianday', 'auto', 'utc', 'localtime', 'subsec', 'subsecond'].includes(m)) return ts;
  return null;
}

const TO_CHAR: Readonly<Record<string, string>> = {
  d: 'DD',
  f: 'SS.MS',
  F: 'YYYY-MM-DD',
  H: 'HH24',
  I: 'HH12',
  j: 'DDD',
  m: 'MM',
  M: 'MI',
  p: 'AM',
  P: 'am',
  R: 'HH24:MI',
  S: 'SS',
  T: 'HH24:MI:SS',
  u: 'ID',
  V: 'IW',
  G: 'IYYY',
  g: 'IY',
  Y: 'YYYY',
};

/** One conversion of the format string; null for a specifier SQLite does not know. */
function conversion(ts: Fragment, spec: string): Fragment | null {
  const pattern = TO_CHAR[spec];
  if (pattern) return sql`to_char(${ts}, ${text(pattern)})`;
  const doy = sql`EXTRACT(DOY FROM ${ts})::int`;
  const dow = sql`EXTRACT(DOW FROM ${ts})::int`;
  const padded: Record<string, string> = { e: 'FMDD', k: 'FMHH24', l: 'FMHH12' };
  switch (spec) {
    case 'e':
    case 'k':
    case 'l':
      return sql`lpad(to_char(${ts}, ${text(padded[spec] as string)}), 2, ' ')`;
    case 'w':
      return sql`(${dow})::text`;
    case 's':
      return sql`(floor(EXTRACT(EPOCH FROM ${ts}))::bigint)::text`;
    case 'J':
      // 16 significant digits, as SQLite prints it (Julian days of years 1000–9999 have 7 before the point)
      return sql`rtrim(rtrim(round(EXTRACT(EPOCH FROM ${ts}) / 86400 + 2440587.5, 9)::text, '0'), '.')`;
    case 'W':
      return sql`lpad(((${doy} + 6 - ((${dow} + 6) % 7)) / 7)::text, 2, '0')`;
    case 'U':
      return sql`lpad(((${doy} + 6 - ${dow}) / 7)::text, 2, '0')`;
    case '%':
      return text('%');
    default:
      return null;
  }
}

/** strftime(format, time, modifiers…) → text, '' where SQLite gives NULL. */
export function strftime(format: Fragment, args: readonly Fragment[]): Fragment {
  const full = constantText(format);
  if (full === null) throw new FilterCompileError('strftime needs a text format');
  // SQLite reads the format as a C string: it ends at the first NUL.
  const pattern = full.split('\u0000')[0] as string;
  const [time, ...rest] = args;
  const modifiers = rest.map((m) => {
    const value = constantText(m);
    if (value === null) throw new FilterCompileError('strftime modifiers must be text');
    return value;
  });
  const unixEpoch = modifiers[0]?.trim().toLowerCase() === 'unixepoch';
  let ts: Fragment | null = timeValue(time, unixEpoch);
  for (const m of modifiers) ts = ts && modify(ts, m);
  if (!ts) return text('');
  const parts: Fragment[] = [];
  let literal = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern.charAt(i);
    if (ch !== '%') {
      literal += ch;
      continue;
    }
    const piece = conversion(ts, pattern.charAt(++i));
    if (!piece) return text('');
    if (literal) parts.push(text(literal));
    literal = '';
    parts.push(piece);
  }
  if (literal || parts.length === 0) parts.push(text(literal));
  return sql`COALESCE(CASE WHEN ${ts} IS NOT NULL THEN ${sql.join(parts, ' || ')} END, '')`;
}
