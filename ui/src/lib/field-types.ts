/** The options each field type offers in the collection editor, and how each is edited. */
export type OptionKind = 'number' | 'bool' | 'text' | 'list' | 'collection';

export interface OptionSpec {
  key: string;
  label: string;
  kind: OptionKind;
  hint?: string;
}

const num = (key: string, label: string, hint?: string): OptionSpec => ({ key, label, kind: 'number', hint });
const bool = (key: string, label: string): OptionSpec => ({ key, label, kind: 'bool' });
const text = (key: string, label: string, hint?: string): OptionSpec => ({ key, label, kind: 'text', hint });
const list = (key: string, label: string, hint?: string): OptionSpec => ({ key, label, kind: 'list', hint });

const DOMAINS = [list('onlyDomains', 'Only domains', 'comma-separated'), list('exceptDomains', 'Except domains', 'comma-separated')];

export const FIELD_TYPES: Readonly<Record<string, readonly OptionSpec[]>> = {
  text: [
    num('min', 'Min length'),
    num('max', 'Max length'),
    text('pattern', 'Pattern', 'a regular expression'),
    text('autogeneratePattern', 'Autogenerate pattern', 'e.g. [a-z0-9]{8}'),
  ],
  editor: [num('maxSize', 'Max size (bytes)'), bool('convertURLs', 'Convert URLs')],
  number: [num('min', 'Min'), num('max', 'Max'), bool('onlyInt', 'Integers only')],
  bool: [],
  email: DOMAINS,
  url: DOMAINS,
  date: [text('min', 'Earliest', 'e.g. 2024-01-01 00:00:00.000Z'), text('max', 'Latest')],
  autodate: [bool('onCreate', 'Set on create'), bool('onUpdate', 'Set on update')],
  select: [list('values', 'Values', 'comma-separated'), num('maxSelect', 'Max selected')],
  file: [
    num('maxSelect', 'Max files'),
    num('maxSize', 'Max size (bytes)'),
    list('mimeTypes', 'MIME types', 'comma-separated, empty for any'),
    list('thumbs', 'Thumb sizes', 'e.g. 100x100, 0x300'),
    bool('protected', 'Protected (needs a file token)'),
  ],
  relation: [
    { key: 'collectionId', label: 'Related collection', kind: 'collection' },
    num('minSelect', 'Min selected'),
    num('maxSelect', 'Max selected'),
    bool('cascadeDelete', 'Delete with the related record'),
  ],
  json: [num('maxSize', 'Max size (bytes)')],
  geoPoint: [],
  password: [num('min', 'Min length'), num('max', 'Max length'), text('pattern', 'Pattern'), num('cost', 'bcrypt cost')],
};

export const TYPE_NAMES = Object.keys(FIELD_TYPES).filter((t) => t !== 'password');

/** A new field of `type` with the defaults the server expects. */
export function newField(type: string, name = ''): Record<string, unknown> {
  const field: Record<string, unknown> = { name, type, required: false, hidden: false, presentable: false };
  if (type === 'select') Object.assign(field, { values: [], maxSelect: 1 });
  if (type === 'file') Object.assign(field, { maxSelect: 1, maxSize: 0, mimeTypes: [], thumbs: [] });
  if (type === 'relation') Object.assign(field, { collectionId: '', maxSelect: 1 });
  if (type === 'autodate') Object.assign(field, { onCreate: true, onUpdate: false });
  return field;
}
