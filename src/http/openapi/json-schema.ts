/** The JSON Schema (2020-12, as OpenAPI 3.1 uses it) objects this generator writes: loosely typed on purpose. */
export type Schema = Record<string, unknown>;

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

/** The date text every date the API returns uses (always UTC, always milliseconds), or "" when unset. */
export const DATE_PATTERN = '^$|^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$';

/** A string that is either empty or has `format` (email, uri): the API returns "" for an unset value. */
export function emptyOr(format: string): Schema {
  return {
    anyOf: [
      { type: 'string', maxLength: 0 },
      { type: 'string', format },
    ],
  };
}
