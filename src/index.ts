/**
 * The package `basalt` as user code imports it: the app type hook files and migrations receive,
 * the errors they throw to answer in the API's error format, and the types of hook events.
 *
 *   import { BadRequestError, type BasaltApp } from 'basalt';
 *   export default (app: BasaltApp) => { app.onRecordCreate(async (e) => { … await e.next(); }, 'posts'); };
 */
export {
  ApiError,
  BadRequestError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
} from './core/user-errors.js';
export { RecordModel } from './plugins/record.js';
export type {
  BasaltApp,
  CollectionModel,
  CronFunction,
  DataApi,
  FindOptions,
  Handler,
  MailMessage,
  MailPort,
  Middleware,
  NextEvent,
  RealtimePort,
  RecordAuthRequestEvent,
  RecordEvent,
  RecordRequestEvent,
  RequestInfo,
  Responder,
  RouteEvent,
  RouteHandler,
} from './plugins/types.js';
