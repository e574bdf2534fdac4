import { relative } from 'node:path';
import type { App } from '../core/app.js';
import type { CustomRoute } from '../core/custom-route.js';
import type { MailMessage, MailPort, RealtimePort } from './types.js';

/** Services user code can reach that other parts of the server provide (mail, realtime). */
export interface PluginPorts {
  mail?: MailPort;
  realtime?: RealtimePort;
}

/** What every hook file's app shares: the core, the routes added so far, the limits. */
export class PluginHost {
  readonly routes: CustomRoute[] = [];
  readonly mail: MailPort;
  readonly realtime: RealtimePort;

  constructor(
    readonly core: App,
    readonly timeoutMs: number,
    /** the folder file names in messages are relative to */
    private readonly baseDir: string,
    ports: PluginPorts = {},
  ) {
    this.mail = ports.mail ?? {
      send: async (_message: MailMessage) => {
        throw new Error('mail is not configured: app.mail.send() is not available in this server');
      },
    };
    this.realtime = ports.realtime ?? {
      publish: async () => {
        throw new Error('realtime is not configured: app.realtime.publish() is not available in this server');
      },
    };
  }

  /** `file` as messages show it: relative to the working folder when inside it. */
  display(file: string): string {
    const rel = relative(this.baseDir, file);
    return rel.startsWith('..') || rel === '' ? file : rel;
  }
}
