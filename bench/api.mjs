/** A tiny JSON client for setting up a server through its public API. */
export async function call(base, method, path, { body, token } = {}) {
  const headers = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = token;
  const res = await fetch(base + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, json, text };
}

/** Like `call` but throws with the response body unless the status is 2xx. */
export async function must(base, method, path, opts = {}) {
  const r = await call(base, method, path, opts);
  if (r.status < 200 || r.status > 299) {
    throw new Error(`${method} ${path} → ${r.status} ${r.text.slice(0, 400)}`);
  }
  return r.json;
}
