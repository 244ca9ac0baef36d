import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Exchange {
  method: string;
  path: string;
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RecordingProxy {
  url: string;
  exchanges: Exchange[];
  close(): Promise<void>;
}

/**
 * Passes every request on to `target` unchanged and keeps what came back. The senders return only a receipt;
 * this is how a test sees the status and headers (Prism's `sl-violations`) behind it.
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const exchanges: Exchange[] = [];
  const { host } = new URL(target);
  const server = createServer((incoming, outgoing) => {
    const forwarded = request(new URL(incoming.url ?? '/', target), { method: incoming.method, headers: { ...incoming.headers, host } }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const body = Buffer.concat(chunks);
        exchanges.push({ method: incoming.method ?? '', path: incoming.url ?? '', status: answer.statusCode ?? 0, headers: answer.headers, body: body.toString('utf8') });
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        outgoing.end(body);
      });
    });
    forwarded.on('error', (error) => {
      outgoing.writeHead(502, { 'Content-Type': 'text/plain' });
      outgoing.end(`recording proxy could not reach ${target}: ${error.message}`);
    });
    incoming.pipe(forwarded);
  });
  await new Promise<void>((listening, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => listening());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exchanges,
    close: () => {
      server.closeAllConnections();
      return new Promise((closed, fail) => server.close((error) => (error ? fail(error) : closed())));
    },
  };
}
