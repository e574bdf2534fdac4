import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ERRORS_DOC_COMMAND, ERRORS_DOC_PATH, renderErrorsDoc } from '../../scripts/errors-doc.js';
import { Errors } from '../../src/core/errors.js';
import { V } from '../../src/core/validation.js';

describe('docs/errors.md', () => {
  it('is what the error catalogue generates', () => {
    const expected = renderErrorsDoc();
    const actual = readFileSync(ERRORS_DOC_PATH, 'utf8');
    if (actual !== expected) {
      assert.fail(
        `docs/errors.md is out of date with the error catalogue: run \`${ERRORS_DOC_COMMAND}\` and commit it.`,
      );
    }
  });

  it('has how to solve every entry', () => {
    for (const [name, entry] of [...Object.entries(Errors), ...Object.entries(V)]) {
      assert.ok(entry.solve.trim().length > 10, name);
    }
  });
});
