const DATA_FLAGS = `  --dir=PATH         data directory (default ./basalt_data, env BASALT_DIR)
  --db=URL           external database URL (env BASALT_DB); empty uses SQLite in --dir
  --encryption-env=VAR
                     encrypt the stored settings with the 32-character key held in the environment
                     variable VAR (env BASALT_ENCRYPTION_ENV)`;

const MIGRATIONS_FLAG = `  --migrations-dir=PATH
                     folder of migration files <unix time>_<name>.ts
                     (default ./basalt_migrations, env BASALT_MIGRATIONS_DIR)`;

export const MAIN_HELP = `Basalt: a backend in one command, speaking the PocketBase Web API.

Usage:
  basalt <command> [flags]

Commands:
  serve                           start the HTTP server
  healthcheck                     exit 0 when the server's /api/health answers 200 (container health checks)
  superuser upsert EMAIL PASSWORD create a superuser, or set the password of an existing one
  superuser delete EMAIL          delete a superuser
  typegen                         write TypeScript types for every collection and a typed SDK client
  backup create [NAME]            make a backup now (NAME like my_backup.zip)
  backup list                     list the backups with their last restore drill
  backup restore KEY              restore a backup (stop the server first)
  migrate up                      apply the pending migrations of --migrations-dir
  migrate down [N]                revert the last N applied migrations (default 1)
  migrate create NAME             write an empty migration file
  migrate collections             write a migration holding a snapshot of every collection
  migrate history-sync            forget applied migrations whose files are gone
  audit verify                    check the audit trail's hash chain; names the first broken entry
  import pocketbase DATA_DIR      copy a PocketBase pb_data (or a Basalt data dir) into PostgreSQL

Flags:
  -h, --help                      show help (also after a command: basalt serve --help)
  --version                       print the version

Run "basalt <command> --help" for the flags of a command.
`;

export const SERVE_HELP = `Start the HTTP server.

Usage:
  basalt serve [flags]

Flags:
  --http=HOST:PORT   address to listen on (default 127.0.0.1:8090, env BASALT_HTTP); with --https it
                     serves only redirects to HTTPS (and without --http there is no plain HTTP)
  --https=HOST:PORT  serve the API over TLS at this address (env BASALT_HTTPS)
  --tls-cert=FILE    PEM certificate (with its chain) for --https (env BASALT_TLS_CERT); re-read when it changes
  --tls-key=FILE     PEM private key of --tls-cert (env BASALT_TLS_KEY); with --dev and neither file, a
                     self-signed localhost certificate is made and kept in --dir/tls/
${DATA_FLAGS}
  --log-level=LEVEL  fatal, error, warn, info, debug, trace or silent (default info, env BASALT_LOG_LEVEL)
  --origins=LIST     CORS allowed origins, comma-separated (default *, env BASALT_ORIGINS),
                     e.g. https://example.com,http://localhost:5173
  --public-dir=PATH  folder served as a static site at / (default ./basalt_public, env BASALT_PUBLIC_DIR);
                     a missing folder serves nothing
  --index-fallback   answer unknown page paths with /index.html, for single-page apps
                     (env BASALT_INDEX_FALLBACK)
  --hooks-dir=PATH   folder of hook files (*.ts, *.mts, *.js, *.mjs), loaded in name order
                     (default ./basalt_hooks, env BASALT_HOOKS_DIR)
${MIGRATIONS_FLAG}
  --hooks-timeout=S  seconds a hook handler or custom route may run before the request answers 504
                     (default 30, env BASALT_HOOKS_TIMEOUT)
  --dev              development: reload hook files when they change; turns --automigrate on (env BASALT_DEV)
  --automigrate      write a migration file for every collection change (env BASALT_AUTOMIGRATE)
  -h, --help         show this help

Pending migrations of --migrations-dir are applied before the hook files load.
SIGTERM or SIGINT stops accepting connections, lets open requests finish, closes the database and exits.
`;

export const SUPERUSER_HELP = `Manage superusers.

Usage:
  basalt superuser upsert EMAIL PASSWORD [flags]
  basalt superuser delete EMAIL [flags]

Flags:
${DATA_FLAGS}
  -h, --help         show this help
`;

export const UPSERT_HELP = `Create a superuser, or set the password of the superuser with this email.

Usage:
  basalt superuser upsert EMAIL PASSWORD [flags]

Flags:
${DATA_FLAGS}
  -h, --help         show this help
`;

