/** The provider HTTP calls: JSON in, JSON out, with a deadline and a cap on what is read. */

/** Longest provider answer read (user JSON, token answers, discovery documents). */
const MAX_BODY = 1024 * 1024;

/** A provider call that failed: network error, non-2xx status or unreadable body. */
export class ProviderHttpError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
    detail: string,
  ) {
    super(`${url}: ${status === 0 ? '' : `HTTP ${status} `}${detail}`);
  }
}

export interface ProviderRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

async function readText(url: string, res: Response): Promise<string> {
  const length = Number(res.headers.get('content-length') ?? 0);
  if (length > MAX_BODY) throw new ProviderHttpError(url, res.status, 'answer too large');
  const text = await res.text();
  if (text.length > MAX_BODY) throw new ProviderHttpError(url, res.status, 'answer too large');
  return text;
}

/** Parses JSON, or a urlencoded body (some token endpoints answer in that form); undefined when neither. */
function parseBody(text: string, contentType: string): unknown {
  if (contentType.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const asObject = (v: unknown): Record<string, unknown> | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** Calls a provider; resolves to the status and the parsed body (undefined when it does not parse). */
async function callRaw(url: string, req: ProviderRequest): Promise<{ status: number; value: unknown }> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: req.method ?? 'GET',
      headers: { accept: 'application/json', ...req.headers },
      body: req.body,
      redirect: 'follow',
      signal: req.signal,
    });
  } catch (err) {
    throw new ProviderHttpError(url, 0, (err as Error).message);
  }
  const text = await readText(url, res);
  return { status: res.status, value: parseBody(text, res.headers.get('content-type') ?? '') };
}

/** Calls a provider; resolves to the status and the parsed object (null when the body is not one). */
export async function callProvider(
  url: string,
  req: ProviderRequest = {},
): Promise<{ status: number; body: Record<string, unknown> | null }> {
  const { status, value } = await callRaw(url, req);
  return { status, body: asObject(value) };
}

/** A provider call whose answer must be 2xx JSON (an object or a list). */
export async function fetchJsonValue(url: string, req: ProviderRequest = {}): Promise<unknown> {
  const { status, value } = await callRaw(url, req);
  if (status < 200 || status > 299) throw new ProviderHttpError(url, status, JSON.stringify(value ?? {}).slice(0, 300));
  if (value === undefined || value === null || typeof value !== 'object') {
    throw new ProviderHttpError(url, status, 'the answer is not JSON');
  }
  return value;
}

/** A provider call whose answer must be a 2xx JSON object. */
export async function fetchJson(url: string, req: ProviderRequest = {}): Promise<Record<string, unknown>> {
  const body = asObject(await fetchJsonValue(url, req));
  if (!body) throw new ProviderHttpError(url, 200, 'the answer is not a JSON object');
  return body;
}

/** A GET with the access token as a bearer token whose answer may be a list. */
export function fetchListWithToken(url: string, accessToken: string, signal: AbortSignal): Promise<unknown> {
  return fetchJsonValue(url, { headers: { authorization: `Bearer ${accessToken}` }, signal });
}

/** A user-info GET with the access token as a bearer token. */
export function fetchWithToken(
  url: string,
  accessToken: string,
  signal: AbortSignal,
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  return fetchJson(url, { headers: { authorization: `Bearer ${accessToken}`, ...headers }, signal });
}
