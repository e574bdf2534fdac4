import { randomBytes } from 'node:crypto';
import { dateString } from './shape.mjs';

const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';
const MIXED = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const EPOCH = Date.UTC(2024, 0, 1);
const WORDS = 'stone river quiet basalt column lava field north harbor signal window garden'.split(' ');

function randomString(length, alphabet) {
  const bytes = randomBytes(length);
  let s = '';
  for (const b of bytes) s += alphabet[b % alphabet.length];
  return s;
}

/** A record id: 15 characters of [a-z0-9]. */
export const newId = () => randomString(15, LOWER);

/** Post `i` is created `i` seconds after the epoch, so "newest first" is a stable order. */
const stamp = (i) => dateString(new Date(EPOCH + i * 1000 + (i % 997)));

function sentence(i, words) {
  const out = [];
  for (let k = 0; k < words; k++) out.push(WORDS[(i * 7 + k * 3) % WORDS.length]);
  return out.join(' ');
}

export function userRow(i, passwordHash) {
  const created = stamp(i);
  return {
    id: newId(),
    password: passwordHash,
    tokenKey: randomString(50, MIXED),
    email: `user${i}@bench.local`,
    emailVisibility: false,
    verified: true,
    name: `User ${i}`,
    avatar: '',
    created,
    updated: created,
  };
}

export function postRow(i, author) {
  const created = stamp(i);
  return {
    id: newId(),
    title: `Post ${i}: ${sentence(i, 4)}`,
    body: sentence(i, 30),
    author,
    views: i % 1000,
    published: i % 2 === 0,
    created,
    updated: created,
  };
}

export function noteRow(i, author) {
  const created = stamp(i);
  return { id: newId(), title: `Note ${i}`, author, created, updated: created };
}
