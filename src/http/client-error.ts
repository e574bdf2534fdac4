import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { Errors } from '../core/errors.js';
import { SECURITY_HEADER_LINES } from './security-headers.js';

interface ClientError extends Error {
  code?: string;
  /** the bytes Node could not parse, when it got that far (typed loosely by Fastify; a Buffer at run time) */
  rawPacket?: unknown;
}

function startsWithHead(packet: unknown): boolean {
  return Buffer.isBuffer(packet) && packet.subarray(0, 5).toString('latin1').toUpperCase() === 'HEAD ';
}

/** What a request that never became a request (unparsable line or headers, a stall) is told. */
function answerFor(err: ClientError): { status: number; message: string } {
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, message: 'The request took too long to arrive.' };
  if (err.code === 'HPE_HEADER_OVERFLOW') return { status: 431, message: 'The request headers are too large.' };
  return { status: 400, message: Errors.badRequest().message };
}

/**
 * Answers errors raised by Node's HTTP parser, before any route runs, in the API's error format
 * (`{data, message, status}`), without a body for HEAD, and closes the connection: after a parse
 * error the rest of the stream cannot be trusted to start a new request.
 */
export function answerClientError(err: ClientError, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const { status, message } = answerFor(err);
    const body = startsWithHead(err.rawPacket) ? '' : JSON.stringify({ data: {}, message, status });
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n${SECURITY_HEADER_LINES}` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroySoon();
}
