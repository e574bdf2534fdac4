/** Go (RE2) regular expressions, as written in field settings, compiled into JavaScript RegExps. */

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

function unicodeClass(p: string, i: number): { text: string; next: number } {
  let negated = p[i + 1] === 'P';
  let name: string;
  let next: number;
  if (p[i + 2] === '{') {
    const end = p.indexOf('}', i + 3);
    if (end < 0) return { text: p.slice(i, i + 2), next: i + 2 };
    name = p.slice(i + 3, end);
    next = end + 1;
  } else {
    name = p[i + 2] ?? '';
    next = i + 3;
  }
  if (name.startsWith('^')) {
    negated = !negated;
    name = name.slice(1);
  }
  const spec = name.length > 2 && !name.includes('=') && name !== 'Any' ? `Script=${name}` : name;
  return { text: `\\${negated ? 'P' : 'p'}{${spec}}`, next };
}

/** Rewrites RE2-only syntax (leading inline flags, \A, \z, (?P<name>), [[:alpha:]], \pL) into JS syntax. */
function translatePattern(pattern: string): { source: string; flags: string } {
  let flags = '';
  let i = 0;
  const lead = /^\(\?([ims]+)\)/.exec(pattern);
  if (lead?.[1]) {
    flags = [...new Set(lead[1])].join('');
    i = lead[0].length;
  }
  let out = '';
  let inClass = false;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === '\\') {
      const n = pattern[i + 1] ?? '';
      if (n === 'p' || n === 'P') {
        const u = unicodeClass(pattern, i);
        out += u.text;
        i = u.next;
        continue;
      }
      if (!inClass && n === 'A') out += '(?<![\\s\\S])';
      else if (!inClass && n === 'z') out += '(?![\\s\\S])';
      else out += c + n;
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === '[' && pattern[i + 1] === ':') {
        const end = pattern.indexOf(':]', i + 2);
        const set = end > 0 ? POSIX_CLASSES[pattern.slice(i + 2, end)] : undefined;
        if (set) {
          out += set;
          i = end + 2;
          continue;
        }
      }
      if (c === ']') inClass = false;
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      i++;
      if (pattern[i] === '^') {
        out += '^';
        i++;
      }
      if (pattern[i] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && pattern.startsWith('(?P<', i)) {
      out += '(?<';
      i += 4;
      continue;
    }
    out += c;
    i++;
  }
  return { source: out, flags };
}

const cache = new Map<string, RegExp | string>();
const CACHE_LIMIT = 500;

/** The compiled pattern, or the compile error message. */
export function compilePattern(pattern: string): RegExp | string {
  const hit = cache.get(pattern);
  if (hit !== undefined) return hit;
  const { source, flags } = translatePattern(pattern);
  let result: RegExp | string;
  try {
    result = new RegExp(source, `${flags}u`);
  } catch {
    try {
      result = new RegExp(source, flags);
    } catch (e) {
      result = e instanceof Error ? e.message : 'Invalid regular expression.';
    }
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, result);
  return result;
}

/** True when `value` matches the (unanchored) pattern; an invalid pattern never matches. */
export function matchesPattern(pattern: string, value: string): boolean {
  const re = compilePattern(pattern);
  if (typeof re === 'string') return false;
  re.lastIndex = 0;
  return re.test(value);
}
