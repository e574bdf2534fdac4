import bcrypt from 'bcrypt';
import { noteRow, postRow, userRow } from './data.mjs';
import { BENCH_USER } from './schema.mjs';

const BATCH = 10_000;

/** Inserts `count` users (user0 is the bench user); returns their ids, user0 first. */
export async function seedUsers(seeder, count) {
  const hash = await bcrypt.hash(BENCH_USER.password, 10);
  const rows = [];
  for (let i = 0; i < count; i++) rows.push(userRow(i, hash));
  await seeder.insert('users', rows);
  return rows.map((r) => r.id);
}

/** Grows `posts` from `from` to `to` rows, one transaction per 10k rows. */
export async function seedPosts(seeder, from, to, userIds) {
  for (let start = from; start < to; start += BATCH) {
    const rows = [];
    const end = Math.min(to, start + BATCH);
    for (let i = start; i < end; i++) rows.push(postRow(i, userIds[(i * 31) % userIds.length]));
    await seeder.insert('posts', rows);
  }
}

/** Notes: every other one belongs to the bench user; returns the ids the bench user owns. */
export async function seedNotes(seeder, count, userIds) {
  const rows = [];
  for (let i = 0; i < count; i++)
    rows.push(noteRow(i, i % 2 === 0 ? userIds[0] : userIds[1 + (i % (userIds.length - 1))]));
  await seeder.insert('notes', rows);
  return rows.filter((r) => r.author === userIds[0]).map((r) => r.id);
}
