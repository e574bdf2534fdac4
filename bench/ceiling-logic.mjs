import { randomBytes } from 'node:crypto';
import bcrypt from 'bcrypt';
import { errorBody } from './ceiling-app.mjs';
import { peekJwt, signJwt, verifyJwt } from './jwt.mjs';
import { dateString, recordJson } from './shape.mjs';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const TOKEN_SECONDS = 604_800;
const NOT_FOUND = { status: 404, body: errorBody(404, "The requested resource wasn't found.") };
const AUTH_FAILED = { status: 400, body: errorBody(400, 'Failed to authenticate.') };

function newId() {
  const bytes = randomBytes(15);
  let id = '';
  for (const b of bytes) id += ALPHABET[b % 36];
  return id;
}

function flag(value) {
  return value !== null && ['1', 't', 'true', 'TRUE', 'True'].includes(value);
}

/**
 * The hand-written equivalent of each benchmarked endpoint over a data adapter `db`
 * (post, ownedNote, listPosts, countPosts, usersByIds, userById, userByEmail, insertNote, addViews).
 */
export function makeHandler(config, db) {
  const { posts, notes, users } = config.collections;
  const secret = randomBytes(30).toString('hex');

  async function authenticate(header) {
    const token = header.replace(/^bearer\s+/i, '');
    const claims = peekJwt(token);
    if (claims?.type !== 'auth' || claims.collectionId !== users.id) return null;
    const user = await db.userById(claims.id);
    if (!user || !verifyJwt(token, user.tokenKey + secret)) return null;
    return user;
  }

  function authResponse(user) {
    const exp = Math.floor(Date.now() / 1000) + TOKEN_SECONDS;
    const token = signJwt(
      { collectionId: users.id, exp, id: user.id, refreshable: true, type: 'auth' },
      user.tokenKey + secret,
    );
    return { status: 200, body: { record: recordJson(users, user, true), token } };
  }

  async function list(query) {
    const perPage = 30;
    const page = Math.max(1, Number(query.get('page')) || 1);
    const skipTotal = flag(query.get('skipTotal'));
    const rows = await db.listPosts(perPage, (page - 1) * perPage);
    const items = rows.map((r) => recordJson(posts, r));
    if (query.get('expand') === 'author') {
      const authors = await db.usersByIds([...new Set(rows.map((r) => r.author))]);
      const byId = new Map(authors.map((u) => [u.id, recordJson(users, u)]));
      items.forEach((item) => {
        const author = byId.get(item.author);
        item.expand = author ? { author } : {};
      });
    }
    const total = skipTotal ? -1 : await db.countPosts();
    const totalPages = skipTotal ? -1 : Math.ceil(total / perPage);
    return { status: 200, body: { items, page, perPage, totalItems: total, totalPages } };
  }

  async function create(bodyText, header) {
    const user = await authenticate(header);
    if (!user) return { status: 400, body: errorBody(400, 'Failed to create record.') };
    const input = JSON.parse(bodyText || '{}');
    const author = typeof input.author === 'string' ? input.author : '';
    if (author !== '' && !(await db.userById(author))) {
      const data = {
        author: {
          code: 'validation_missing_rel_records',
          message: 'Failed to find all relation records with the provided ids.',
        },
      };
      return { status: 400, body: { status: 400, message: 'Failed to create record.', data } };
    }
    const now = dateString();
    const row = { id: newId(), title: String(input.title ?? ''), author, created: now, updated: now };
    await db.insertNote(row);
    return { status: 200, body: recordJson(notes, row) };
  }

  async function update(id, bodyText) {
    const input = JSON.parse(bodyText || '{}');
    const row = await db.addViews(id, Number(input['views+']) || 0, dateString());
    return row ? { status: 200, body: recordJson(posts, row) } : NOT_FOUND;
  }

  async function authWithPassword(bodyText) {
    const input = JSON.parse(bodyText || '{}');
    const user = typeof input.identity === 'string' ? await db.userByEmail(input.identity) : null;
    if (!user || typeof input.password !== 'string') return AUTH_FAILED;
    return (await bcrypt.compare(input.password, user.password)) ? authResponse(user) : AUTH_FAILED;
  }

  return async function handle(t, bodyText, header) {
    if (t.collection === posts.name && t.action === 'records') {
      if (t.method === 'GET' && t.id) {
        const row = await db.post(t.id);
        return row ? { status: 200, body: recordJson(posts, row) } : NOT_FOUND;
      }
      if (t.method === 'GET') return list(t.query);
      if (t.method === 'PATCH' && t.id) return update(t.id, bodyText);
    }
    if (t.collection === notes.name && t.action === 'records') {
      if (t.method === 'GET' && t.id) {
        const user = header ? await authenticate(header) : null;
        const row = user ? await db.ownedNote(t.id, user.id) : null;
        return row ? { status: 200, body: recordJson(notes, row) } : NOT_FOUND;
      }
      if (t.method === 'POST' && !t.id) return create(bodyText, header);
    }
    if (t.collection === users.name && t.method === 'POST') {
      if (t.action === 'auth-with-password') return authWithPassword(bodyText);
      if (t.action === 'auth-refresh') {
        const user = await authenticate(header);
        return user
          ? authResponse(user)
          : { status: 401, body: errorBody(401, 'The request requires valid record authorization token.') };
      }
    }
    return NOT_FOUND;
  };
}
