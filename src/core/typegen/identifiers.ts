const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property key as TypeScript source: bare when it is an identifier, quoted otherwise (`"tags+"`, `"1st"`). */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/** A string literal type for `value`, escaped. */
export function literal(value: string): string {
  return JSON.stringify(value);
}

/**
 * PascalCase type names for collection names, unique within one file: `post_titles` → `PostTitles`,
 * `_superusers` → `Superusers`, a leading digit gets a `C` before it, and a second name that comes out
 * the same gets a number after it (`PostTitles2`).
 */
export class TypeNames {
  private readonly taken = new Set<string>(RESERVED);
  private readonly byCollection = new Map<string, string>();

  of(collectionName: string): string {
    const known = this.byCollection.get(collectionName);
    if (known) return known;
    const words = collectionName.split(/[^A-Za-z0-9]+/).filter(Boolean);
    let base = words.map((w) => w[0]?.toUpperCase() + w.slice(1)).join('') || 'Collection';
    if (/^[0-9]/.test(base)) base = `C${base}`;
    let name = base;
    for (let i = 2; this.taken.has(name); i++) name = `${base}${i}`;
    this.taken.add(name);
    this.byCollection.set(collectionName, name);
    return name;
  }
}

/** Names the generated file declares itself or imports: a collection never takes them. */
const RESERVED = [
  'PocketBase',
  'RecordService',
  'RecordModel',
  'RecordOptions',
  'CollectionName',
  'CollectionRecords',
  'CollectionCreates',
  'CollectionUpdates',
  'CollectionExpands',
  'TypedRecordService',
  'TypedPocketBase',
  'FileInput',
  'GeoPoint',
];
