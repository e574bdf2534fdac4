/** One piece of a `sort` list: `@rank` terms stand alone, the other terms stay together in runs. */
export type SortPart = { rank: true; desc: boolean } | { rank: false; text: string };

const RANK = /^\s*([+-]?)@rank\s*$/;

/** Splits `sort` around its `@rank` terms, keeping their order; null when it has none. */
export function splitRankSort(sort: string): SortPart[] | null {
  if (!sort.includes('@rank')) return null;
  const parts: SortPart[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length > 0) parts.push({ rank: false, text: run.join(',') });
    run = [];
  };
  for (const item of sort.split(',')) {
    const m = RANK.exec(item);
    if (!m) {
      run.push(item);
      continue;
    }
    flush();
    parts.push({ rank: true, desc: m[1] === '-' });
  }
  flush();
  return parts;
}
