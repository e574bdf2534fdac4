import { packageVersion } from '../lib/package-version.js';
import { expectPositionals, type FlagSpec, parseArgs, UsageError } from './args.js';
import { auditVerifyCommand } from './audit.js';
import { backupCreateCommand, backupListCommand, backupRestoreCommand } from './backup.js';
import { healthcheck } from './healthcheck.js';
import {
  AUDIT_HELP,
  BACKUP_HELP,
  DELETE_HELP,
  HEALTHCHECK_HELP,
  IMPORT_HELP,
  MAIN_HELP,
  MIGRATE_HELP,
  SERVE_HELP,
  SUPERUSER_HELP,
  TYPEGEN_HELP,
  UPSERT_HELP,
} from './help.js';
import { importPocketBase } from './import.js';
import {
  migrateCollectionsCommand,
  migrateCreateCommand,
  migrateDownCommand,
  migrateHistorySyncCommand,
  migrateUpCommand,
} from './migrate.js';
import { describeError, type Io, processIo } from './output.js';
import { serve } from './serve.js';
import { deleteSuperuser, upsertSuperuser } from './superuser.js';
import { typegen } from './typegen.js';

type Flags = Record<string, string | boolean>;

const BOOL: FlagSpec = { type: 'boolean' };
const TEXT: FlagSpec = { type: 'string' };
const DATA_FLAGS = { help: BOOL, dir: TEXT, db: TEXT, 'encryption-env': TEXT };
const MIGRATE_FLAGS = { ...DATA_FLAGS, 'migrations-dir': TEXT };

interface Command {
  help: string;
  flags: Readonly<Record<string, FlagSpec>>;
  positionals: readonly string[];
  /** how many of the trailing positionals may be left out */
  optional?: number;
  run(positionals: string[], flags: Flags, io: Io): Promise<number>;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  serve: {
    help: SERVE_HELP,
    flags: {
      ...DATA_FLAGS,
      http: TEXT,
      https: TEXT,
      'tls-cert': TEXT,
      'tls-key': TEXT,
      'log-level': TEXT,
      origins: TEXT,
      'public-dir': TEXT,
      'index-fallback': BOOL,
      'hooks-dir': TEXT,
      'migrations-dir': TEXT,
      'hooks-timeout': TEXT,
      dev: BOOL,
      automigrate: BOOL,
    },
    positionals: [],
    run: (_p, flags, io) => serve(flags, io),
  },
  healthcheck: {
    help: HEALTHCHECK_HELP,
    flags: { help: BOOL, url: TEXT, http: TEXT, https: TEXT, ready: BOOL },
    positionals: [],
    run: (_p, flags, io) => healthcheck(flags, io),
  },
  'superuser upsert': {
    help: UPSERT_HELP,
    flags: DATA_FLAGS,
    positionals: ['EMAIL', 'PASSWORD'],
    run: async ([email, password], flags, io) => {
      await upsertSuperuser(flags, email as string, password as string, io);
      return 0;
    },
  },
  'superuser delete': {
    help: DELETE_HELP,
    flags: DATA_FLAGS,
    positionals: ['EMAIL'],
    run: async ([email], flags, io) => {
      await deleteSuperuser(flags, email as string, io);
      return 0;
    },
  },
  typegen: {
    help: TYPEGEN_HELP,
    flags: { ...DATA_FLAGS, out: TEXT, url: TEXT, token: TEXT },
    positionals: [],
    run: (_p, flags, io) => typegen(flags, io),
  },
  'backup create': {
    help: BACKUP_HELP,
    flags: DATA_FLAGS,
    positionals: ['NAME'],
    optional: 1,
    run: ([name], flags, io) => backupCreateCommand(name, flags, io),
  },
  'backup list': {
    help: BACKUP_HELP,
    flags: DATA_FLAGS,
    positionals: [],
    run: (_p, flags, io) => backupListCommand(flags, io),
  },
  'backup restore': {
    help: BACKUP_HELP,
    flags: DATA_FLAGS,
    positionals: ['KEY'],
    run: ([key], flags, io) => backupRestoreCommand(key as string, flags, io),
  },
  'migrate up': {
    help: MIGRATE_HELP,
    flags: MIGRATE_FLAGS,
    positionals: [],
    run: (_p, flags, io) => migrateUpCommand(flags, io),
  },
  'migrate down': {
    help: MIGRATE_HELP,
    flags: MIGRATE_FLAGS,
    positionals: ['N'],
    optional: 1,
    run: ([n], flags, io) => migrateDownCommand(n, flags, io),
  },
  'migrate create': {
    help: MIGRATE_HELP,
    flags: MIGRATE_FLAGS,
    positionals: ['NAME'],
    run: ([name], flags, io) => migrateCreateCommand(name as string, flags, io),
  },
  'migrate collections': {
    help: MIGRATE_HELP,
    flags: MIGRATE_FLAGS,
    positionals: [],
    run: (_p, flags, io) => migrateCollectionsCommand(flags, io),
  },
  'audit verify': {
    help: AUDIT_HELP,
    flags: DATA_FLAGS,
    positionals: [],
    run: (_p, flags, io) => auditVerifyCommand(flags, io),
  },
  'import pocketbase': {
    help: IMPORT_HELP,
    flags: DATA_FLAGS,
    positionals: ['DATA_DIR'],
    run: ([dir], flags, io) => importPocketBase(dir as string, flags, io),
  },
  'migrate history-sync': {
    help: MIGRATE_HELP,
    flags: MIGRATE_FLAGS,
    positionals: [],
    run: (_p, flags, io) => migrateHistorySyncCommand(flags, io),
  },
};

