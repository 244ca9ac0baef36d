import { createServer, type Server } from 'node:http';
import type { PipelineSummary } from './pipeline-summary';
import { renderSummary } from './render-summary';

/** Serves the summary as JSON (/summary.json) and as a plain page (/), fresh on every request. */
export async function serveSummary(port: number, summarize: () => Promise<PipelineSummary>, consoleUrl?: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    summarize()
      .then((summary) => {
        if (request.url === '/summary.json') {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify(summary, null, 2));
          return;
        }
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(`<!doctype html><meta charset="utf-8"><title>SyncEngage embedded</title>${consoleUrl ? `<p>Charts, funnel and customers: <a href="${escapeHtml(consoleUrl)}">the console</a> (sign in with the key printed at start).</p>` : ''}<pre>${escapeHtml(renderSummary(summary))}</pre>`);
      })
      .catch((error: Error) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(error.message);
      });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
