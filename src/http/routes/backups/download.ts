import { backupExists, backupsBlob, isBackupKey } from '../../../core/backups/index.js';
import { Errors } from '../../../core/errors.js';
import { verifyFileToken } from '../../../core/files/file-token.js';
import { queryParamOf } from '../../context.js';
import { pathParam, type RouteDefinition } from '../../route.js';

/** `GET /api/backups/{key}?token=`: a superuser file token in the query, never the Authorization header. */
const download: RouteDefinition = {
  tag: 'backups.download',
  method: 'GET',
  url: '/api/backups/:key',
  async handler(req, reply, app) {
    const token = queryParamOf(req, 'token') ?? '';
    const requester = token === '' ? null : await verifyFileToken(app, token);
    if (!requester?.isSuperuser) throw Errors.backupDownloadForbidden();
    const key = pathParam(req, 'key');
    if (!isBackupKey(key) || !(await backupExists(app, key))) throw Errors.missingBackup();
    const blob = backupsBlob(app);
    const info = await blob.head(key);
    reply.header('Content-Type', 'application/zip');
    reply.header('Content-Disposition', `attachment; filename="${key}"`);
    if (info) reply.header('Content-Length', String(info.size));
    return reply.send(await blob.get(key));
  },
};

export default download;
