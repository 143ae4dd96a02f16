import { connect } from 'node:net';

export interface RawResponse {
  /** Status code of the first response on the socket, 0 when the server sent nothing. */
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
  /** Everything the server sent. */
  raw: string;
  /** Milliseconds from connecting until the server closed the socket (or the client gave up). */
  closedAfterMs: number;
  /** False when the client gave up after `timeoutMs` with the socket still open. */
  closedByServer: boolean;
}

/**
 * Writes raw bytes to a loopback HTTP server, chunk by chunk (`gapMs` apart), and collects what
 * comes back until the server closes the socket or `timeoutMs` passes. For requests no HTTP client
 * library would send (bad request lines, oversized headers, dribbled headers).
 */
export function rawExchange(
  port: number,
  chunks: readonly (string | Buffer)[],
  { gapMs = 0, timeoutMs = 5_000 }: { gapMs?: number; timeoutMs?: number } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const socket = connect({ port, host: '127.0.0.1' });
    const received: Buffer[] = [];
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (closedByServer: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const closedAfterMs = performance.now() - start;
      socket.destroy();
      resolve({ ...parse(Buffer.concat(received).toString('latin1')), closedAfterMs, closedByServer });
    };
    const deadline = setTimeout(() => finish(false), timeoutMs);
    socket.on('data', (d) => received.push(d));
    socket.on('close', () => {
      clearTimeout(deadline);
      finish(true);
    });
    socket.on('error', (err) => {
      if ((err as NodeJS.ErrnoException).code === 'ECONNRESET' || (err as NodeJS.ErrnoException).code === 'EPIPE') return;
      clearTimeout(deadline);
      if (!settled) reject(err);
    });
    socket.on('connect', () => {
      let i = 0;
      const writeNext = () => {
        if (settled || i >= chunks.length) return;
        const chunk = chunks[i++] as string | Buffer;
        if (!socket.writable) return;
        socket.write(chunk);
        timer = setTimeout(writeNext, gapMs);
      };
      writeNext();
    });
  });
}

function parse(raw: string): Omit<RawResponse, 'closedAfterMs' | 'closedByServer'> {
  const end = raw.indexOf('\r\n\r\n');
  if (!raw.startsWith('HTTP/1.1 ') || end < 0) return { status: 0, headers: {}, body: '', raw };
  const [statusLine, ...headerLines] = raw.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = raw.slice(end + 4);
  const length = headers['content-length'];
  if (length !== undefined) body = body.slice(0, Number(length));
  return { status: Number(statusLine?.split(' ')[1]), headers, body, raw };
}
