/** Import rules of design.md: http -> core -> store contract <- adapters; main.ts alone knows both ends. */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: { path: '^src' }, to: { circular: true } },
    {
      name: 'lib-is-a-leaf',
      severity: 'error',
      from: { path: '^src/lib/' },
      to: { path: '^src/', pathNot: '^src/lib/' },
    },
    {
      name: 'rules-know-no-sql-or-http',
      severity: 'error',
      from: { path: '^src/rules/' },
      to: { path: '^src/', pathNot: '^src/(rules|lib)/' },
    },
    {
      name: 'core-never-imports-http-or-adapters',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(http|cli|realtime|store/sqlite|store/postgres|blob/[^/]+/|mail/[^/]+/|image/[^/]+/)' },
    },
    {
      name: 'only-main-picks-adapters',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(main\\.ts|store/sqlite/|store/postgres/)' },
      to: { path: '^src/store/(sqlite|postgres)/' },
    },
    {
      name: 'store-imports-only-store-rules-lib',
      comment: 'the database seam knows nothing of the domain: the types it needs live in its contract',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/', pathNot: '^src/(store|rules|lib)/' },
    },
    {
      name: 'contracts-import-only-lib',
      comment:
        'contract files at the root of realtime/, blob/, mail/ and image/ import only lib/ (and their sibling contract files)',
      severity: 'error',
      from: { path: '^src/(realtime|blob|mail|image)/[^/]+$' },
      to: { path: '^src/', pathNot: '^src/(lib/|$1/[^/]+$)' },
    },
    {
      name: 'adapters-never-import-http',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/(http|cli)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6'],
  },
};
