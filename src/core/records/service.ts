/** The record service: CRUD with rules, validation and references. */
export { createRecord, updateRecord, type SubmittedData } from './write.js';
export { deleteRecord, deleteWithReferences } from './delete.js';
export { listRecords, viewRecord, type ListResult } from './read.js';
export { presentRecord, presentRecords } from './present.js';
export { findRecordById, findRecordByField, findRecordsByIds } from './lookup.js';
