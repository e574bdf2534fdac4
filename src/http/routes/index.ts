import type { FastifyInstance } from 'fastify';
import type { App } from '../../core/app.js';
import { noteServedOperation } from '../operation-tags.js';
import type { RouteDefinition } from '../route.js';
import approvalsApprove from './approvals/approve.js';
import approvalsList from './approvals/list.js';
import approvalsReject from './approvals/reject.js';
import approvalsView from './approvals/view.js';
import auditList from './audit/list.js';
import auditView from './audit/view.js';
import authConfirmEmailChange from './auth/confirm-email-change.js';
import authConfirmPasswordReset from './auth/confirm-password-reset.js';
import authConfirmVerification from './auth/confirm-verification.js';
import authImpersonate from './auth/impersonate.js';
import authMethods from './auth/methods.js';
import authRefresh from './auth/refresh.js';
import authRequestEmailChange from './auth/request-email-change.js';
import authRequestOtp from './auth/request-otp.js';
import authRequestPasswordReset from './auth/request-password-reset.js';
import authRequestVerification from './auth/request-verification.js';
import authWithOAuth2 from './auth/with-oauth2.js';
import authWithOtp from './auth/with-otp.js';
import authWithPassword from './auth/with-password.js';
import backupsCreate from './backups/create.js';
import backupsDelete from './backups/delete.js';
import backupsDownload from './backups/download.js';
import backupsDrill from './backups/drill.js';
import backupsList from './backups/list.js';
import backupsRestore from './backups/restore.js';
import backupsUpload from './backups/upload.js';
import batch from './batch/batch.js';
import collectionsCreate from './collections/create.js';
import collectionsDelete from './collections/delete.js';
import collectionsImport from './collections/import.js';
import collectionsList from './collections/list.js';
import collectionsScaffolds from './collections/scaffolds.js';
import collectionsTruncate from './collections/truncate.js';
import collectionsUpdate from './collections/update.js';
import collectionsView from './collections/view.js';
import cronsList from './crons/list.js';
import cronsRun from './crons/run.js';
import filesDownload from './files/download.js';
import filesToken from './files/token.js';
import health from './health/health.js';
import logsList from './logs/list.js';
import logsStats from './logs/stats.js';
import logsView from './logs/view.js';
import metrics from './metrics/metrics.js';
import oauth2RedirectGet from './oauth2/redirect-get.js';
import oauth2RedirectPost from './oauth2/redirect-post.js';
import openapi from './openapi/document.js';
import apiReference from './openapi/reference.js';
import apiReferenceRoot from './openapi/reference-root.js';
import realtimeConnect from './realtime/connect.js';
import realtimeSubscribe from './realtime/subscribe.js';
import recordsCreate from './records/create.js';
import recordsDelete from './records/delete.js';
import recordsList from './records/list.js';
import recordsUpdate from './records/update.js';
import recordsView from './records/view.js';
import settingsAppleClientSecret from './settings/apple-client-secret.js';
import settingsTestEmail from './settings/test-email.js';
import settingsTestS3 from './settings/test-s3.js';
import settingsUpdate from './settings/update.js';
import settingsView from './settings/view.js';
import setupCreateSuperuser from './setup/create-superuser.js';
import uiAsset from './ui/asset.js';
import uiIndex from './ui/index-page.js';
import webhooksDeliveries from './webhooks/deliveries.js';
import webhooksRedeliver from './webhooks/redeliver.js';

/** Every API operation the server serves. */
export const routes: readonly RouteDefinition[] = [
  health,
  collectionsList,
  collectionsCreate,
  collectionsScaffolds,
  collectionsImport,
  collectionsView,
  collectionsUpdate,
  collectionsDelete,
  collectionsTruncate,
  recordsList,
  recordsView,
  recordsCreate,
  recordsUpdate,
  recordsDelete,
  authMethods,
  authWithPassword,
  authRefresh,
  authWithOAuth2,
  oauth2RedirectGet,
  oauth2RedirectPost,
  authRequestOtp,
  authWithOtp,
  authRequestVerification,
  authConfirmVerification,
  authRequestPasswordReset,
  authConfirmPasswordReset,
  authRequestEmailChange,
  authConfirmEmailChange,
  authImpersonate,
  batch,
  cronsList,
  cronsRun,
  settingsView,
  settingsUpdate,
  settingsAppleClientSecret,
  settingsTestEmail,
  logsList,
  logsStats,
  logsView,
  openapi,
  apiReferenceRoot,
  apiReference,
  filesDownload,
  filesToken,
  settingsTestS3,
  realtimeConnect,
  realtimeSubscribe,
  metrics,
  auditList,
  auditView,
  approvalsList,
  approvalsView,
  approvalsApprove,
  approvalsReject,
  backupsList,
  backupsCreate,
  backupsUpload,
  backupsDownload,
  backupsDelete,
  backupsRestore,
  backupsDrill,
  webhooksDeliveries,
  webhooksRedeliver,
  setupCreateSuperuser,
  uiIndex,
  uiAsset,
];

/** Registers every route; its definition rides in the route config, where operation tracking reads it. */
export function registerRoutes(server: FastifyInstance, app: App): void {
  for (const route of routes) {
    noteServedOperation(server, route.tag);
    server.route({
      ...route.options?.(app),
      method: route.method,
      url: route.url,
      config: { route },
      handler: (req, reply) => route.handler(req, reply, app),
    });
  }
}
