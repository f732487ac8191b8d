import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { startTestSystem, type TestSystem } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { signedInEmployer } from '../../support/journeys.ts';
import { signedInStaff } from '../../support/staff.ts';
import { activatedProvider } from '../../support/partner-journeys.ts';
import { JM_PASSWORD, jobmasterAccount } from '../../modules/jobmaster-login/accounts.ts';
import { registeredRoutes, type RegisteredRoute } from '../../../src/core/http/server.ts';
import { formFieldsOf, namesIn, plausible, sources } from './form-fields.ts';

/**
 * A bounded fuzzer over every registered route: 100 hostile inputs each (34 for a page without path
 * parameters, whose only input is its query string), spread over the query string, the path
 * parameters, urlencoded, multipart and JSON bodies and other content types, sent by an anonymous
 * browser, a fresh session, a signed-in employer, a signed-in provider, signed-in staff and a Jobmaster
 * employer and applicant (with a valid CSRF token, so the input reaches the handlers). No answer may be a 5xx or show a stack trace.
 *
 * Inputs come from a seeded generator, so a failure is reproduced by running the test again
 * (PFORTE_FUZZ_SEED picks another seed, PFORTE_FUZZ_INPUTS another count per route: 100 keeps the
 * suite's run near a minute on two cores; a deeper run before a release takes PFORTE_FUZZ_INPUTS=300).
 *
 * A second, deterministic pass sends every route the fields its module reads (test/core/http/form-fields.ts),
 * filled as a person would fill them, with a NUL in one field at a time: a form whose other fields pass
 * brings the NUL to its service, where the database would refuse it (a dozen forms and searches gave a
 * 500 before the shared field rules refused control characters). Both passes together take about a minute.
 *
 * PGlite only: what is tested here is how the routes parse and refuse input, which does not depend on
 * the database; the same run on PostgreSQL would double the time without reaching other code.
 */
const SEED = Number(process.env.PFORTE_FUZZ_SEED ?? 20261207);
const INPUTS_PER_ROUTE = Number(process.env.PFORTE_FUZZ_INPUTS ?? 100);

/** mulberry32: small, fast, deterministic. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T,>(list: readonly T[]): T => list[int(list.length)]!;
  return { next, int, pick };
}
type Random = ReturnType<typeof generator>;

/** Field names the routes read, taken from the sources (form inputs and request fields) and a few more. */
function fieldNames(): string[] {
  const names = new Set(['_csrf', 'flow', 'token', 'email', 'password', 'code', 'weiter', 'id', 'q', 'seite', 'sort', 'format', 'download', 'box', 'hinweis', 'from', 'to', 'ik', '__proto__', 'constructor']);
  for (const file of sources('src')) for (const name of namesIn(readFileSync(file, 'utf8'))) names.add(name);
  return [...names];
}

const LONG = (n: number, s = 'a') => s.repeat(n);
/** Strings that have broken parsers before: lengths, control and format characters, numbers, dates, markup. */
const HOSTILE_STRINGS: readonly string[] = [
  '', ' ', '\t', LONG(201), LONG(5_000), LONG(70_000), '\u0000', 'a\u0000b', 'x\r\nSet-Cookie: a=b', '\r\n\r\n', '\u202eexe.pdf', '\u2028',
  '\uFEFF', 'Ä'.normalize('NFD'), '💥'.repeat(300), '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "' OR 1=1 --",
  '../../../../etc/passwd', '..\\..\\windows\\win.ini', '%00', '%', '%zz', '-1', '0', '00000000', '1e309', 'NaN', 'Infinity', '-0',
  '99999999999999999999999999', '9007199254740993', '2026-02-30', '0000-00-00', '9999-12-31T23:59:59Z', 'null', 'undefined', 'true', '[]',
  '{}', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '3f0c1a52-8d4e-4c1b-9a7e-2b5d6c7e8f90', '3f0c1a52-8d4e-4c1b-9a7e-2b5d6c7e8f9g',
  '00000000-0000-0000-0000-000000000000', '260326822', '260326823', '09912342', '09912343', 'DE89370400440532013000', 'a@b', 'a@b.de',
  `${LONG(64)}@${LONG(250)}.de`, 'x@y.de\r\nBcc: z@y.de', '١٢٣٤٥٦', '１２３４５６', '12345678901234567890', '1,5', '1.000,00', '-0,01',
];
/** Percent-encodings that are not valid UTF-8 or not valid encodings at all, for raw query strings and paths. */
const RAW_ENCODINGS: readonly string[] = ['%', '%zz', '%C3%28', '%FF%FE', '%ED%A0%80', '%F4%90%80%80', '%C0%AF', '%E0%A4%A', '%00', '%0D%0A', '%2e%2e%2f', '%252e', '%u0041', '+', '%2B', '%26', '%3D'];
const JSON_VALUES: readonly unknown[] = [null, true, false, 0, -1, 1e308, -1e308, 0.1, 2 ** 53 + 1, [], [1, 2], ['a'], {}, { a: 1 }, { __proto__: { x: 1 } }, [[[[[]]]]], 'a'.repeat(10_000), '\u0000', { toString: 'x' }];
const CONTENT_TYPES: readonly string[] = ['text/plain', 'application/xml', 'application/json; charset=utf-16', 'application/x-www-form-urlencoded; charset=iso-8859-1', 'multipart/form-data', 'multipart/form-data; boundary=', 'image/png', ''];

