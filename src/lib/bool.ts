/** The spellings of a boolean in text, as Go's strconv.ParseBool reads them (and PocketBase with it). */
const TRUE = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);

/** Parses a boolean written as text; undefined when the text is none of the accepted spellings. */
export function parseBool(text: string): boolean | undefined {
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  return undefined;
}

/** Any value as a boolean: numbers are true unless zero, text through parseBool (unknown text is false). */
export function toBool(value: unknown): boolean {
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'number':
      return value !== 0;
    case 'bigint':
      return value !== 0n;
    case 'string':
      return parseBool(value) === true;
    default:
      return false;
  }
}
