/** The table columns chosen per collection, remembered in this browser's localStorage. */
const key = (collection: string) => `basalt_columns:${collection}`;

export function loadColumns(collection: string, names: string[]): string[] {
  try {
    const saved = JSON.parse(localStorage.getItem(key(collection)) ?? 'null') as unknown;
    if (Array.isArray(saved)) {
      const chosen = names.filter((n) => saved.includes(n));
      if (chosen.length) return chosen;
    }
  } catch {
    // a damaged entry falls back to every column
  }
  return [...names];
}

export function saveColumns(collection: string, names: string[], shown: string[]): void {
  if (shown.length === names.length) localStorage.removeItem(key(collection));
  else localStorage.setItem(key(collection), JSON.stringify(shown));
}
