import type { FastifyInstance } from 'fastify';
import type { Health } from './health.ts';
import type { Metrics } from './metrics.ts';
import { mayReadMetrics } from './access.ts';

/**
 * Every answer's duration by the route's pattern (`/arbeitgeber/postfach/:id`), never the address
 * itself: ids and tokens in addresses would make a series per person. Added on the root server
 * before the routes, so it sees all of them and the not-found answers.
 */
export function timeRequests(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.is404 ? null : (request.routeOptions.url ?? null);
    metrics.observeRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
}

/**
 * The operator's endpoints: liveness, readiness and metrics. Probes come every few seconds, so they
 * are logged only when something goes wrong (warn and above); they need no session, no portal and
 * no CSRF token (GET only), and no cache may keep their answers.
 */
export async function opsRoutes(app: FastifyInstance, deps: { health: Health; metrics: Metrics; metricsToken: string | undefined }): Promise<void> {
  const { health, metrics, metricsToken } = deps;
  const quiet = { logLevel: 'warn' as const };

  // liveness: the process answers; nothing else is asked, so a slow database never gets it restarted
  app.get('/healthz', quiet, async (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));

  app.get('/readyz', quiet, async (_request, reply) => {
    const state = await health.readiness();
    reply.header('cache-control', 'no-store');
    if (state.ready) return reply.send({ status: 'ready' });
    return reply.code(503).send({ status: 'unavailable', reason: state.reason });
  });

  // only with METRICS_TOKEN, from wherever (a proxy on this host makes everyone look local); anyone
  // else, and everyone when no token is set, gets the platform's ordinary 404, revealing nothing
  app.get('/metrics', quiet, async (request, reply) => {
    if (!mayReadMetrics(request, metricsToken)) return reply.callNotFound();
    const { text, contentType } = await metrics.scrape();
    return reply.header('cache-control', 'no-store').type(contentType).send(text);
  });
}
