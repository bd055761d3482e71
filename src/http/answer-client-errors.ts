import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { errorCodes, type ErrorCode } from '../shared/errors.js';

/** Node's HTTP parser error codes for a request line or headers over its limit (16 KB). */
const tooLarge = new Set(['HPE_HEADER_OVERFLOW']);

/**
 * Requests Node's HTTP parser refuses before the app sees them (headers over 16 KB, a malformed request line or
 * header, a request that took too long) are answered with the app's error body, not Node's empty one, so every
 * error a client can get has the same shape. The connection is closed afterwards, as Node does.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // Nothing can be said on a connection the client already dropped, or once an answer has started.
    if (err.code === 'ECONNRESET' || !socket.writable || ('_httpMessage' in socket && socket._httpMessage !== null && socket._httpMessage !== undefined)) {
      socket.destroy();
      return;
    }
    const code: ErrorCode = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'REQUEST_TIMEOUT' : tooLarge.has(err.code ?? '') ? 'HEADERS_TOO_LARGE' : 'BAD_REQUEST';
    const { status, message } = errorCodes[code];
    const body = JSON.stringify({ error: { code, message } });
    socket.end(
      `HTTP/1.1 ${status} ${code}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
