import pg from 'pg';
import { serve } from './ceiling-app.mjs';
import { readCeilingArgs } from './ceiling-config.mjs';
import { makeHandler } from './ceiling-logic.mjs';

const { config, port } = readCeilingArgs();
const pool = new pg.Pool({ connectionString: config.postgresUrl, max: config.poolSize ?? 10 });

const q = (name) => `"${name.replaceAll('"', '""')}"`;
const { posts, notes, users } = config.collections;
const P = q(posts.name);
const U = q(users.name);

async function one(name, text, values) {
  const r = await pool.query({ name, text, values });
  return r.rows[0] ?? null;
}

async function all(name, text, values) {
  return (await pool.query({ name, text, values })).rows;
}

const adapter = {
  post: (id) => one('post', `SELECT * FROM ${P} WHERE id = $1`, [id]),
  ownedNote: (id, author) => one('note', `SELECT * FROM ${q(notes.name)} WHERE id = $1 AND author = $2`, [id, author]),
  listPosts: (limit, offset) =>
    all('list', `SELECT * FROM ${P} WHERE published = true ORDER BY created DESC LIMIT $1 OFFSET $2`, [limit, offset]),
  countPosts: async () => Number((await one('count', `SELECT COUNT(*) AS n FROM ${P} WHERE published = true`, [])).n),
  usersByIds: (ids) => all('users', `SELECT * FROM ${U} WHERE id = ANY($1::text[])`, [ids]),
  userById: (id) => one('user', `SELECT * FROM ${U} WHERE id = $1`, [id]),
  userByEmail: (email) => one('email', `SELECT * FROM ${U} WHERE email = $1`, [email]),
  insertNote: (r) =>
    pool.query({
      name: 'insert',
      text: `INSERT INTO ${q(notes.name)} (id, title, author, created, updated) VALUES ($1, $2, $3, $4, $5)`,
      values: [r.id, r.title, r.author, r.created, r.updated],
    }),
  addViews: (id, n, updated) =>
    one('views', `UPDATE ${P} SET views = views + $1, updated = $2 WHERE id = $3 RETURNING *`, [n, updated, id]),
};

await serve(port, makeHandler(config, adapter));
process.stdout.write('listening\n');
