import type { CollectionModel } from 'pocketbase';

/** One endpoint of a collection, with snippets a developer can paste as they are. */
export interface Endpoint {
  title: string;
  method: string;
  path: string;
  /** the API rule that decides who may call it (null: superusers only), when one applies */
  rule?: string | null;
  curl: string;
  sdk: string;
}

interface Field {
  name: string;
  type: string;
  system?: boolean;
  hidden?: boolean;
  values?: string[];
  maxSelect?: number;
}

/** Fields a client sends on create/update: not system-managed, not files (sent as multipart), not auto dates. */
function writable(c: CollectionModel): Field[] {
  const skip = new Set(['id', 'tokenKey', 'emailVisibility', 'verified', 'created', 'updated']);
  return (c.fields as Field[]).filter(
    (f) => !skip.has(f.name) && f.type !== 'autodate' && f.type !== 'file' && !(f.system && f.name !== 'email' && f.name !== 'password'),
  );
}

/** A plausible value of each field type, so a pasted snippet passes validation as often as possible. */
function example(f: Field): unknown {
  switch (f.type) {
    case 'number':
      return 1;
    case 'bool':
      return true;
    case 'email':
      return 'someone@example.com';
    case 'url':
      return 'https://example.com';
    case 'date':
      return '2030-01-01 10:00:00.000Z';
    case 'select': {
      const v = f.values?.[0] ?? '';
      return (f.maxSelect ?? 1) > 1 ? [v] : v;
    }
    case 'relation':
      return (f.maxSelect ?? 1) > 1 ? ['RELATED_RECORD_ID'] : 'RELATED_RECORD_ID';
    case 'json':
      return { key: 'value' };
    case 'geoPoint':
      return { lon: 13.4, lat: 52.52 };
    case 'password':
      return 'a-long-password-1';
    default:
      return f.name === 'email' ? 'someone@example.com' : `some ${f.name}`;
  }
}

function bodyOf(c: CollectionModel): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of writable(c)) body[f.name] = example(f);
  if (c.type === 'auth') body.passwordConfirm = body.password ?? 'a-long-password-1';
  return body;
}

/** Shell-quotes `text` in single quotes. */
const sq = (text: string) => `'${text.replaceAll("'", `'"'"'`)}'`;
const js = (value: unknown) => JSON.stringify(value, null, 2);

/** The record endpoints of `c` (and its auth endpoints), built from its live schema, for the server at `origin`. */
export function endpointsOf(c: CollectionModel, origin: string): Endpoint[] {
  const name = c.name;
  const records = `/api/collections/${encodeURIComponent(name)}/records`;
  const url = (path: string) => `${origin}${path}`;
  const auth = ' -H "Authorization: $TOKEN"';
  const col = `pb.collection(${JSON.stringify(name)})`;
  const body = bodyOf(c);
  const list: Endpoint = {
    title: 'List and search',
    method: 'GET',
    path: `${records}?page=1&perPage=30&sort=-created&filter=...`,
    rule: c.listRule,
    curl: `curl ${sq(url(`${records}?page=1&perPage=30&sort=-created`))}${auth}`,
    sdk: `const page = await ${col}.getList(1, 30, { sort: '-created', filter: '' });`,
  };
  const view: Endpoint = {
    title: 'View one',
    method: 'GET',
    path: `${records}/{id}`,
    rule: c.viewRule,
    curl: `curl ${sq(url(`${records}/RECORD_ID`))}${auth}`,
    sdk: `const record = await ${col}.getOne('RECORD_ID');`,
  };
  const out = [list, view];
  if (c.type !== 'view') {
    out.push(
      {
        title: 'Create',
        method: 'POST',
        path: records,
        rule: c.createRule,
        curl: `curl -X POST ${sq(url(records))}${auth} -H 'Content-Type: application/json' -d ${sq(JSON.stringify(body))}`,
        sdk: `const created = await ${col}.create(${js(body)});`,
      },
      {
        title: 'Update',
        method: 'PATCH',
        path: `${records}/{id}`,
        rule: c.updateRule,
        curl: `curl -X PATCH ${sq(url(`${records}/RECORD_ID`))}${auth} -H 'Content-Type: application/json' -d ${sq(JSON.stringify(body))}`,
        sdk: `const updated = await ${col}.update('RECORD_ID', ${js(body)});`,
      },
      {
        title: 'Delete',
        method: 'DELETE',
        path: `${records}/{id}`,
        rule: c.deleteRule,
        curl: `curl -X DELETE ${sq(url(`${records}/RECORD_ID`))}${auth}`,
        sdk: `await ${col}.delete('RECORD_ID');`,
      },
    );
  }
  out.push({
    title: 'Realtime',
    method: 'SSE',
    path: `/api/realtime (topic ${name}/* or ${name}/RECORD_ID)`,
    rule: c.listRule,
    curl: `curl -N ${sq(url('/api/realtime'))}   # then POST the clientId and topics to /api/realtime`,
    sdk: `await ${col}.subscribe('*', (e) => console.log(e.action, e.record));`,
  });
  if (c.type === 'auth') {
    const base = `/api/collections/${encodeURIComponent(name)}`;
    out.push(
      {
        title: 'Sign in with password',
        method: 'POST',
        path: `${base}/auth-with-password`,
        curl: `curl -X POST ${sq(url(`${base}/auth-with-password`))} -H 'Content-Type: application/json' -d ${sq(JSON.stringify({ identity: 'someone@example.com', password: 'a-long-password-1' }))}`,
        sdk: `const { token, record } = await ${col}.authWithPassword('someone@example.com', 'a-long-password-1');`,
      },
      {
        title: 'Refresh the token',
        method: 'POST',
        path: `${base}/auth-refresh`,
        curl: `curl -X POST ${sq(url(`${base}/auth-refresh`))}${auth}`,
        sdk: `await ${col}.authRefresh();`,
      },
      {
        title: 'Request a password reset',
        method: 'POST',
        path: `${base}/request-password-reset`,
        curl: `curl -X POST ${sq(url(`${base}/request-password-reset`))} -H 'Content-Type: application/json' -d ${sq(JSON.stringify({ email: 'someone@example.com' }))}`,
        sdk: `await ${col}.requestPasswordReset('someone@example.com');`,
      },
    );
  }
  return out;
}

/** Who may call an endpoint, in words. */
export function ruleText(rule: string | null | undefined): string {
  if (rule === undefined) return '';
  if (rule === null) return 'superusers only';
  if (rule.trim() === '') return 'anyone';
  return `when: ${rule}`;
}
