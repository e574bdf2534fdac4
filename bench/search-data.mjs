import { newId } from './data.mjs';

/**
 * Job postings for the search scenario: a title from a few common word lists (level, technology,
 * role) and a body of 40 words from a 4,000-word vocabulary whose word frequencies fall off like
 * natural language (word k is about 1/k as frequent as the first). Deterministic per row number.
 */

const LEVELS = ['junior', 'senior', 'lead', 'principal', 'staff', 'intern'];
const TECH =
  'rust go typescript java python kotlin swift ruby elixir scala haskell php perl lua zig dart julia clojure erlang ocaml'.split(
    ' ',
  );
const ROLES = 'engineer developer manager designer analyst architect consultant tester administrator scientist'.split(
  ' ',
);
const CITIES = 'berlin zürich münchen paris lyon madrid lisbon porto milano wien praha kraków oslo malmö dublin'.split(
  ' ',
);

const SYLLABLES = 'ka lo mi ne ru ta vo shi de ba gu po ze fi ra no su te wa yo'.split(' ');

/** Pseudo-words: distinct, pronounceable, none of them an English word the queries use. */
function vocabulary(size) {
  const out = [];
  for (let i = 0; out.length < size; i++) {
    const a = SYLLABLES[i % SYLLABLES.length];
    const b = SYLLABLES[Math.floor(i / SYLLABLES.length) % SYLLABLES.length];
    const c = SYLLABLES[Math.floor(i / SYLLABLES.length ** 2) % SYLLABLES.length];
    out.push(`${a}${b}${c}n`);
  }
  return out;
}

const VOCAB = vocabulary(4000);

/** A deterministic pseudo-random number in [0, 1) for (row, slot). */
function unit(row, slot) {
  let x = (row * 2654435761 + slot * 40503 + 12345) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 2246822507) >>> 0;
  x ^= x >>> 13;
  x = Math.imul(x, 3266489909) >>> 0;
  x ^= x >>> 16;
  return (x >>> 0) / 4294967296;
}

/** Word rank with a 1/k (Zipf) distribution over the vocabulary. */
function zipf(u) {
  return Math.min(VOCAB.length - 1, Math.floor(Math.exp(u * Math.log(VOCAB.length + 1))) - 1);
}

const pick = (list, u) => list[Math.floor(u * list.length)];

export function postingRow(i) {
  const body = [];
  for (let k = 0; k < 40; k++) body.push(VOCAB[zipf(unit(i, k + 10))]);
  body.splice(20, 0, pick(CITIES, unit(i, 4)));
  return {
    id: newId(),
    title: `${pick(LEVELS, unit(i, 1))} ${pick(TECH, unit(i, 2))} ${pick(ROLES, unit(i, 3))}`,
    body: body.join(' '),
    open: unit(i, 5) < 0.8,
  };
}

/**
 * What a job board's visitors type: role words, a technology and a city, a level, a rarer body
 * word, and prefixes of a word being typed. Mostly two or three words, as people search.
 */
export const SEARCH_QUERIES = [
  'senior rust engineer',
  'typescript developer',
  'lead go',
  'python scientist berlin',
  'kotlin dev',
  'principal architect',
  'java consultant madrid',
  'swift designer',
  'staff engineer zürich',
  'elixir',
  'haskell engineer',
  'junior tester lisbon',
  'zig',
  'ruby developer paris',
  'manager münchen',
  `${VOCAB[300]} ${VOCAB[40]}`,
  `${VOCAB[1200]}`,
  'scala analyst',
  'python scien',
  'ocaml engin',
];
