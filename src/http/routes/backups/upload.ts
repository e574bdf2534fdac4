import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { scratchDir, uploadBackup } from '../../../core/backups/index.js';
import { Errors } from '../../../core/errors.js';
import { V } from '../../../core/validation.js';
import { requireSuperuser } from '../../context.js';
import { sendNoContent } from '../../reply.js';
import type { RouteDefinition } from '../../route.js';

/** `POST /api/backups/upload`: the multipart part `file`, kept under its own name; no size limit. */
const upload: RouteDefinition = {
  tag: 'backups.upload',
  method: 'POST',
  url: '/api/backups/upload',
  async handler(req, reply, app) {
    requireSuperuser(req);
    if (!req.isMultipart()) throw Errors.invalidBackupUpload({ file: V.required() });
    const work = await scratchDir(app, 'upload');
    try {
      let stored = false;
      for await (const part of req.parts({ limits: { fileSize: Number.MAX_SAFE_INTEGER } })) {
        if (part.type !== 'file') continue;
        if (part.fieldname !== 'file' || stored) {
          part.file.resume();
          continue;
        }
        const path = join(work.path, 'upload.zip');
        await pipeline(part.file, createWriteStream(path));
        await uploadBackup(app, part.filename, path);
        stored = true;
      }
      if (!stored) throw Errors.invalidBackupUpload({ file: V.required() });
    } finally {
      await work.dispose();
    }
    return sendNoContent(reply);
  },
};

export default upload;
