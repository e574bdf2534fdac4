/** One bar of the requests chart. */
export interface HourBar {
  /** start of the hour, ms since the epoch */
  time: number;
  total: number;
}

const HOUR = 3_600_000;

/**
 * The hourly counts of `pb.logs.getStats()` as a continuous run of hours (hours without logs count 0),
 * ending at the current hour (or a newer logged one), at least `minHours` and at most `maxHours` long.
 */
export function hourlyBars(stats: { date: string; total: number }[], now = Date.now(), minHours = 24, maxHours = 72): HourBar[] {
  const byHour = new Map<number, number>();
  for (const s of stats) {
    const t = Date.parse(String(s.date).replace(' ', 'T'));
    if (Number.isNaN(t)) continue;
    const hour = Math.floor(t / HOUR) * HOUR;
    byHour.set(hour, (byHour.get(hour) ?? 0) + Number(s.total || 0));
  }
  if (byHour.size === 0) return [];
  const hours = [...byHour.keys()];
  const last = Math.max(...hours, Math.floor(now / HOUR) * HOUR);
  const first = Math.max(Math.min(...hours, last - (minHours - 1) * HOUR), last - (maxHours - 1) * HOUR);
  const bars: HourBar[] = [];
  for (let t = first; t <= last; t += HOUR) bars.push({ time: t, total: byHour.get(t) ?? 0 });
  return bars;
}

/** "Dec 4, 14:00" in the reader's time zone. */
export function hourLabel(time: number): string {
  return new Date(time).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
