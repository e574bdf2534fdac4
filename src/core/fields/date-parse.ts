/** Parsing of the date layouts the API accepts, and the `YYYY-MM-DD HH:MM:SS.mmmZ` output layout. */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MON = `(?<mon>${MONTHS.join('|')})`;
const WD = '(?:mon|tue|wed|thu|fri|sat|sun)';
const WD_LONG = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const HMS = '(?<h>\\d{1,2}):(?<mi>\\d{2}):(?<s>\\d{2})(?:[.,](?<frac>\\d{1,9}))?';
const HM = '(?<h>\\d{1,2}):(?<mi>\\d{2})';
const NAMED = '[a-z]{3,5}';
const ZONE = `(?:${NAMED}|(?<off>[+-]\\d{4}))`;

const LAYOUTS: RegExp[] = [
  // the API layout, RFC 3339 and their space/colon-less variants (optionally followed by a zone name)
  new RegExp(
    `^(?<y>\\d{4})-(?<mo>\\d{2})-(?<d>\\d{2})(?:[T ]${HMS}(?: ?(?<off>Z|[+-]\\d{2}:?\\d{2})(?: ${NAMED})?)?)?$`,
    'i',
  ),
  // RFC 1123 / RFC 1123Z
  new RegExp(`^${WD}, (?<d>\\d{2}) ${MON} (?<y>\\d{4}) ${HMS} ${ZONE}$`, 'i'),
  // RFC 850
  new RegExp(`^${WD_LONG}, (?<d>\\d{2})-${MON}-(?<yy>\\d{2}) ${HMS} ${NAMED}$`, 'i'),
  // RFC 822 / RFC 822Z
  new RegExp(`^(?<d>\\d{2}) ${MON} (?<yy>\\d{2}) ${HM} ${ZONE}$`, 'i'),
  // ANSIC, Unix date, Ruby date
  new RegExp(`^${WD} ${MON} (?<d>[ \\d]?\\d) ${HMS}(?: ${ZONE})? (?<y>\\d{4})$`, 'i'),
  // 02 Jan 2006
  new RegExp(`^(?<d>\\d{2}) ${MON} (?<y>\\d{4})$`, 'i'),
];

function daysInMonth(y: number, month: number): number {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Offset in minutes east of UTC; null when out of range. */
function offsetMinutes(off: string | undefined): number | null {
  if (off === undefined || off.toUpperCase() === 'Z') return 0;
  const digits = off.slice(1).replace(':', '');
  const h = Number(digits.slice(0, 2));
  const m = Number(digits.slice(2, 4));
  if (h > 24 || m > 59) return null;
  return (off.startsWith('-') ? -1 : 1) * (h * 60 + m);
}

function fromGroups(g: Record<string, string | undefined>): number | null {
  const year = g.y !== undefined ? Number(g.y) : Number(g.yy) + (Number(g.yy) >= 69 ? 1900 : 2000);
  const month = g.mon !== undefined ? MONTHS.indexOf(g.mon.toLowerCase()) + 1 : Number(g.mo);
  const day = Number((g.d ?? '').trim());
  const [h, mi, s] = [Number(g.h ?? 0), Number(g.mi ?? 0), Number(g.s ?? 0)];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (h > 23 || mi > 59 || s > 59) return null;
  const offset = offsetMinutes(g.off);
  if (offset === null) return null;
  const ms = g.frac ? Number(g.frac.slice(0, 3).padEnd(3, '0')) : 0;
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, day);
  t.setUTCHours(h, mi, s, ms);
  return t.getTime() - offset * 60_000;
}

/** Milliseconds since the epoch for a string in one of the accepted layouts; null when unparsable. */
export function parseDate(input: string): number | null {
  if (input.length < 10 || input.length > 64) return null;
  for (const layout of LAYOUTS) {
    const m = layout.exec(input);
    if (m?.groups) return fromGroups(m.groups);
  }
  return null;
}

const ZERO_TIME = new Date(0).setUTCFullYear(1, 0, 1);

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Formats as `YYYY-MM-DD HH:MM:SS.mmmZ`; the zero time (0001-01-01 00:00:00 UTC) and invalid dates give ''. */
export function formatDateMs(ms: number): string {
  if (!Number.isFinite(ms) || ms === ZERO_TIME) return '';
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (Number.isNaN(year)) return '';
  const y = (year < 0 ? '-' : '') + pad(Math.abs(year), 4);
  const date = `${y}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}Z`;
}

/** Any input as an API date string: parsable strings and valid Date objects are formatted, everything else is ''. */
export function toDateString(input: unknown): string {
  if (input instanceof Date) return formatDateMs(input.getTime());
  if (typeof input !== 'string' || input === '') return '';
  const ms = parseDate(input);
  return ms === null ? '' : formatDateMs(ms);
}