function hostileString(r: Random): string {
  const base = r.pick(HOSTILE_STRINGS);
  // now and then two hostile pieces together
  return r.next() < 0.2 ? base + r.pick(HOSTILE_STRINGS) : base;
}

/** One component for a raw query string or path: encoded properly, or raw and broken. */
function rawComponent(r: Random): string {
  const roll = r.next();
  if (roll < 0.5) return encodeURIComponent(hostileString(r).slice(0, 3000));
  if (roll < 0.8) return r.pick(RAW_ENCODINGS) + encodeURIComponent(r.pick(HOSTILE_STRINGS).slice(0, 50));
  return r.pick(RAW_ENCODINGS);
}

function queryString(r: Random, names: readonly string[]): string {
  const parts: string[] = [];
  for (let i = 1 + r.int(4); i > 0; i--) {
    const name = r.pick(names);
    const roll = r.next();
    if (roll < 0.15) parts.push(`${name}=${rawComponent(r)}&${name}=${rawComponent(r)}`);
    else if (roll < 0.25) parts.push(`${name}[]=${rawComponent(r)}`);
    else if (roll < 0.3) parts.push(`${name}[a][b]=${rawComponent(r)}`);
    else if (roll < 0.35) parts.push(name);
    else if (roll < 0.4) parts.push(`${rawComponent(r)}=${rawComponent(r)}`);
    else parts.push(`${name}=${rawComponent(r)}`);
  }
  return parts.join('&');
}

function formBodyText(r: Random, names: readonly string[], token: string | null): string {
  const query = queryString(r, names);
  return token && r.next() < 0.9 ? `_csrf=${encodeURIComponent(token)}&${query}` : query;
}

