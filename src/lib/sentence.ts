/** Normalises a message into a sentence: trimmed, capitalised, ending in punctuation. */
export function sentence(text: string): string {
  const t = text.trim();
  if (t === '') return t;
  const first = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.?!]$/.test(first) ? first : `${first}.`;
}
