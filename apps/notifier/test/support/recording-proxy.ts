import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Exchange {
  method: string;
  /** The origin the request was passed on to: the target at the time. */
  origin: string;
  path: string;
  requestBody: string;
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RecordingProxy {
  url: string;
  exchanges: Exchange[];
  /** Passes the requests from now on to `target`: two runs that differ only in who answers, behind the same hop. */
  forwardTo(target: string): void;
  close(): Promise<void>;
}

/**
 * Passes every request on to `target` unchanged and keeps what came back. The senders return only a receipt;
 * this is how a test sees the status and headers (Prism's `sl-violations`) behind it.
 */
export async function startRecordingProxy(initialTarget: string): Promise<RecordingProxy> {
  let target = initialTarget;
  const exchanges: Exchange[] = [];
  const server = createServer((incoming, outgoing) => {
    const destination = new URL(incoming.url ?? '/', target);
    const requestChunks: Buffer[] = [];
    const forwarded = request(destination, { method: incoming.method, headers: { ...incoming.headers, host: destination.host } }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const body = Buffer.concat(chunks);
        exchanges.push({
          method: incoming.method ?? '',
          origin: destination.origin,
          path: incoming.url ?? '',
          requestBody: Buffer.concat(requestChunks).toString('utf8'),
          status: answer.statusCode ?? 0,
          headers: answer.headers,
          body: body.toString('utf8'),
        });
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        outgoing.end(body);
      });
    });
    forwarded.on('error', (error) => {
      outgoing.writeHead(502, { 'Content-Type': 'text/plain' });
      outgoing.end(`recording proxy could not reach ${target}: ${error.message}`);
    });
    incoming.on('data', (chunk: Buffer) => requestChunks.push(chunk));
    incoming.pipe(forwarded);
  });
  await new Promise<void>((listening, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => listening());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exchanges,
    forwardTo: (next) => (target = next),
    close: () => {
      server.closeAllConnections();
      return new Promise((closed, fail) => server.close((error) => (error ? fail(error) : closed())));
    },
  };
}

/** Prism's verdict on an exchange's request; undefined when it found nothing (or when something else answered). */
export function violationsOf(exchange: Exchange): string | undefined {
  const header = exchange.headers['sl-violations'];
  return Array.isArray(header) ? header.join(',') : header;
}
