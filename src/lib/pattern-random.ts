import { randomInt } from 'node:crypto';

/**
 * Generates a random string matching a simple pattern: literals, escapes, `.`,
 * character classes (`[a-z0-9_]`, `[^…]` not supported) and the quantifiers `{n}`, `{n,m}`, `?`, `+`, `*`.
 * Used for `autogeneratePattern` values such as `[a-z0-9]{15}`.
 */
export function randomFromPattern(pattern: string): string {
  const atoms = parse(pattern.replace(/^\^/, '').replace(/\$$/, ''));
  let out = '';
  for (const { chars, min, max } of atoms) {
    const count = min === max ? min : min + randomInt(max - min + 1);
    for (let i = 0; i < count; i++) out += chars[randomInt(chars.length)];
  }
  return out;
}

interface Atom {
  chars: string;
  min: number;
  max: number;
}

const PRINTABLE = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const CLASS_ESCAPES: Record<string, string> = { d: '0123456789', w: `${PRINTABLE}_`, s: ' ' };

function expandClass(body: string): string {
  let chars = '';
  for (let i = 0; i < body.length; i++) {
    let c = body[i] as string;
    if (c === '\\' && i + 1 < body.length) {
      const e = body[++i] as string;
      chars += CLASS_ESCAPES[e] ?? e;
      continue;
    }
    if (body[i + 1] === '-' && i + 2 < body.length) {
      const end = body[i + 2] as string;
      for (let code = c.charCodeAt(0); code <= end.charCodeAt(0) && code - c.charCodeAt(0) < 1000; code++)
        chars += String.fromCharCode(code);
      i += 2;
      continue;
    }
    c = body[i] as string;
    chars += c;
  }
  return chars || 'x';
}

function parse(p: string): Atom[] {
  const atoms: Atom[] = [];
  let i = 0;
  while (i < p.length) {
    let chars: string;
    const c = p[i] as string;
    if (c === '[') {
      const end = p.indexOf(']', i + 1);
      const stop = end === -1 ? p.length : end;
      chars = expandClass(p.slice(i + 1, stop));
      i = stop + 1;
    } else if (c === '\\' && i + 1 < p.length) {
      const e = p[i + 1] as string;
      chars = CLASS_ESCAPES[e] ?? e;
      i += 2;
    } else if (c === '.') {
      chars = PRINTABLE;
      i++;
    } else if (c === '(' || c === ')' || c === '|') {
      i++;
      continue;
    } else {
      chars = c;
      i++;
    }
    let min = 1;
    let max = 1;
    const q = p[i];
    if (q === '{') {
      const m = /^\{(\d+)(?:,(\d*))?\}/.exec(p.slice(i));
      if (m) {
        min = Math.min(Number(m[1]), 1000);
        max = m[2] === undefined ? min : m[2] === '' ? min + 10 : Math.min(Number(m[2]), 1000);
        i += m[0].length;
      }
    } else if (q === '?' || q === '+' || q === '*') {
      min = q === '+' ? 1 : 0;
      max = q === '?' ? 1 : min + 10;
      i++;
    }
    atoms.push({ chars, min, max: Math.max(min, max) });
  }
  return atoms;
}
