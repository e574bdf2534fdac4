/**
 * Letter folding shared by the PostgreSQL index and its queries, so both sides fold the same way
 * SQLite's `unicode61 remove_diacritics 2` tokenizer does for Latin, Greek and Cyrillic letters:
 * accents go (é → e) and capitals become small letters (É → e). Letters outside these blocks are
 * left to the database's own lower-casing.
 */

const BLOCKS: ReadonlyArray<readonly [number, number]> = [
  [0x00c0, 0x024f],
  [0x0370, 0x03ff],
  [0x0400, 0x04ff],
  [0x1e00, 0x1eff],
];

const MARKS = /\p{M}/gu;

function buildMap(): Map<string, string> {
  const map = new Map<string, string>();
  for (const [from, to] of BLOCKS) {
    for (let code = from; code <= to; code++) {
      const ch = String.fromCodePoint(code);
      const base = ch.normalize('NFD').replace(MARKS, '').toLowerCase();
      if ([...base].length === 1 && base !== ch) map.set(ch, base);
    }
  }
  return map;
}

const FOLD = buildMap();

/** ASCII punctuation: word separators everywhere, turned into spaces before PostgreSQL's parser sees them. */
export const ASCII_PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

/** The `from` and `to` strings of an SQL `translate()` that folds letters and blanks ASCII punctuation. */
export function foldTranslation(): { from: string; to: string } {
  const keys = [...FOLD.keys()];
  return {
    from: keys.join('') + ASCII_PUNCTUATION,
    to: keys.map((k) => FOLD.get(k)).join('') + ' '.repeat(ASCII_PUNCTUATION.length),
  };
}

/** A search word folded as the index folds its text. */
export function foldWord(word: string): string {
  let out = '';
  for (const ch of word) out += FOLD.get(ch) ?? ch;
  return out.toLowerCase();
}
