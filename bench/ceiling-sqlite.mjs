import Database from 'better-sqlite3';
import { serve } from './ceiling-app.mjs';
import { readCeilingArgs } from './ceiling-config.mjs';
import { makeHandler } from './ceiling-logic.mjs';

const { config, port } = readCeilingArgs();
const db = new Database(config.sqliteFile);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 10000');
db.pragma('cache_size = -32000');

const q = (name) => `"${name.replaceAll('"', '""')}"`;
const { posts, notes, users } = config.collections;
const P = q(posts.name);
const stmt = {
  post: db.prepare(`SELECT * FROM ${P} WHERE id = ?`),
  ownedNote: db.prepare(`SELECT * FROM ${q(notes.name)} WHERE id = ? AND author = ?`),
  list: db.prepare(`SELECT * FROM ${P} WHERE published = 1 ORDER BY created DESC LIMIT ? OFFSET ?`),
  count: db.prepare(`SELECT COUNT(*) AS n FROM ${P} WHERE published = 1`),
  usersByIds: db.prepare(`SELECT * FROM ${q(users.name)} WHERE id IN (SELECT value FROM json_each(?))`),
  userById: db.prepare(`SELECT * FROM ${q(users.name)} WHERE id = ?`),
  userByEmail: db.prepare(`SELECT * FROM ${q(users.name)} WHERE email = ?`),
  insertNote: db.prepare(
    `INSERT INTO ${q(notes.name)} (id, title, author, created, updated) VALUES (@id, @title, @author, @created, @updated)`,
  ),
  addViews: db.prepare(`UPDATE ${P} SET views = views + ?, updated = ? WHERE id = ? RETURNING *`),
};

const adapter = {
  post: (id) => stmt.post.get(id),
  ownedNote: (id, author) => stmt.ownedNote.get(id, author),
  listPosts: (limit, offset) => stmt.list.all(limit, offset),
  countPosts: () => stmt.count.get().n,
  usersByIds: (ids) => stmt.usersByIds.all(JSON.stringify(ids)),
  userById: (id) => stmt.userById.get(id),
  userByEmail: (email) => stmt.userByEmail.get(email),
  insertNote: (row) => stmt.insertNote.run(row),
  addViews: (id, n, updated) => stmt.addViews.get(n, updated, id),
};

await serve(port, makeHandler(config, adapter));
process.stdout.write('listening\n');
