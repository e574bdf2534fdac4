/** A bad command line: reported as one line on stderr with exit code 2. */
export class UsageError extends Error {}

export interface FlagSpec {
  /** a string flag takes a value (`--dir=x` or `--dir x`); a boolean flag takes none */
  type: 'string' | 'boolean';
}

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | boolean>;
}

/**
 * Parses `argv` against the allowed flags. Accepts `--flag=value`, `--flag value`, `-h` for `--help`
 * and `--` to end the flags. Unknown flags and missing values throw a UsageError.
 */
export function parseArgs(argv: readonly string[], spec: Readonly<Record<string, FlagSpec>>): ParsedArgs {
  const positionals: string[] = [];
  const flags: Record<string, string | boolean> = {};
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (onlyPositionals || arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    if (arg === '-h') {
      flags.help = true;
      continue;
    }
    if (!arg.startsWith('--')) throw new UsageError(`unknown flag "${arg}"`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const def = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (!def || name === '') throw new UsageError(`unknown flag "--${name}"`);
    if (def.type === 'boolean') {
      if (eq !== -1) throw new UsageError(`flag "--${name}" takes no value`);
      flags[name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) {
      value = arg.slice(eq + 1);
    } else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`flag "--${name}" needs a value`);
      value = next;
      i++;
    }
    flags[name] = value;
  }
  return { positionals, flags };
}

/** Checks the number of positionals; `names` are used in the message for the missing ones. */
export function expectPositionals(positionals: readonly string[], names: readonly string[], command: string): void {
  if (positionals.length < names.length) {
    const missing = names.slice(positionals.length).join(' ');
    throw new UsageError(`${command}: missing ${missing}`);
  }
  if (positionals.length > names.length) {
    throw new UsageError(`${command}: unexpected argument "${positionals[names.length]}"`);
  }
}
