import { CustomResponse, isValidStatus } from '../core/custom-response.js';
import type { Responder } from './types.js';

function checked(status: unknown, what: string): number {
  if (!isValidStatus(status)) throw new Error(`${what}: invalid status ${JSON.stringify(status)} (expected 200-599)`);
  return status;
}

/** The `e.json`/`e.string`/`e.noContent`/`e.redirect` methods, each handing its answer to `set`. */
export function responder(set: (r: CustomResponse) => void): Responder {
  return {
    json: (status, data) => set(new CustomResponse(checked(status, 'e.json'), 'json', data)),
    string: (status, text) => set(new CustomResponse(checked(status, 'e.string'), 'text', String(text))),
    noContent: (status = 204) => set(new CustomResponse(checked(status, 'e.noContent'), 'none', null)),
    redirect: (status, url) => {
      if (!Number.isInteger(status) || status < 300 || status > 399) {
        throw new Error(`e.redirect: invalid status ${JSON.stringify(status)} (expected 300-399)`);
      }
      set(new CustomResponse(status, 'redirect', String(url)));
    },
  };
}
