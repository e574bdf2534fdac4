import type { Collection } from '../core/collection.js';
import { collectionToJSON } from '../core/collections/json.js';
import { serializeRecord } from '../core/records/serialize.js';
import type { RecordData } from '../core/request.js';

const PUBLIC_VIEWER = Object.freeze({ record: null, collection: null, isSuperuser: false });

interface State {
  collection: Collection;
  /** the values; for a record a hook received, the very object the write stores */
  data: RecordData;
  /** fields set since it was loaded or saved */
  changed: Set<string>;
  isNew: boolean;
  /** where `set` also writes (a request's submitted body) */
  sink: Record<string, unknown> | null;
}

/** Reads a record's private state (set in the class's static block). */
let state: (r: RecordModel) => State;

/**
 * A record as user code handles it: `get`/`set` by field name. It remembers which fields were set,
 * so saving an existing record writes only those (a stored password hash is never sent back as a
 * new password). `set` on a record a hook received also changes what the write stores.
 */
export class RecordModel {
  // a private field, not a WeakMap: records are made per event, and weak maps are costly to collect
  readonly #state: State;

  static {
    state = (r) => {
      if (!(#state in r)) throw new TypeError('not a record: create records with app.newRecord()');
      return r.#state;
    };
  }

  /** @internal user code calls `app.newRecord` */
  constructor(collection: Collection, data: RecordData, isNew: boolean, sink: Record<string, unknown> | null = null) {
    this.#state = { collection, data, changed: new Set(), isNew, sink };
  }

  get id(): string {
    return String(state(this).data.id ?? '');
  }

  /** the collection in the collections API's JSON shape */
  collection(): Record<string, unknown> & { id: string; name: string; type: string } {
    return collectionToJSON(state(this).collection) as ReturnType<RecordModel['collection']>;
  }

  /** the value of field `name` (undefined when it has none) */
  get(name: string): unknown {
    return state(this).data[name];
  }

  set(name: string, value: unknown): void {
    const s = state(this);
    s.data[name] = value;
    s.changed.add(name);
    if (s.sink) s.sink[name] = value;
  }

  /** sets every key of `data` */
  load(data: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(data)) this.set(k, v);
  }

  isNew(): boolean {
    return state(this).isNew;
  }

  /** a plain copy of every value, hidden fields included */
  data(): Record<string, unknown> {
    return { ...state(this).data };
  }

  /** the record as the API shows it to a guest: hidden fields and non-public emails left out */
  toJSON(): Record<string, unknown> {
    const s = state(this);
    return serializeRecord(s.collection, s.data, PUBLIC_VIEWER);
  }
}

/** The collection, values and changed fields of a record (for the app's save and delete). */
export function recordState(r: RecordModel): Readonly<State> {
  return state(r);
}

/** After a save: the stored values, nothing changed, no longer new. */
export function markSaved(r: RecordModel, collection: Collection, stored: RecordData): void {
  const s = state(r);
  s.collection = collection;
  s.data = stored;
  s.changed = new Set();
  s.isNew = false;
}
