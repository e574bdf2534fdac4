/**
 * `search=<words>` as plain words: the text is split on anything but letters, digits and
 * combining marks, so FTS operators, quotes, brackets, NUL and other punctuation never reach a
 * query, only the words between them.
 */

/** Words beyond this many are ignored. */
export const MAX_SEARCH_WORDS = 32;
/** Longer words are cut to this many characters (still matching as prefixes of the longer word). */
export const MAX_WORD_LENGTH = 64;
/** Only this much of the parameter is read. */
const MAX_INPUT = 4096;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** The words of a search parameter, lower-cased and deduplicated; [] when nothing is left. */
export function searchWords(raw: string | undefined): string[] {
  if (!raw) return [];
  const text = raw.slice(0, MAX_INPUT).normalize('NFC').toLowerCase();
  const out: string[] = [];
  for (const match of text.matchAll(WORD)) {
    // a word made only of combining marks has nothing to match
    const word = [...match[0]].slice(0, MAX_WORD_LENGTH).join('');
    if (!/[\p{L}\p{N}]/u.test(word) || out.includes(word)) continue;
    out.push(word);
    if (out.length === MAX_SEARCH_WORDS) break;
  }
  return out;
}