function multipartBody(r: Random, names: readonly string[], token: string | null) {
  const boundary = `----pforteFuzz${r.int(1e9)}`;
  const chunks: Buffer[] = [];
  const field = (name: string, value: string | Buffer) => {
    chunks.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name.replace(/["\r\n]/g, '')}"\r\n\r\n`), Buffer.from(value), Buffer.from('\r\n'));
  };
  if (token && r.next() < 0.9) field('_csrf', token);
  for (let i = r.int(4); i > 0; i--) field(r.pick(names), hostileString(r).slice(0, 70_000));
  for (let i = r.int(3); i > 0; i--) {
    const filename = r.next() < 0.3 ? '' : hostileString(r).slice(0, 300).replace(/["\r\n]/g, '_');
    const content = r.next() < 0.5 ? Buffer.from(hostileString(r)) : Buffer.from(Array.from({ length: r.int(4096) }, () => r.int(256)));
    chunks.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${r.pick(['files', 'datei', 'file', 'x'])}"; filename="${filename}"\r\ncontent-type: ${r.pick(['application/pdf', 'text/plain', 'text/html', ''])}\r\n\r\n`), content, Buffer.from('\r\n'));
  }
  // sometimes the body ends early or without its closing boundary
  const roll = r.next();
  if (roll < 0.8) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  else if (roll < 0.9) chunks.push(Buffer.from(`--${boundary}`));
  const payload = Buffer.concat(chunks);
  return { payload: r.next() < 0.05 ? payload.subarray(0, r.int(payload.length)) : payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

function jsonBody(r: Random, names: readonly string[], token: string | null): string {
  if (r.next() < 0.1) return r.pick(['{"a":', '[', '"x"', '1', 'null', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}', '\uFEFF{}']);
  const body: Record<string, unknown> = {};
  if (token && r.next() < 0.8) body._csrf = token;
  for (let i = 1 + r.int(5); i > 0; i--) body[r.pick(names)] = r.next() < 0.5 ? r.pick(JSON_VALUES) : hostileString(r);
  return JSON.stringify(body);
}

/** The path of a route with each parameter replaced: plausible values now and then, hostile ones mostly. */
function pathFor(r: Random, url: string, hostile: boolean): string {
  return url
    .replace(/:[A-Za-z]+/g, (param) => (hostile ? rawComponent(r) || 'x' : param === ':ik' ? '260326822' : '3f0c1a52-8d4e-4c1b-9a7e-2b5d6c7e8f90'))
    .replace(/\*$/, () => (hostile ? rawComponent(r) : 'pforte.css'));
}

interface Sender {
  who: string;
  cookie: string;
  token: string | null;
  /** the portal this session belongs to; routes of others are still sent, but less often */
  prefix: string;
}

const STACK_TRACE = /\n\s+at [^\n]+:\d+:\d+|node_modules|\bError: |\bat [\w.<>$]+ \([^)]*:\d+:\d+\)/;

describe('hostile input on every route (pglite)', () => {
  let t: TestSystem;
  let app: FastifyInstance;
  const senders: Sender[] = [];

  before(async () => {
    t = await startTestSystem('pglite');
    app = t.system.app;
    const cookieOf = (c: FormClient) => c['cookieHeader']() as string;
    const fresh = new FormClient(t.baseUrl);
    await fresh.get('/arbeitgeber/registrierung');
    senders.push({ who: 'anonymous', cookie: '', token: null, prefix: '/' });
    senders.push({ who: 'fresh session', cookie: cookieOf(fresh), token: fresh.csrf(), prefix: '/' });

    const employer = (await signedInEmployer(t)).client;
    senders.push({ who: 'employer', cookie: cookieOf(employer), token: employer.csrf(), prefix: '/arbeitgeber/' });

    const provider = await activatedProvider(t);
    await provider.client.get('/partner/startseite');
    senders.push({ who: 'provider', cookie: cookieOf(provider.client), token: provider.client.csrf(), prefix: '/partner/' });

    const staff = await signedInStaff(t, 'admin');
    senders.push({ who: 'staff', cookie: cookieOf(staff), token: staff.csrf(), prefix: '/backoffice' });

    for (const role of ['employer', 'applicant'] as const) {
      const { email } = await jobmasterAccount(t.system.deps.db, { role });
      const jobmaster = new FormClient(t.baseUrl);
      await jobmaster.get('/jobmaster/login');
      await jobmaster.postForm({ email, password: JM_PASSWORD }, '/jobmaster/login');
      await jobmaster.get('/jobmaster/konto/passwort');
      senders.push({ who: `Jobmaster ${role}`, cookie: cookieOf(jobmaster), token: jobmaster.csrf(), prefix: '/jobmaster/' });
    }
  });
  after(async () => {
    await t?.close();
  });

  test(`no route answers ${INPUTS_PER_ROUTE} hostile inputs (a third for pages without parameters) with a 5xx or a stack trace`, async (ctx) => {
    const r = generator(SEED);
    const names = fieldNames();
    // HEAD routes answer like their GET; logging out would end the sessions the other inputs need
    const routes: RegisteredRoute[] = registeredRoutes(app).filter((route) => route.method !== 'HEAD');
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    const started = performance.now();
    for (const route of routes) {
      const hasParams = /[:*]/.test(route.url);
      const logout = /\/abmelden$/.test(route.url);
      const own = senders.filter((s) => s.prefix === '/' || route.url.startsWith(s.prefix) || route.url.startsWith('/api/'));
      // a page without parameters reads only its query string: a third of the inputs cover it
      const inputs = route.method === 'GET' && !hasParams ? Math.ceil(INPUTS_PER_ROUTE / 3) : INPUTS_PER_ROUTE;
      for (let i = 0; i < inputs; i++) {
        const sender = logout ? senders[r.int(2)]! : r.next() < 0.8 ? r.pick(own) : r.pick(senders);
        const channels = route.method === 'GET' ? ['query', 'path'] : ['query', 'path', 'form', 'form', 'multipart', 'json', 'other'];
        const channel = r.pick(channels);
        const hostilePath = channel === 'path' ? hasParams || r.next() < 0.3 : r.next() < 0.1;
        let url = pathFor(r, route.url, hostilePath && hasParams);
        if (channel === 'path' && !hasParams) url += r.pick(['/', '//', '/..', '/%2e%2e', `/${rawComponent(r)}`, '%00']);
        if (channel === 'query' || r.next() < 0.2) url += `?${queryString(r, names)}`;
        const headers: Record<string, string> = { 'x-forwarded-for': `10.${r.int(250)}.${r.int(250)}.${1 + r.int(250)}` };
        if (sender.cookie) headers.cookie = sender.cookie;
        if (r.next() < 0.05) headers.cookie = `pforte_session=${rawComponent(r)}; pforte_session=x`;
        if (r.next() < 0.05) headers.authorization = r.pick(['Bearer ', 'Bearer x', `Bearer ${LONG(5000)}`, 'Basic Og==', 'Bearer \u00ff']);
        let payload: string | Buffer | undefined;
        if (route.method !== 'GET') {
          if (channel === 'form' || channel === 'query' || channel === 'path') {
            headers['content-type'] = 'application/x-www-form-urlencoded';
            payload = formBodyText(r, names, sender.token);
          } else if (channel === 'multipart') {
            const body = multipartBody(r, names, sender.token);
            headers['content-type'] = body.contentType;
            payload = body.payload;
          } else if (channel === 'json') {
            headers['content-type'] = 'application/json';
            payload = jsonBody(r, names, sender.token);
          } else {
            headers['content-type'] = r.pick(CONTENT_TYPES);
            payload = r.next() < 0.5 ? formBodyText(r, names, sender.token) : Buffer.from(Array.from({ length: r.int(2048) }, () => r.int(256)));
          }
        }
        let status: number;
        let body: string;
        let type: string;
        try {
          const response = await app.inject({ method: route.method as 'GET', url, headers, ...(payload !== undefined ? { payload } : {}) });
          status = response.statusCode;
          body = response.body;
          type = String(response.headers['content-type'] ?? '');
        } catch (error) {
          status = 0;
          body = String(error);
          type = '';
        }
        sent += 1;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        // static assets are scripts and may contain such words; pages and JSON answers may not
        const trace = /html|json/.test(type) && STACK_TRACE.test(body);
        if ((status >= 500 || status === 0 || trace) && failures.length < 30) {
          failures.push(`${route.method} ${route.url} as ${sender.who} via ${channel}: ${status}${trace ? ' (stack trace)' : ''} — ${JSON.stringify({ url: url.slice(0, 300), type: headers['content-type'], payload: payload?.toString().slice(0, 300) })}`);
        }
      }
    }
    const seconds = (performance.now() - started) / 1000;
    ctx.diagnostic(`${routes.length} routes, ${sent} requests in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((x, y) => x[0] - y[0])))}`);
    assert.deepEqual(failures, []);
  });
  test('a NUL character in any one field of a form, the others filled as a person would: refused at the field, never a 5xx', async (ctx) => {
    const sendersFor = (url: string) => {
      const own = senders.filter((s) => s.prefix !== '/' && url.startsWith(s.prefix));
      return own.length ? own : [senders[1]!];
    };
    const routes = registeredRoutes(app).filter((route) => route.method !== 'HEAD' && !/\/abmelden$/.test(route.url));
    const failures: string[] = [];
    let sent = 0;
    for (const route of routes) for (const sender of sendersFor(route.url)) {
      const url = route.url.replace(/:ik\b/g, '260326822').replace(/:[A-Za-z]+/g, '3f0c1a52-8d4e-4c1b-9a7e-2b5d6c7e8f90').replace(/\*$/, 'pforte.css');
      for (const group of formFieldsOf(route.folders)) {
        for (const poisoned of group) {
          const fields: Record<string, string> = Object.fromEntries(group.map((n) => [n, n === poisoned ? `${plausible(n).slice(0, 1)}\u0000${plausible(n).slice(1)}` : plausible(n)]));
          const headers: Record<string, string> = { 'x-forwarded-for': `10.9.${sent % 250}.${1 + (Math.floor(sent / 250) % 250)}` };
          if (sender.cookie) headers.cookie = sender.cookie;
          let target = url;
          let payload: string | Buffer | undefined;
          if (route.method === 'GET') target += `?${new URLSearchParams(fields).toString()}`;
          else if (route.uploads) {
            const form = new FormData();
            if (sender.token) form.set('_csrf', sender.token);
            for (const [k, v] of Object.entries(fields)) form.set(k, v);
            const request = new Request('http://x/', { method: 'POST', body: form });
            headers['content-type'] = request.headers.get('content-type')!;
            payload = Buffer.from(await request.arrayBuffer());
          } else if (route.url.startsWith('/api/') || route.withoutCookie) {
            headers['content-type'] = 'application/json';
            payload = JSON.stringify(fields);
          } else {
            headers['content-type'] = 'application/x-www-form-urlencoded';
            payload = new URLSearchParams({ ...(sender.token ? { _csrf: sender.token } : {}), ...fields }).toString();
          }
          const response = await app.inject({ method: route.method as 'GET', url: target, headers, ...(payload !== undefined ? { payload } : {}) });
          sent += 1;
          if (response.statusCode >= 500 && failures.length < 30) failures.push(`${route.method} ${route.url} as ${sender.who}: ${response.statusCode} with NUL in ${poisoned}`);
        }
      }
    }
    ctx.diagnostic(`${routes.length} routes, ${sent} requests with one NUL each`);
    assert.deepEqual(failures, []);
  });
});
