import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import Fastify from 'fastify';
import { databaseKinds, createTestDatabase } from '../../support/databases.ts';
import { startTestSystem, testSystemFor, type TestSystem } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { signedInEmployer } from '../../support/journeys.ts';
import { signedInStaff } from '../../support/staff.ts';
import { ConfigError, loadConfig } from '../../../src/config.ts';
import { createHealth } from '../../../src/core/ops/health.ts';
import { createMetrics } from '../../../src/core/ops/metrics.ts';
import { opsRoutes } from '../../../src/core/ops/routes.ts';

const TOKEN = 'metrics-token-for-the-tests-0123456789abcdef';
const OUTSIDE = '203.0.113.9';

/** The scrape as the Prometheus server on this host reads it: from the internal listener (METRICS_PORT). */
async function scrape(t: TestSystem): Promise<string> {
  const response = await fetch(t.system.metricsServer!.url);
  assert.equal(response.status, 200);
  return response.text();
}

/** One request to the internal listener with a Host header of our choosing (fetch keeps its own). */
function rawGet(port: number, path: string, host: string, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Whether a new TCP connection to the port on 127.0.0.1 is refused. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.on('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

/** The value of one series, found by its name and labels (in any order), or 0 when it is not there yet. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const has = Object.entries(labels).every(([k, v]) => (match[2] ?? '').split(',').includes(`${k}="${v}"`));
    if (has) return Number(match[3]);
  }
  return 0;
}

for (const kind of databaseKinds) {
  describe(`operations endpoints (${kind})`, () => {
    const t = testSystemFor(kind, { env: { METRICS_TOKEN: TOKEN, METRICS_PORT: '0' } });

    test('/healthz › 200 {"status":"ok"} from anywhere, without a session, never cached', async () => {
      const response = await t.system.app.inject({ url: '/healthz', remoteAddress: OUTSIDE });
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), { status: 'ok' });
      assert.equal(response.headers['cache-control'], 'no-store');
      assert.equal(response.headers['set-cookie'], undefined, 'no session is made for a probe');
    });

    test('/readyz › 200 while the database answers, never cached', async () => {
      const response = await fetch(`${t.baseUrl}/readyz`);
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { status: 'ready' });
      assert.equal(response.headers.get('cache-control'), 'no-store');
    });

    test('/metrics on the internal port › the request histogram by route pattern, never the address with its id', async () => {
      await fetch(`${t.baseUrl}/arbeitgeber/login`);
      await fetch(`${t.baseUrl}/partner/ik-register/260326822`);
      await fetch(`${t.baseUrl}/nirgends/geheimes-token-4711`);
      const text = await scrape(t);
      assert.ok(sample(text, 'pforte_http_request_duration_seconds_count', { method: 'GET', route: '/arbeitgeber/login', status_class: '2xx' }) >= 1);
      assert.ok(sample(text, 'pforte_http_request_duration_seconds_count', { method: 'GET', route: '/partner/ik-register/:ik' }) >= 1);
      assert.ok(sample(text, 'pforte_http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status_class: '4xx' }) >= 1);
      assert.match(text, /pforte_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/arbeitgeber\/login",status_class="2xx"\}/);
      assert.doesNotMatch(text, /260326822|geheimes-token-4711|nirgends/);
    });

    test('/metrics › the mail outbox, the database pool and the process metrics', async () => {
      const text = await scrape(t);
      assert.match(text, /^pforte_mail_outbox_mails\{state="pending"\} \d+$/m);
      assert.match(text, /^pforte_mail_outbox_mails\{state="failed"\} \d+$/m);
      assert.equal(sample(text, 'pforte_db_pool_connections', {}) >= 1, true);
      if (kind === 'postgres') assert.match(text, /^pforte_db_pool_waiting_clients \d+$/m);
      else assert.doesNotMatch(text, /pforte_db_pool_idle_connections/, 'PGlite has one connection and no pool');
      assert.match(text, /^process_cpu_user_seconds_total /m);
      assert.match(text, /^nodejs_eventloop_lag_seconds /m);
    });

    test('/metrics on the internal port › listens on 127.0.0.1 only, never cached; any other address there is 404, another method 405', async () => {
      const server = t.system.metricsServer!;
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      assert.notEqual(server.url, `${t.baseUrl}/metrics`);
      const response = await fetch(server.url);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type')!, /^text\/plain; version=0\.0\.4/);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      for (const path of ['/', '/healthz', '/arbeitgeber/login', '/metrics/x']) {
        const other = await fetch(`http://127.0.0.1:${server.port}${path}`);
        assert.equal(other.status, 404, path);
        assert.doesNotMatch(await other.text(), /pforte_/, path);
      }
      const post = await fetch(server.url, { method: 'POST' });
      assert.equal(post.status, 405);
      assert.equal(post.headers.get('allow'), 'GET, HEAD');
    });

    test('/metrics on the internal port › a page of another site that DNS rebinding led here (a foreign Host) reads nothing', async () => {
      const port = t.system.metricsServer!.port;
      const foreign = await rawGet(port, '/metrics', `boese.example:${port}`);
      assert.equal(foreign.status, 421);
      assert.doesNotMatch(foreign.body, /pforte_/);
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
        assert.equal((await rawGet(port, '/metrics', host)).status, 200, host);
      }
    });

    test('/metrics on the public listener from this host without the token › 404, with or without a proxy’s headers', async () => {
      // a proxy on this host that sets no X-Forwarded-For (plain proxy_pass) or only X-Real-IP looks just like this
      for (const headers of [{}, { 'x-real-ip': OUTSIDE }, { 'x-forwarded-for': OUTSIDE }] as Record<string, string>[]) {
        const response = await fetch(`${t.baseUrl}/metrics`, { headers });
        assert.equal(response.status, 404, JSON.stringify(headers));
        const body = await response.text();
        assert.match(body, /Diese Seite gibt es nicht/);
        assert.doesNotMatch(body, /pforte_/);
      }
      assert.equal((await t.system.app.inject({ url: '/metrics' })).statusCode, 404, 'inject comes from 127.0.0.1');
    });

    test('/metrics on the public listener from this host › with METRICS_TOKEN as bearer token 200, also behind a proxy', async () => {
      const direct = await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(direct.status, 200);
      assert.match(await direct.text(), /pforte_http_request_duration_seconds/);
      const forwarded = await fetch(`${t.baseUrl}/metrics`, { headers: { 'x-forwarded-for': OUTSIDE, authorization: `Bearer ${TOKEN}` } });
      assert.equal(forwarded.status, 200);
    });

    test('/metrics from elsewhere › 404 like any unknown address', async () => {
      const response = await t.system.app.inject({ url: '/metrics', remoteAddress: OUTSIDE });
      assert.equal(response.statusCode, 404);
      assert.match(response.body, /Diese Seite gibt es nicht/);
      assert.doesNotMatch(response.body, /pforte_/);
    });

    test('/metrics from elsewhere › with METRICS_TOKEN as bearer token 200, with a wrong one 404', async () => {
      const right = await t.system.app.inject({ url: '/metrics', remoteAddress: OUTSIDE, headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(right.statusCode, 200);
      assert.match(right.headers['content-type'] as string, /^text\/plain; version=0\.0\.4/);
      assert.equal(right.headers['cache-control'], 'no-store');
      assert.match(right.body, /pforte_http_request_duration_seconds/);
      for (const wrong of [`Bearer ${TOKEN.slice(0, -1)}x`, `Bearer ${TOKEN}x`, 'Bearer ', TOKEN, `Basic ${TOKEN}`]) {
        const response = await t.system.app.inject({ url: '/metrics', remoteAddress: OUTSIDE, headers: { authorization: wrong } });
        assert.equal(response.statusCode, 404, wrong);
      }
    });

    test('/metrics › X-Forwarded-For: 127.0.0.1 from elsewhere does not pass as this host (TRUST_PROXY is on)', async () => {
      const response = await t.system.app.inject({ url: '/metrics', remoteAddress: OUTSIDE, headers: { 'x-forwarded-for': '127.0.0.1' } });
      assert.equal(response.statusCode, 404);
    });

    test('login metrics › a wrong password counts as password_wrong of its portal', async () => {
      const before = sample(await scrape(t), 'pforte_logins_total', { portal: 'arbeitgeber', outcome: 'password_wrong' });
      const c = new FormClient(t.baseUrl);
      await c.get('/arbeitgeber/login');
      await c.postForm({ email: 'niemand@example.de', password: 'Falsch-aber-lang-genug-1' }, '/arbeitgeber/login');
      assert.equal(c.lastStatus, 401);
      const after = sample(await scrape(t), 'pforte_logins_total', { portal: 'arbeitgeber', outcome: 'password_wrong' });
      assert.equal(after, before + 1);
    });

    test('login metrics › a login with password and security code counts as success of its portal; the back office’s as backoffice', async () => {
      const text = await scrape(t);
      const employer = sample(text, 'pforte_logins_total', { portal: 'arbeitgeber', outcome: 'success' });
      const staff = sample(text, 'pforte_logins_total', { portal: 'backoffice', outcome: 'success' });
      await signedInEmployer(t);
      await signedInStaff(t, 'admin');
      const after = await scrape(t);
      assert.equal(sample(after, 'pforte_logins_total', { portal: 'arbeitgeber', outcome: 'success' }), employer + 1);
      assert.equal(sample(after, 'pforte_logins_total', { portal: 'backoffice', outcome: 'success' }), staff + 1);
      assert.doesNotMatch(after, /portal="unknown"/);
    });

    // last: a drained system stays drained
    test('/readyz › 503 {"reason":"draining"} once the process drains, while /healthz stays 200', async () => {
      t.system.drain();
      const ready = await t.system.app.inject({ url: '/readyz' });
      assert.equal(ready.statusCode, 503);
      assert.deepEqual(ready.json(), { status: 'unavailable', reason: 'draining' });
      assert.equal(ready.headers['cache-control'], 'no-store');
      assert.equal((await t.system.app.inject({ url: '/healthz' })).statusCode, 200);
    });
  });

  describe(`the internal metrics listener (${kind})`, () => {
    test('METRICS_PORT without METRICS_TOKEN › the internal port serves /metrics, the public listener never; both close with the system', async () => {
      const t = await startTestSystem(kind, { METRICS_PORT: '0' });
      let closed = false;
      try {
        const server = t.system.metricsServer!;
        const scraped = await fetch(server.url);
        assert.equal(scraped.status, 200);
        assert.match(await scraped.text(), /pforte_db_pool_connections/);
        const publicOne = await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
        assert.equal(publicOne.status, 404, 'no token is set, so no token opens it');
        // the scrape above left a keep-alive connection open: closing must not wait for it
        await t.close();
        closed = true;
        assert.equal(await refused(server.port), true, 'the internal listener is closed');
        assert.equal(await refused(Number(new URL(t.baseUrl).port)), true, 'and the main one');
      } finally {
        if (!closed) await t.close();
      }
    });
  });

  describe(`operations endpoints without a database (${kind})`, () => {
    test('/readyz › 503 {"reason":"database"} when the database is closed; /healthz and /metrics still answer', async () => {
      const database = await createTestDatabase(kind);
      await database.drop();
      const app = Fastify();
      await opsRoutes(app, { health: createHealth(database.handle.db, 500), metrics: createMetrics({ db: database.handle.db, pool: database.handle.poolUse }), metricsToken: TOKEN });
      try {
        const ready = await app.inject({ url: '/readyz' });
        assert.equal(ready.statusCode, 503);
        assert.deepEqual(ready.json(), { status: 'unavailable', reason: 'database' });
        assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200);
        const metrics = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
        assert.equal(metrics.statusCode, 200, 'a scrape without the database still shows the process');
        assert.doesNotMatch(metrics.body, /pforte_mail_outbox_mails\{/, 'no outbox figure rather than a wrong one');
      } finally {
        await app.close();
      }
    });
  });
}

describe('metrics parts on one database', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  before(async () => (database = await createTestDatabase('pglite')));
  after(async () => database.drop());

  test('/metrics without METRICS_TOKEN › 404 to everyone, this host and any bearer token included', async () => {
    const app = Fastify();
    await opsRoutes(app, { health: createHealth(database.handle.db), metrics: createMetrics({ db: database.handle.db }), metricsToken: undefined });
    try {
      for (const headers of [{}, { authorization: 'Bearer ' }, { authorization: `Bearer ${TOKEN}` }]) {
        assert.equal((await app.inject({ url: '/metrics', headers })).statusCode, 404, JSON.stringify(headers));
      }
      assert.equal(loadConfig({}).METRICS_PORT, undefined, 'and no internal listener unless METRICS_PORT is set');
    } finally {
      await app.close();
    }
  });

  test('job metrics › a failing job handler counts its failure and still throws for the queue to retry', async () => {
    const metrics = createMetrics({ db: database.handle.db });
    const handlers = metrics.countingFailures({ retention: async () => { throw new Error('kaputt'); }, housekeeping: async () => 'fine' });
    await assert.rejects(handlers.retention(), /kaputt/);
    await assert.rejects(handlers.retention(), /kaputt/);
    assert.equal(await handlers.housekeeping(), 'fine');
    const text = (await metrics.scrape()).text;
    assert.equal(sample(text, 'pforte_job_failures_total', { job: 'retention' }), 2);
    assert.equal(sample(text, 'pforte_job_failures_total', { job: 'housekeeping' }), 0);
  });
});

test('config › METRICS_TOKEN needs at least 32 printable characters; METRICS_PORT a port other than PORT; SHUTDOWN_TIMEOUT_SECONDS whole seconds from 1 to 300', () => {
  assert.equal(loadConfig({ METRICS_TOKEN: TOKEN }).METRICS_TOKEN, TOKEN);
  assert.equal(loadConfig({}).SHUTDOWN_TIMEOUT_SECONDS, 10);
  assert.equal(loadConfig({ SHUTDOWN_TIMEOUT_SECONDS: '30' }).SHUTDOWN_TIMEOUT_SECONDS, 30);
  for (const bad of ['kurz', 'x'.repeat(31), `${'x'.repeat(20)} ${'x'.repeat(20)}`]) {
    assert.throws(() => loadConfig({ METRICS_TOKEN: bad }), (error) => error instanceof ConfigError && /METRICS_TOKEN/.test(error.message));
  }
  assert.equal(loadConfig({ METRICS_PORT: '9464' }).METRICS_PORT, 9464);
  for (const bad of [{ METRICS_PORT: 'neun' }, { METRICS_PORT: '70000' }, { METRICS_PORT: '3000' }, { METRICS_PORT: '8080', PORT: '8080' }]) {
    assert.throws(() => loadConfig(bad), (error) => error instanceof ConfigError && /METRICS_PORT/.test(error.message), JSON.stringify(bad));
  }
  for (const bad of ['0', '2.5', 'zehn', '301']) {
    assert.throws(() => loadConfig({ SHUTDOWN_TIMEOUT_SECONDS: bad }), (error) => error instanceof ConfigError && /SHUTDOWN_TIMEOUT_SECONDS/.test(error.message));
  }
});
