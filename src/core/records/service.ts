/** The record service: CRUD with rules, validation and references. */

export { deleteRecord, deleteWithReferences } from './delete.js';
export { findRecordByField, findRecordById, findRecordsByIds } from './lookup.js';
export { presentRecord, presentRecords } from './present.js';
export { listRecords, viewRecord } from './read.js';
export { createRecord, type SubmittedData, updateRecord } from './write.js';
