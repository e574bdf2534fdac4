// Writes docs/errors.md from the error catalogue (src/core/errors.ts) and the validation items
// (src/core/validation.ts): each entry's status or code, message and how to solve it.
// Usage: npm run docs:errors   (test/core/errors-doc.test.ts fails while the file is out of date)
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Errors } from '../src/core/errors.js';
import { V } from '../src/core/validation.js';
import { STATUS_OF_KIND } from '../src/http/error-handler.js';

export const ERRORS_DOC_PATH = fileURLToPath(new URL('../docs/errors.md', import.meta.url));
export const ERRORS_DOC_COMMAND = 'npm run docs:errors';

interface Entry {
  (...args: never[]): unknown;
  readonly solve: string;
  readonly example: readonly unknown[];
}

/** Builds the example value of an entry from its own example arguments. */
const example = <T>(entry: Entry): T => (entry as unknown as (...args: readonly unknown[]) => T)(...entry.example);

/** Text for a table cell: one line, with the characters that would end the cell or start emphasis escaped. */
const cell = (text: string): string => text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
const plain = (text: string): string => cell(text).replace(/([\\*_`[\]<])/g, '\\$1');

function apiRows(): string[] {
  const rows = Object.entries(Errors as unknown as Record<string, Entry>).map(([name, entry]) => {
    const e = example<{ kind: keyof typeof STATUS_OF_KIND; message: string }>(entry);
    return { status: STATUS_OF_KIND[e.kind], name, message: e.message, solve: entry.solve };
  });
  rows.sort((a, b) => a.status - b.status);
  return rows.map((r) => `| ${r.status} | \`${r.name}\` | ${plain(r.message)} | ${cell(r.solve)} |`);
}

function validationRows(): string[] {
  const rows = Object.entries(V as unknown as Record<string, Entry>).map(([name, entry]) => {
    const item = example<{ code: string; message: string }>(entry);
    return { code: item.code, name, message: item.message, solve: entry.solve };
  });
  rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return rows.map((r) => `| \`${r.code}\` | ${plain(r.message)} | ${cell(r.solve)} |`);
}

/** The whole of docs/errors.md. */
export function renderErrorsDoc(): string {
  return [
    '# Errors',
    '',
    `<!-- Generated from src/core/errors.ts and src/core/validation.ts by \`${ERRORS_DOC_COMMAND}\`; do not edit. -->`,
    '',
    'Every error response has the same body: the HTTP status, a message, and `data` with the invalid',
    'fields of the request, each keyed by field name (nested objects and lists nest the same way):',
    '',
    '```json',
    '{',
    '  "status": 400,',
    '  "message": "Failed to create record.",',
    '  "data": { "title": { "code": "validation_required", "message": "Cannot be blank." } }',
    '}',
    '```',
    '',
    'Messages with values in them show example values. An unexpected failure is a 500 whose message',
    'never carries its cause; the cause is in the server log.',
    '',
    '## API errors',
    '',
    'The name is the entry of the `Errors` catalogue in src/core/errors.ts.',
    '',
    '| Status | Name | Message | How to solve it |',
    '|---|---|---|---|',
    ...apiRows(),
    '',
    '## Validation codes',
    '',
    'The `code` of a field in `data`. One code may come with several messages.',
    '',
    '| Code | Message | How to solve it |',
    '|---|---|---|',
    ...validationRows(),
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(ERRORS_DOC_PATH, renderErrorsDoc());
  process.stdout.write(`wrote ${ERRORS_DOC_PATH}\n`);
}