export const DELETE_HELP = `Delete the superuser with this email. The last remaining superuser cannot be deleted.

Usage:
  basalt superuser delete EMAIL [flags]

Flags:
${DATA_FLAGS}
  -h, --help         show this help
`;

export const MIGRATE_HELP = `Manage migrations: files <unix time>_<name>.ts exporting up(app) and down(app), each run in
one transaction and recorded in _migrations.

Usage:
  basalt migrate up [flags]             apply the pending migrations, in name order
  basalt migrate down [N] [flags]       revert the last N applied migrations (default 1)
  basalt migrate create NAME [flags]    write an empty migration file
  basalt migrate collections [flags]    write a migration holding a snapshot of every collection
  basalt migrate history-sync [flags]   forget applied migrations whose files are gone

Flags:
${DATA_FLAGS}
${MIGRATIONS_FLAG}
  -h, --help         show this help
`;

export const TYPEGEN_HELP = `Write TypeScript types for every collection (records, create and update bodies, expand keys,
select values as unions) and a typed wrapper of the official pocketbase SDK.

Usage:
  basalt typegen [--out=FILE] [--dir=PATH | --db=URL]
  basalt typegen [--out=FILE] --url=URL --token=TOKEN

Flags:
  --out=FILE         write to FILE (default: print to standard output)
  --url=URL          read the collections from a running server (Basalt or PocketBase)
  --token=TOKEN      a superuser token for --url
${DATA_FLAGS}
  -h, --help         show this help
`;

export const HEALTHCHECK_HELP = `Probe a running server: exit 0 when GET /api/health answers 200, else 1.

Usage:
  basalt healthcheck [--ready] [--url=URL | --http=HOST:PORT | --https=HOST:PORT]

Flags:
  --ready            probe /api/health?ready=1 instead: the database must answer too
  --url=URL          the server's base URL (env BASALT_HEALTHCHECK_URL)
  --http=HOST:PORT   the address given to "basalt serve" (env BASALT_HTTP; default 127.0.0.1:8090);
                     0.0.0.0 and :: are probed on the loopback address
  --https=HOST:PORT  the --https address of "basalt serve" (env BASALT_HTTPS); probed over TLS without
                     checking the certificate
  -h, --help         show this help
`;

export const AUDIT_HELP = `Check the audit trail.

Usage:
  basalt audit verify [flags]

Walks the audit trail in order and checks that every entry still hashes to its recorded hash and
follows the one before it. Prints the number of entries checked and exits with 0 when the chain is
intact; otherwise prints the first broken entry (changed, missing, or removed from the end) to
stderr and exits with 1.

Flags:
${DATA_FLAGS}
  -h, --help         show this help
`;

export const BACKUP_HELP = `Make, list and restore backups (see docs/backups.md).

Usage:
  basalt backup create [NAME]   make a backup now; NAME matches [a-z0-9_-]+.zip (default pb_backup_<app>_<time>.zip)
  basalt backup list            the backups, newest first, with their last restore drill
  basalt backup restore KEY     replace the data with backup KEY; stop the server first. The previous
                                data is kept until the restored data opened, and put back otherwise.
                                A backup made on SQLite restores into PostgreSQL (--db) and back.

Flags:
${DATA_FLAGS}
  -h, --help         show this help
`;

export const IMPORT_HELP = `Copy a PocketBase pb_data (v0.23 or later), or a Basalt SQLite data directory, into PostgreSQL:
settings, collections, records (superusers included) and files, then check every collection on both
sides (row counts, a checksum of every record, the bytes of every file). Safe to run again: a run
that was cut short is completed, and nothing already copied is duplicated.

Usage:
  basalt import pocketbase DATA_DIR --db=postgres://USER:PASS@HOST:PORT/DB [flags]

Flags:
  --db URL                 the PostgreSQL database to fill (required)
  --dir DIR                the data directory the PostgreSQL-backed server will use (default: DATA_DIR,
                           whose storage/ then keeps serving the files). With S3 enabled in the
                           settings, files go to the bucket instead.
  --encryption-env VAR     the variable holding the key the settings are encrypted with
  -h, --help               show this help

Example:
  basalt import pocketbase ./pb_data --db=postgres://basalt:secret@localhost:5432/basalt
  basalt serve --dir=./pb_data --db=postgres://basalt:secret@localhost:5432/basalt
`;
