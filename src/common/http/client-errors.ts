import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { PROBLEM_CONTENT_TYPE, problem } from './problem-details';

/** What Node's HTTP parser refuses before Express sees a request, as Node itself would answer. */
const REFUSALS: Record<string, { status: number; detail: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, detail: 'The request headers are too large.' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, detail: 'The request took too long to arrive.' },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: {
    status: 413,
    detail: 'The request chunk extensions are too large.',
  },
};
const MALFORMED = { status: 400, detail: 'The request could not be understood.' };

interface ClientSocket extends Duplex {
  _httpMessage?: { headersSent?: boolean } | null;
}

/**
 * Requests the HTTP parser refuses (oversized headers, malformed request lines) are answered as
 * problem details too, instead of Node's bare status line. As in Node's own handler, nothing is
 * written once a response on the socket has started.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: ClientSocket) => {
    const started = socket._httpMessage?.headersSent === true;
    if (error.code === 'ECONNRESET' || !socket.writable || started) {
      socket.destroy();
      return;
    }
    const { status, detail } = (error.code && REFUSALS[error.code]) || MALFORMED;
    const body = JSON.stringify(problem(status, detail));
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Cache-Control: no-store\r\nConnection: close\r\n\r\n' +
        body,
    );
  });
}
