import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Metrics } from './metrics.ts';

/** The metrics listener's one address: loopback only, so nothing from outside the host reaches it. */
export const METRICS_HOST = '127.0.0.1';

/**
 * Host names a scraper on this host uses. Anything else is a browser that a DNS rebinding led here
 * (evil.example resolving to 127.0.0.1): it would read the answer as its own origin's, so it gets none.
 */
const LOCAL_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/i;

export interface MetricsServer {
  /** `http://127.0.0.1:<port>/metrics`, for the start's banner */
  url: string;
  port: number;
  /** stops listening, ends idle scrapes at once and cuts one still running after a second */
  close(): Promise<void>;
}

function answer(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers });
  response.end(text);
}

/**
 * /metrics without a token, on its own listener bound to 127.0.0.1: the public listener cannot tell a
 * scraper on this host from a request a local proxy forwarded (a proxy that sets no X-Forwarded-For,
 * or only X-Real-IP, makes everyone look local), so it serves /metrics only for METRICS_TOKEN. This
 * listener carries nothing else, so no proxy is ever pointed at it by mistake for the portals.
 * Plain node:http: one GET route needs no sessions, CSRF, helmet or portal hooks.
 */
export async function listenMetrics(metrics: Metrics, port: number): Promise<MetricsServer> {
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/metrics') return answer(response, 404, 'Nicht gefunden. / Not found.\n');
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(response, 405, 'Nur GET. / GET only.\n', { allow: 'GET, HEAD' });
    if (!LOCAL_HOST.test(request.headers.host ?? '')) return answer(response, 421, 'Nur über 127.0.0.1 oder localhost abrufbar. / Only via 127.0.0.1 or localhost.\n');
    try {
      const { text, contentType } = await metrics.scrape();
      response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : text);
    } catch {
      // the collectors catch their own failures; this is a last guard so a scrape never ends the process
      if (!response.headersSent) answer(response, 503, 'Metriken gerade nicht lesbar. / Metrics unavailable.\n');
    }
  });
  // a scraper asks for one small answer: a client that sends its request slowly is not waited for
  server.headersTimeout = 5_000;
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) =>
      reject(new Error(`METRICS_PORT ${port} auf ${METRICS_HOST} nicht verfügbar (${error.code ?? error.message})`));
    server.once('error', failed);
    server.listen(port, METRICS_HOST, () => {
      server.off('error', failed);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://${METRICS_HOST}:${bound}/metrics`,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        const cut = setTimeout(() => server.closeAllConnections(), 1_000);
        server.close(() => {
          clearTimeout(cut);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
