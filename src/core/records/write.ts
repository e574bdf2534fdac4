import { randomFromPattern } from '../../lib/pattern-random.js';
import { newRecordId } from '../../lib/random.js';
import { nowDate } from '../../lib/time.js';
import { sql } from '../../store/sql.js';
import { type Queryable, UniqueViolation } from '../../store/store.js';
import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { Errors } from '../errors.js';
import { getFieldType } from '../fields/index.js';
import { RecordFiles } from '../files/record-files.js';
import type { RecordData, RequestInfo } from '../request.js';
import { type ErrorData, hasErrors, V } from '../validation.js';
import {
  type AuthSecrets,
  authIdTaken,
  checkAuthInput,
  finalizeAuthRecord,
  prepareAuthSecrets,
} from './auth-record.js';
import type { UploadedFileInput } from './files-port.js';
import { type ResolvedInput, resolveInput, zeroRecord } from './input.js';
import { findRecordById } from './lookup.js';
import { writeWithEvents } from './model-events.js';
import { newRecordMatches, storedRecordMatches } from './rule-check.js';
import { uniqueViolationErrors } from './unique.js';
import { validateFields, validateRelations } from './validate.js';

export interface SubmittedData {
  data: Record<string, unknown>;
  files: UploadedFileInput[];
}

function assertWritable(collection: Collection, rule: string | null, info: RequestInfo): void {
  if (collection.type === 'view') throw Errors.unsupportedCollectionType();
  if (rule === null && !info.requester.isSuperuser) throw Errors.superusersOnly();
}

/** Runs a write's transaction; uploads it placed are removed again when its own transaction fails. */
async function withFiles<T>(db: Queryable, files: RecordFiles, run: () => Promise<T>): Promise<T> {
  const owned = !db.inTransaction;
  try {
    return await run();
  } finally {
    await files.settle(owned);
  }
}

function fillAutoValues(collection: Collection, data: RecordData, isNew: boolean): void {
  const now = nowDate();
  for (const f of collection.fields) {
    if (f.type === 'autodate') {
      if ((isNew && f.onCreate) || f.onUpdate) data[f.name] = now;
      else if (isNew) data[f.name] = '';
    } else if (isNew && f.type === 'text' && f.autogeneratePattern && !data[f.name]) {
      data[f.name] = randomFromPattern(String(f.autogeneratePattern));
    }
  }
  if (isNew && !data.id) data.id = newRecordId();
}

async function canManage(
  app: App,
  db: Queryable,
  collection: Collection,
  info: RequestInfo,
  data: RecordData,
  stored: boolean,
) {
  if (info.requester.isSuperuser) return true;
  const rule = collection.auth?.manageRule;
  if (collection.type !== 'auth' || rule == null || rule.trim() === '') return false;
  return stored
    ? storedRecordMatches(app, db, collection, rule, info, String(data.id))
    : newRecordMatches(app, db, collection, rule, info, data);
}

/** Validation shared by create and update; throws the 400 with field data. */
async function validateWrite(
  app: App,
  db: Queryable,
  collection: Collection,
  input: ResolvedInput,
  original: RecordData | null,
  manage: boolean,
  preErrors: ErrorData,
  secrets: AuthSecrets,
): Promise<void> {
  const isNew = original === null;
  const skip = new Set<string>();
  if (!input.submitted.has('password') && !isNew) skip.add('password');
  if (collection.type === 'auth') skip.add('tokenKey');
  const errors = { ...validateFields(collection, input.data, isNew, skip), ...preErrors };
  if (collection.type === 'auth')
    checkAuthInput(collection, input, { isNew, original, canManage: manage, secrets }, errors);
  const relFields = isNew ? collection.fields.map((f) => f.name) : [...input.submitted];
  await validateRelations(app, db, collection, input.data, relFields, errors);
  if (isNew && collection.type === 'auth' && !errors.id && (await authIdTaken(app, db, String(input.data.id)))) {
    errors.id = V.invalidAuthId();
  }
  if (hasErrors(errors)) throw isNew ? Errors.createRecordFailed(errors) : Errors.updateRecordFailed(errors);
}

function encodedColumns(db: Queryable, collection: Collection, data: RecordData, only?: Set<string>) {
  const names: string[] = [];
  const values: unknown[] = [];
  for (const f of collection.fields) {
    if (only && !only.has(f.name)) continue;
    names.push(f.name);
    values.push(db.dialect.encode(getFieldType(f.type).storage(f), data[f.name]));
  }
  return { names, values };
}