const GROUPS: Readonly<Record<string, string>> = {
  superuser: SUPERUSER_HELP,
  migrate: MIGRATE_HELP,
  audit: AUDIT_HELP,
  backup: BACKUP_HELP,
  import: IMPORT_HELP,
};
const SUBCOMMANDS: Readonly<Record<string, string>> = {
  superuser: 'upsert or delete',
  audit: 'verify',
  migrate: 'up, down, create, collections or history-sync',
  backup: 'create, list or restore',
  import: 'pocketbase',
};

/** Finds the command named by the leading words of `argv`; returns it with the remaining arguments. */
function resolve(argv: readonly string[]): { name: string; command: Command; rest: string[] } | null {
  const [first, second] = argv;
  if (first === undefined || first.startsWith('-')) return null;
  if (Object.hasOwn(GROUPS, first)) {
    const name = `${first} ${second ?? ''}`;
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (command) return { name, command, rest: argv.slice(2) };
    if (second === undefined || second.startsWith('-')) return null;
    throw new UsageError(`unknown command "${name}"`);
  }
  const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (!command) throw new UsageError(`unknown command "${first}"`);
  return { name: first, command, rest: argv.slice(1) };
}

/** Top level or a command group (`basalt superuser`): only help and version. */
function runTopLevel(argv: readonly string[], io: Io): number {
  const group = argv[0] !== undefined && Object.hasOwn(GROUPS, argv[0]) ? argv[0] : null;
  const spec: Record<string, FlagSpec> = group ? { help: BOOL } : { help: BOOL, version: BOOL };
  const { positionals, flags } = parseArgs(group ? argv.slice(1) : argv, spec);
  if (positionals.length > 0) throw new UsageError(`unknown command "${positionals[0]}"`);
  if (flags.version) {
    io.out(`basalt ${packageVersion()}\n`);
    return 0;
  }
  if (group && !flags.help) throw new UsageError(`${group}: missing subcommand (${SUBCOMMANDS[group]})`);
  io.out(group ? (GROUPS[group] as string) : MAIN_HELP);
  return 0;
}

/** Runs the command line and resolves with the process exit code (2 for bad arguments). */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let usage = 'basalt --help';
  try {
    if (argv[0] !== undefined && Object.hasOwn(GROUPS, argv[0])) usage = `basalt ${argv[0]} --help`;
    const found = resolve(argv);
    if (!found) return runTopLevel(argv, io);
    usage = `basalt ${found.name} --help`;
    const { positionals, flags } = parseArgs(found.rest, found.command.flags);
    if (flags.help) {
      io.out(found.command.help);
      return 0;
    }
    const { optional = 0 } = found.command;
    const given = Math.max(positionals.length, found.command.positionals.length - optional);
    expectPositionals(positionals, found.command.positionals.slice(0, given), found.name);
    return await found.command.run(positionals, flags, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`basalt: ${e.message}. Run "${usage}" for usage.\n`);
      return 2;
    }
    io.err(`error: ${describeError(e)}\n`);
    return 1;
  }
}
