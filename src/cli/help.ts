const DATA_FLAGS = `  --dir=PATH         data directory (default ./basalt_data, env BASALT_DIR)
  --db=URL           external database URL (env BASALT_DB); empty uses SQLite in --dir
  --encryption-env=VAR
                     encrypt the stored settings with the 32-character key held in the environment
                     variable VAR (env BASALT_ENCRYPTION_ENV)`;

export const MAIN_HELP = `Basalt: a backend in one command, speaking the PocketBase Web API.

Usage:
  basalt <command> [flags]

Commands:
  serve                           start the HTTP server
  superuser upsert EMAIL PASSWORD create a superuser, or set the password of an existing one
  superuser delete EMAIL          delete a superuser
  typegen                         write TypeScript types for every collection and a typed SDK client

Flags:
  -h, --help                      show help (also after a command: basalt serve --help)
  --version                       print the version

Run "basalt <command> --help" for the flags of a command.
`;

export const SERVE_HELP = `Start the HTTP server.

Usage:
  basalt serve [flags]

Flags:
  --http=HOST:PORT   address to listen on (default 127.0.0.1:8090, env BASALT_HTTP)
${DATA_FLAGS}
  --log-level=LEVEL  fatal, error, warn, info, debug, trace or silent (default info, env BASALT_LOG_LEVEL)
  --origins=LIST     CORS allowed origins, comma-separated (default *, env BASALT_ORIGINS),
                     e.g. https://example.com,http://localhost:5173
  --public-dir=PATH  folder served as a static site at / (default ./basalt_public, env BASALT_PUBLIC_DIR);
                     a missing folder serves nothing
  --index-fallback   answer unknown page paths with /index.html, for single-page apps
                     (env BASALT_INDEX_FALLBACK)
  -h, --help         show this help

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