async function persist(db: Queryable, collection: Collection, data: RecordData, originalId: string | null) {
  const { names, values } = encodedColumns(db, collection, data);
  const table = sql.id(collection.name);
  try {
    if (originalId === null) {
      const columns = sql.join(names.map((n) => sql.id(n)));
      await db.run(sql`INSERT INTO ${table} (${columns}) VALUES (${sql.list(values)})`);
    } else {
      const sets = sql.join(names.map((n, i) => sql`${sql.id(n)} = ${values[i]}`));
      await db.run(sql`UPDATE ${table} SET ${sets} WHERE ${sql.id('id')} = ${originalId}`);
    }
  } catch (err) {
    if (err instanceof UniqueViolation) {
      const data = uniqueViolationErrors(collection, err);
      throw originalId === null ? Errors.createRecordFailed(data) : Errors.updateRecordFailed(data);
    }
    throw err;
  }
}

/**
 * Creates a record: rules, validation, then the insert as the last link of the onRecordCreate event.
 * Runs on `db`: the store, or a caller's transaction to compose with (then in a savepoint).
 * Returns the stored values.
 */
export async function createRecord(
  app: App,
  collection: Collection,
  submitted: SubmittedData,
  info: RequestInfo,
  db: Queryable = app.store,
): Promise<RecordData> {
  assertWritable(collection, collection.createRule, info);
  const files = new RecordFiles(app, collection, submitted.files);
  const body = files.body(submitted.data);
  const input = resolveInput(collection, zeroRecord(collection), body, info.requester.isSuperuser);
  fillAutoValues(collection, input.data, true);
  const ruleInfo: RequestInfo = { ...info, body: input.body };
  const secrets = await prepareAuthSecrets(collection, input, null);
  return withFiles(db, files, () =>
    db.transaction(async (tx) => {
      const manage = await canManage(app, tx, collection, ruleInfo, input.data, false);
      const rule = collection.createRule ?? '';
      if (!info.requester.isSuperuser && rule.trim() !== '') {
        const probe = { ...input.data };
        if (collection.type === 'auth' && !manage) probe.verified = false;
        if (!(await newRecordMatches(app, tx, collection, rule, ruleInfo, probe))) throw Errors.createRecordFailed();
      }
      return writeWithEvents(app, 'create', tx, collection, input.data, null, info, async (e) => {
        input.data = e.record;
        await validateWrite(app, tx, collection, input, null, manage, files.validate(input.data, null), secrets);
        if (collection.type === 'auth') finalizeAuthRecord(input, null, secrets);
        await persist(tx, collection, input.data, null);
        await files.apply(tx, input.data, null);
        e.record = input.data;
      });
    }),
  );
}

/**
 * Updates a record: rules, validation, then the update as the last link of the onRecordUpdate event.
 * Runs on `db` like createRecord. Returns the stored values.
 */
export async function updateRecord(
  app: App,
  collection: Collection,
  id: string,
  submitted: SubmittedData,
  info: RequestInfo,
  db: Queryable = app.store,
): Promise<RecordData> {
  assertWritable(collection, collection.updateRule, info);
  const files = new RecordFiles(app, collection, submitted.files);
  const body = files.body(submitted.data);
  let secrets: AuthSecrets = { hash: null, oldPasswordMatches: null };
  if (collection.type === 'auth') {
    const before = await findRecordById(db, collection, id);
    if (before) {
      const preview = resolveInput(collection, before, body, info.requester.isSuperuser);
      secrets = await prepareAuthSecrets(collection, preview, before);
    }
  }
  return withFiles(db, files, () =>
    db.transaction(async (tx) => {
      const original = await findRecordById(tx, collection, id);
      if (!original) throw Errors.notFound();
      const input = resolveInput(collection, original, body, info.requester.isSuperuser);
      const preErrors: ErrorData = {};
      if (input.submitted.has('id') && input.data.id !== original.id) {
        preErrors.id = V.pkChange();
        input.data.id = original.id;
      }
      const ruleInfo: RequestInfo = { ...info, body: input.body };
      const rule = collection.updateRule ?? '';
      if (!info.requester.isSuperuser && rule.trim() !== '') {
        if (!(await storedRecordMatches(app, tx, collection, rule, ruleInfo, id))) throw Errors.notFound();
      }
      const manage = await canManage(app, tx, collection, ruleInfo, original, true);
      fillAutoValues(collection, input.data, false);
      return writeWithEvents(app, 'update', tx, collection, input.data, original, info, async (e) => {
        input.data = e.record;
        const errors = { ...preErrors, ...files.validate(input.data, original) };
        await validateWrite(app, tx, collection, input, original, manage, errors, secrets);
        if (collection.type === 'auth') finalizeAuthRecord(input, original, secrets);
        await persist(tx, collection, input.data, id);
        await files.apply(tx, input.data, original);
        e.record = input.data;
      });
    }),
  );
}
