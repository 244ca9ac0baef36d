import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Answer nothing and keep the connection open, as a stuck provider does (until close()). */
export const HANG = 'hang' as const;

/** What the fake vendor answers; it sees each request after it has been recorded. */
export type Responder = (request: RecordedRequest) => ScriptedResponse | typeof HANG;

export interface RecordingServer {
  /** http://127.0.0.1:<port>, to hand to a sender as its base URL. */
  url: string;
  requests: RecordedRequest[];
  respondWith(responder: Responder): void;
  close(): Promise<void>;
}

/** A vendor stand-in on 127.0.0.1 that keeps every request it receives, so tests can read what the SDK sent. */
export async function startRecordingServer(initial: Responder): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  let responder = initial;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      const reply = responder(recorded);
      if (reply === HANG) return;
      const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
      res.writeHead(reply.status, { ...(body ? { 'Content-Type': 'application/json' } : {}), ...reply.headers });
      res.end(body);
    });
  });
  await listen(server);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    respondWith: (next) => (responder = next),
    close: () => close(server),
  };
}

/** An origin where nothing listens: a port the OS just handed out and took back. */
export async function refusedOrigin(): Promise<string> {
  const server = createServer();
  await listen(server);
  const { port } = server.address() as AddressInfo;
  await close(server);
  return `http://127.0.0.1:${port}`;
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
}

function close(server: Server): Promise<void> {
  // SDK agents keep connections alive; without dropping them, close() would wait for their idle timeout.
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
