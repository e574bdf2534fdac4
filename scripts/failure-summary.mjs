import { relative } from 'node:path';

// A node:test reporter that prints nothing while tests run and, at the end, one line per failed or
// cancelled test with its file, its suite path and the first line of its error. The full TAP output
// can run to hundreds of thousands of lines; a CI log that keeps only its tail still keeps this.

function firstLine(error) {
  const cause = error?.cause ?? error;
  const text = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause ?? error?.message ?? '');
  return text.split('\n').find((l) => l.trim() !== '') ?? '';
}

export default async function* failureSummary(source) {
  const failures = [];
  // suite names by nesting level, as the runner announces them (test:start comes before children)
  const path = [];
  for await (const event of source) {
    if (event.type === 'test:start') {
      path[event.data.nesting] = event.data.name;
      path.length = event.data.nesting + 1;
    } else if (event.type === 'test:fail') {
      const { data } = event;
      const kind = data.details?.error?.failureType === 'cancelledByParent' ? 'cancelled' : 'failed';
      const where = [...path.slice(0, data.nesting), data.name].join(' › ');
      failures.push(
        `${kind}: ${data.file ? relative(process.cwd(), data.file) : '?'} › ${where}\n    ${firstLine(data.details?.error)}`,
      );
    }
  }
  if (failures.length === 0) return;
  yield `\n# ${failures.length} failed or cancelled (tests and the suites around them):\n`;
  for (const line of failures) yield `# ${line.replace(/\n/g, '\n# ')}\n`;
}
