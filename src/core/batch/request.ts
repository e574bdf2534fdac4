/**
 * The body of `POST /api/batch`, checked before anything runs: `{requests: [{method, url, headers?, body?}]}`.
 * A bad body is answered as a whole (400 "Invalid batch request data." with `data.requests.<N>.<field>`);
 * what each sub-request asks for is only decided when it runs (resolve.ts).
 */
import { Errors } from '../errors.js';
import type { UploadedFileInput } from '../records/files-port.js';
import { type ErrorData, type FieldError, hasErrors, V } from '../validation.js';

export const BATCH_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type BatchMethod = (typeof BATCH_METHODS)[number];

/** The longest sub-request URL accepted. */
export const MAX_BATCH_URL_LENGTH = 2000;

/** One sub-request of a batch. */
export interface BatchRequest {
  method: BatchMethod;
  /** path and query, e.g. `/api/collections/posts/records?expand=author` */
  url: string;
  /** added to (or replacing) the batch request's own headers; `Authorization` is left out */
  headers: Record<string, string>;
  body: Record<string, unknown>;
  /** the multipart file parts named `requests.<N>.<field>`, for the files feature */
  files: UploadedFileInput[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isTextMap(v: unknown): v is Record<string, string> {
  return isObject(v) && Object.values(v).every((x) => typeof x === 'string');
}

/** One sub-request's errors, keyed by field; null when it is well-formed. */
function checkItem(item: unknown): FieldError | ErrorData | null {
  // a list here is a nested batch (`requests: [[...]]`), refused like any other non-object
  if (!isObject(item)) return V.mustBeObject();
  const errors: ErrorData = {};
  const { method, url, headers, body } = item;
  if (method === undefined || method === null || method === '') errors.method = V.required();
  else if (!BATCH_METHODS.includes(method as BatchMethod)) errors.method = V.inInvalid();
  if (url === undefined || url === null || url === '') errors.url = V.required();
  else if (typeof url !== 'string') errors.url = V.mustBeString();
  else if (url.length > MAX_BATCH_URL_LENGTH) errors.url = V.lengthTooLong(MAX_BATCH_URL_LENGTH);
  if (headers != null && !isTextMap(headers)) errors.headers = V.mustBeTextMap();
  if (body != null && !isObject(body)) errors.body = V.mustBeObject();
  return hasErrors(errors) ? errors : null;
}

/**
 * Reads the sub-requests of a batch body (JSON, or the merged `@jsonPayload` of a multipart body).
 * Throws 400 "Invalid batch request data." naming each bad field.
 */
export function parseBatchRequests(data: Record<string, unknown>, maxRequests: number): BatchRequest[] {
  const requests = data.requests;
  if (requests === undefined || requests === null) throw Errors.invalidBatchData({ requests: V.required() });
  if (!Array.isArray(requests)) throw Errors.invalidBatchData({ requests: V.mustBeList() });
  if (requests.length === 0) throw Errors.invalidBatchData({ requests: V.required() });
  // the length is checked first: items past the limit are not worth reading
  if (requests.length > maxRequests) throw Errors.invalidBatchData({ requests: V.lengthTooLong(maxRequests) });
  const errors: ErrorData = {};
  for (const [i, item] of requests.entries()) {
    const itemErrors = checkItem(item);
    if (itemErrors) errors[String(i)] = itemErrors;
  }
  if (hasErrors(errors)) throw Errors.invalidBatchData({ requests: errors });
  return requests.map((item: Record<string, unknown>) => ({
    method: item.method as BatchMethod,
    url: item.url as string,
    headers: { ...((item.headers as Record<string, string> | null) ?? {}) },
    body: { ...((item.body as Record<string, unknown> | null) ?? {}) },
    files: [],
  }));
}

/** `requests.3.avatar`, `requests[3].avatar` (with `+`/`-` modifiers kept in the field name). */
const FILE_PART = /^requests(?:\.(\d+)\.|\[(\d+)\]\.)(.+)$/;

/**
 * Puts each multipart file part on the sub-request its name points to (the files feature reads them
 * from there). Returns the parts that name no sub-request.
 */
export function attachBatchFiles(requests: BatchRequest[], files: readonly UploadedFileInput[]): UploadedFileInput[] {
  const unmatched: UploadedFileInput[] = [];
  for (const file of files) {
    const m = FILE_PART.exec(file.field);
    const target = m ? requests[Number(m[1] ?? m[2])] : undefined;
    if (m && target) target.files.push({ ...file, field: m[3] as string });
    else unmatched.push(file);
  }
  return unmatched;
}
