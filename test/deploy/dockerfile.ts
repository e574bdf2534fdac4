/** One instruction of a Dockerfile: its keyword and the rest of its (joined) line. */
export interface Instruction {
  keyword: string;
  args: string;
}

/** The instructions of a Dockerfile, continuation lines joined, comments and blank lines dropped. */
export function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const full = pending + line;
    pending = '';
    const m = /^(\w+)\s+(.*)$/.exec(full);
    if (m) out.push({ keyword: (m[1] as string).toUpperCase(), args: m[2] as string });
  }
  return out;
}

/** The instructions of the last stage (after the last FROM). */
export function finalStage(instructions: readonly Instruction[]): Instruction[] {
  const last = instructions.map((i) => i.keyword).lastIndexOf('FROM');
  return instructions.slice(last + 1);
}

/** `KEY=VALUE` pairs of the ENV instructions. */
export function envOf(instructions: readonly Instruction[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const i of instructions.filter((x) => x.keyword === 'ENV')) {
    for (const [, key, value] of i.args.matchAll(/(\w+)=(\S+)/g)) env[key as string] = value as string;
  }
  return env;
}

/** The JSON array of an exec-form instruction (`CMD ["a", "b"]`), after `prefix` (e.g. `CMD` in HEALTHCHECK). */
export function execForm(args: string): string[] {
  const at = args.indexOf('[');
  if (at < 0) throw new Error(`not in exec form: ${args}`);
  return JSON.parse(args.slice(at)) as string[];
}
