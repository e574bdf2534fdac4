import { FilterSyntaxError, show } from './errors.js';
import { isValidIdentifier } from './identifier.js';
import { FILTER_LIMITS } from './limits.js';

export interface SortItem {
  /** The identifier as written, modifier included (`title:lower`, `@random`, `author.name`). */
  readonly field: string;
  readonly desc: boolean;
}

/**
 * Parses a `sort` parameter: a comma-separated list, each item trimmed, then an
 * optional `-` (descending) or `+` (ascending, the default) directly followed by an identifier.
 * `@random` and `@rowid` pass as ordinary identifiers; whether a field exists is the resolver's
 * business. Throws FilterSyntaxError for more than 8 items, a name over 255 characters, or an
 * item (empty ones included) that is not an identifier. Returns a frozen array of frozen items.
 */
export function parseSortList(input: string): readonly SortItem[] {
  const parts = input.split(',');
  const { maxSortFields, maxSortFieldLength } = FILTER_LIMITS;
  if (parts.length > maxSortFields) {
    const ninth = parts.slice(0, maxSortFields).join(',').length + 1;
    throw new FilterSyntaxError(`more than ${maxSortFields} sort fields`, ninth);
  }
  const items: SortItem[] = [];
  let offset = 0;
  for (const part of parts) {
    let field = part.trim();
    let pos = offset + (part.length - part.trimStart().length);
    const sign = field[0];
    if (sign === '-' || sign === '+') {
      field = field.slice(1);
      pos++;
    }
    if (field.length > maxSortFieldLength) {
      throw new FilterSyntaxError(`sort field longer than ${maxSortFieldLength} characters`, pos);
    }
    if (!isValidIdentifier(field)) throw new FilterSyntaxError(`invalid sort field ${show(field)}`, pos);
    items.push(Object.freeze({ field, desc: sign === '-' }));
    offset += part.length + 1;
  }
  return Object.freeze(items);
}
