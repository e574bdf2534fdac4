/** The collections the benchmark creates, and the users it signs in as. */

export const USERS_ID = '_pb_users_auth_';
export const SUPERUSER = { email: 'bench@basalt.local', password: 'bench-superuser-pass' };
export const BENCH_USER = { email: 'user0@bench.local', password: 'bench-user-pass' };
export const OWNER_RULE = 'author = @request.auth.id';
export const AUTH_RULE = "@request.auth.id != ''";

export function postsCollection() {
  return {
    name: 'posts',
    type: 'base',
    listRule: '',
    viewRule: '',
    createRule: AUTH_RULE,
    updateRule: '',
    deleteRule: null,
    fields: [
      { name: 'title', type: 'text', max: 200 },
      { name: 'body', type: 'text' },
      { name: 'author', type: 'relation', collectionId: USERS_ID, maxSelect: 1, cascadeDelete: false },
      { name: 'views', type: 'number' },
      { name: 'published', type: 'bool' },
      { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
      { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true },
    ],
    indexes: ['CREATE INDEX `idx_posts_published_created` ON `posts` (`published`, `created`)'],
  };
}

export function notesCollection() {
  return {
    name: 'notes',
    type: 'base',
    listRule: OWNER_RULE,
    viewRule: OWNER_RULE,
    createRule: AUTH_RULE,
    updateRule: OWNER_RULE,
    deleteRule: OWNER_RULE,
    fields: [
      { name: 'title', type: 'text', max: 200 },
      { name: 'author', type: 'relation', collectionId: USERS_ID, maxSelect: 1, cascadeDelete: false },
      { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
      { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true },
    ],
    indexes: ['CREATE INDEX `idx_notes_author` ON `notes` (`author`)'],
  };
}

/** What the ceilings need of `users` when no Basalt server described it (ceiling-only runs). */
export const FALLBACK_USERS = {
  id: USERS_ID,
  name: 'users',
  type: 'auth',
  fields: [
    { name: 'id', kind: 'text' },
    { name: 'email', kind: 'text' },
    { name: 'emailVisibility', kind: 'bool' },
    { name: 'verified', kind: 'bool' },
    { name: 'name', kind: 'text' },
    { name: 'avatar', kind: 'text' },
    { name: 'created', kind: 'text' },
    { name: 'updated', kind: 'text' },
  ],
};
