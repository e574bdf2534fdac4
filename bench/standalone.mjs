import { FALLBACK_USERS, notesCollection, postsCollection } from './schema.mjs';
import { describeCollection } from './shape.mjs';

/** Tables as Basalt would create them, for runs that measure only the ceilings (no Basalt server). */
function ddl(bool, number) {
  const text = "TEXT DEFAULT '' NOT NULL";
  return `
CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY NOT NULL, password ${text}, "tokenKey" ${text},
  email ${text}, "emailVisibility" ${bool}, verified ${bool}, name ${text}, avatar ${text},
  created ${text}, updated ${text});
CREATE UNIQUE INDEX IF NOT EXISTS idx_users_email ON users (email) WHERE email != '';
CREATE UNIQUE INDEX IF NOT EXISTS idx_users_token ON users ("tokenKey");
CREATE TABLE IF NOT EXISTS posts (id TEXT PRIMARY KEY NOT NULL, title ${text}, body ${text}, author ${text},
  views ${number}, published ${bool}, created ${text}, updated ${text});
CREATE INDEX IF NOT EXISTS idx_posts_published_created ON posts (published, created);
CREATE TABLE IF NOT EXISTS notes (id TEXT PRIMARY KEY NOT NULL, title ${text}, author ${text},
  created ${text}, updated ${text});
CREATE INDEX IF NOT EXISTS idx_notes_author ON notes (author);
`;
}

export function standaloneSql(db) {
  return db === 'postgres'
    ? ddl('BOOLEAN DEFAULT FALSE NOT NULL', 'DOUBLE PRECISION DEFAULT 0 NOT NULL')
    : ddl('BOOLEAN DEFAULT FALSE NOT NULL', 'NUMERIC DEFAULT 0 NOT NULL');
}

function withId(c, id) {
  return describeCollection({ ...c, id, fields: [{ name: 'id', type: 'text' }, ...c.fields] });
}

export function standaloneCollections() {
  return {
    users: FALLBACK_USERS,
    posts: withId(postsCollection(), 'pbc_posts'),
    notes: withId(notesCollection(), 'pbc_notes'),
  };
}
