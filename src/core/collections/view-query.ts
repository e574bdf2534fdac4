/**
 * A loose reader of a view's SELECT statement: just enough to tell which expression produced
 * each result column and which collections the FROM/JOIN clauses name (with their aliases).
 */
export interface SelectItem {
  /** the expression as written */
  expr: string;
  /** explicit alias, or '' */
  alias: string;
}

export interface TableRef {
  name: string;
  alias: string;
}

export interface ParsedSelect {
  items: SelectItem[];
  tables: TableRef[];
}

export class ViewQueryError extends Error {}

const CLAUSE_END = /^(where|group|having|order|limit|window|union|intersect|except)$/i;
const JOIN_WORDS = /^(natural|left|right|full|inner|outer|cross|join)$/i;
const NOT_ALIAS = /^(end|null|true|false|and|or|not|else|then|asc|desc|on|using)$/i;

/** Removes `--` and `/* *\/` comments outside of quotes. */
export function stripComments(sql: string): string {
  let out = '';
  for (let i = 0; i < sql.length; i++) {
    const ch = sql.charAt(i);
    if (ch === "'" || ch === '"' || ch === '`' || ch === '[') {
      const close = ch === '[' ? ']' : ch;
      const end = sql.indexOf(close, i + 1);
      const stop = end < 0 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (ch === '-' && sql.charAt(i + 1) === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl - 1;
      out += ' ';
    } else if (ch === '/' && sql.charAt(i + 1) === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 1;
      out += ' ';
    } else {
      out += ch;
    }
  }
  return out;
}

interface Token {
  text: string;
  /** parenthesis depth at the token */
  depth: number;
}

/** Words, quoted identifiers, strings, punctuation; parentheses tracked by depth. */
function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql.charAt(i);
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`' || ch === '[') {
      const close = ch === '[' ? ']' : ch;
      let end = sql.indexOf(close, i + 1);
      while (end >= 0 && close !== ']' && sql.charAt(end + 1) === close) end = sql.indexOf(close, end + 2);
      if (end < 0) throw new ViewQueryError('unterminated quoted text');
      tokens.push({ text: sql.slice(i, end + 1), depth });
      i = end + 1;
      continue;
    }
    if (ch === '(') {
      tokens.push({ text: ch, depth });
      depth++;
      i++;
      continue;
    }
    if (ch === ')') {
      depth--;
      if (depth < 0) throw new ViewQueryError('unbalanced parentheses');
      tokens.push({ text: ch, depth });
      i++;
      continue;
    }
    const word = /^[\w$]+/.exec(sql.slice(i));
    const text = word ? word[0] : ch;
    tokens.push({ text, depth });
    i += text.length;
  }
  if (depth !== 0) throw new ViewQueryError('unbalanced parentheses');
  return tokens;
}

/** Joins tokens back into text, without spaces around dots and inside parentheses. */
function join(tokens: Token[]): string {
  let out = '';
  let prev = '';
  for (const t of tokens) {
    const tight = t.text === '.' || prev === '.' || t.text === ')' || t.text === ',' || prev === '(' || t.text === '(';
    out += out === '' || tight ? t.text : ` ${t.text}`;
    prev = t.text;
  }
  return out.replace(/(\w)\s+\(/g, '$1(');
}

/** Splits top-level tokens at commas. */
function splitTop(tokens: Token[]): Token[][] {
  const parts: Token[][] = [[]];
  for (const t of tokens) {
    if (t.text === ',' && t.depth === 0) parts.push([]);
    else (parts[parts.length - 1] as Token[]).push(t);
  }
  return parts.filter((p) => p.length > 0);
}

export function unquoteIdentifier(text: string): string {
  const first = text.charAt(0);
  if ((first === '"' || first === '`') && text.endsWith(first) && text.length >= 2) {
    return text.slice(1, -1).replaceAll(first + first, first);
  }
  if (first === '[' && text.endsWith(']')) return text.slice(1, -1);
  return text;
}

const isIdentToken = (t: string) => /^[A-Za-z_$][\w$]*$/.test(t) || /^["`[]/.test(t);

function readItem(tokens: Token[]): SelectItem {
  const n = tokens.length;
  const last = tokens[n - 1] as Token;
  const beforeLast = tokens[n - 2];
  if (n >= 3 && beforeLast?.text.toLowerCase() === 'as' && beforeLast.depth === 0) {
    return { expr: join(tokens.slice(0, n - 2)), alias: unquoteIdentifier(last.text) };
  }
  const prevText = beforeLast?.text ?? '';
  const prevEndsOperand = /^[\w$)"`\]']/.test(prevText.slice(-1)) && prevText !== '.';
  if (n >= 2 && isIdentToken(last.text) && !NOT_ALIAS.test(last.text) && prevEndsOperand && last.depth === 0) {
    return { expr: join(tokens.slice(0, n - 1)), alias: unquoteIdentifier(last.text) };
  }
  return { expr: join(tokens), alias: '' };
}

function readTables(tokens: Token[]): TableRef[] {
  const tables: TableRef[] = [];
  let current: Token[] = [];
  let skipping = false;
  const flush = () => {
    const names = current.filter((t) => t.depth === 0);
    if (names.length > 0 && current[0]?.text !== '(') {
      const first = names[0] as Token;
      let name = unquoteIdentifier(first.text);
      let rest = names.slice(1);
      if (rest[0]?.text === '.' && rest[1]) {
        name = unquoteIdentifier(rest[1].text);
        rest = rest.slice(2);
      }
      const aliasToken = rest[0]?.text.toLowerCase() === 'as' ? rest[1] : rest[0];
      tables.push({ name, alias: aliasToken ? unquoteIdentifier(aliasToken.text) : name });
    }
    current = [];
    skipping = false;
  };
  for (const t of tokens) {
    if (t.depth === 0 && (t.text === ',' || JOIN_WORDS.test(t.text))) {
      if (current.length > 0) flush();
      continue;
    }
    if (t.depth === 0 && /^(on|using)$/i.test(t.text)) skipping = true;
    if (!skipping) current.push(t);
  }
  if (current.length > 0) flush();
  return tables;
}

/** Parses a single SELECT statement; throws ViewQueryError when it is not one. */
export function parseSelect(query: string): ParsedSelect {
  const sql = stripComments(query)
    .trim()
    .replace(/[;\s]+$/, '');
  const tokens = tokenize(sql);
  if (tokens.some((t) => t.text === ';')) throw new ViewQueryError('multiple statements are not supported');
  if (tokens[0]?.text.toLowerCase() !== 'select')
    throw new ViewQueryError('the query must be a single SELECT statement');
  let i = 1;
  while (i < tokens.length && /^(distinct|all)$/i.test((tokens[i] as Token).text)) i++;
  const from = tokens.findIndex((t, k) => k >= i && t.depth === 0 && t.text.toLowerCase() === 'from');
  const selectEnd = from < 0 ? tokens.length : from;
  const items = splitTop(tokens.slice(i, selectEnd)).map(readItem);
  let tables: TableRef[] = [];
  if (from >= 0) {
    let end = tokens.findIndex((t, k) => k > from && t.depth === 0 && CLAUSE_END.test(t.text));
    if (end < 0) end = tokens.length;
    tables = readTables(tokens.slice(from + 1, end));
  }
  return { items, tables };
}
