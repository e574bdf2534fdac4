/** A decoded entry, to store: its id and date text are made by the store, off the request path where it can. */
export interface LogEntry {
  /** when it happened, in milliseconds since the epoch */
  at: number;
  level: number;
  message: string;
  /** JSON text of an object */
  data: string;
}

/** What a request log entry holds, as the request left it: formatted into JSON only when stored. */
export interface RequestLogFields {
  /** the log level (error for a failed request, info otherwise) */
  level: number;
  status: number;
  /** milliseconds from the request's arrival to its response, unrounded */
  elapsed: number;
  method: string;
  url: string;
  referer: string;
  userAgent: string;
  /** the requester's collection name, '' for a guest */
  auth: string;
  /** null when the settings leave the requester's id out */
  authId: string | null;
  /** null when the settings leave IPs out (then remoteIP is ignored) */
  userIP: string | null;
  remoteIP: string;
  /** null for a request that did not fail */
  error: string | null;
  /** JSON text of the failure's details; read only with `error` */
  details: string;
}

/** Status of an entry that is not a request log: its texts are the message and the JSON data. */
const NOT_A_REQUEST = -1;
/** Texts of a request entry, in the order addRequest pushes them. */
const REQUEST_TEXTS = 10;

/**
 * A batch as it crosses to the store (to a worker thread, by structured clone): parallel arrays, one
 * item per entry, and the entries' texts one after another (2 for an app log, REQUEST_TEXTS for a request).
 */
export interface SealedLogBatch {
  at: number[];
  level: number[];
  status: number[];
  elapsed: number[];
  texts: Array<string | null>;
}

/**
 * Log entries as they arrive, kept as references to strings that already exist. A request entry is
 * formatted into its JSON text when the batch is decoded, in the logs writer thread on SQLite, so the
 * event loop's share of a request log is a few array pushes (and the failure's details as JSON, for a
 * failed request); the strings are copied once per batch, by the structured clone that posts it.
 * Writing and encoding each entry at once cost the event loop more than the young-generation copies
 * these references may need: see docs/logs.md, "Cost".
 */
export class LogBatch {
  /** entries in the batch */
  count = 0;
  private readonly sealed: SealedLogBatch = { at: [], level: [], status: [], elapsed: [], texts: [] };

  /** An app log entry: `data` is JSON text of an object. */
  add(at: number, level: number, message: string, data: string): void {
    const b = this.sealed;
    b.at.push(at);
    b.level.push(level);
    b.status.push(NOT_A_REQUEST);
    b.elapsed.push(0);
    b.texts.push(message, data);
    this.count++;
  }

  /** A request log entry (see requestLogData for what it becomes). */
  addRequest(at: number, r: RequestLogFields): void {
    const b = this.sealed;
    b.at.push(at);
    b.level.push(r.level);
    b.status.push(r.status);
    b.elapsed.push(r.elapsed);
    b.texts.push(r.method, r.url, r.referer, r.userAgent, r.auth, r.authId, r.userIP, r.remoteIP, r.error, r.details);
    this.count++;
  }

  /** The entries, for the store (decodeLogBatch reads them); the batch must not be added to afterwards. */
  seal(): SealedLogBatch {
    return this.sealed;
  }
}

const q = JSON.stringify;

/**
 * The data of a request log: the API's keys in their fixed order, written as JSON text directly
 * (about a third of what a generic JSON.stringify of the same object costs).
 */
function requestLogData(status: number, elapsed: number, t: ReadonlyArray<string | null>, i: number): string {
  const execTime = Math.round(elapsed * 1000) / 1000;
  let data =
    `{"type":"request","execTime":${execTime},"url":${q(t[i + 1])},"method":${q(t[i])},"status":${status}` +
    `,"referer":${q(t[i + 2])},"userAgent":${q(t[i + 3])},"auth":${q(t[i + 4])}`;
  const authId = t[i + 5];
  if (authId != null) data += `,"authId":${q(authId)}`;
  const userIP = t[i + 6];
  if (userIP != null) data += `,"userIP":${q(userIP)},"remoteIP":${q(t[i + 7])}`;
  const error = t[i + 8];
  if (error != null) data += `,"error":${q(error)},"details":${t[i + 9]}`;
  return `${data}}`;
}

/** The entries of a sealed LogBatch, request entries formatted into their message and JSON data. */
export function decodeLogBatch(batch: SealedLogBatch): LogEntry[] {
  const { at, level, status, elapsed, texts } = batch;
  const entries: LogEntry[] = [];
  let t = 0;
  for (let i = 0; i < at.length; i++) {
    const s = status[i] as number;
    if (s === NOT_A_REQUEST) {
      entries.push({
        at: at[i] as number,
        level: level[i] as number,
        message: texts[t] ?? '',
        data: texts[t + 1] ?? '{}',
      });
      t += 2;
    } else {
      const message = `${texts[t]} ${texts[t + 1]}`;
      entries.push({
        at: at[i] as number,
        level: level[i] as number,
        message,
        data: requestLogData(s, elapsed[i] as number, texts, t),
      });
      t += REQUEST_TEXTS;
    }
  }
  if (t !== texts.length) throw new Error('malformed log batch');
  return entries;
}
