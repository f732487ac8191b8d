// Median latency of the four requests that must not tell a known address from an unknown one
// (password reset, confirmation mail again, registration, invitation), over real HTTP. The server
// runs in a child process so the measuring client does not share its event loop; known and
// unknown requests alternate, and the child clears the rate-limit windows between requests
// (outside the measured time) so the limits do not end the run.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { FormClient } from '../test/support/browser-client.ts';

interface Prepared {
  baseUrl: string;
  /** an open, unconfirmed registration: known to reset, resend and registration */
  pending: string;
  /** an administrator whose terminal app state lets the client log in (invitations) */
  admin: { email: string; password: string; state: string };
}

const N = Number(process.env.BENCH_N ?? 40);

async function serve() {
  const { startTestSystem } = await import('../test/support/system.ts');
  const { activatedEmployer, person } = await import('../test/support/journeys.ts');
  const kind = process.env.BENCH_DB === 'postgres' ? 'postgres' : 'pglite';
  const t = await startTestSystem(kind);
  const pendingFields = person({ betriebsnummer: '98094032' });
  const c = new FormClient(t.baseUrl);
  await c.get('/arbeitgeber/registrierung');
  await c.postForm(pendingFields, '/arbeitgeber/registrierung');
  const a = await activatedEmployer(t, person({ betriebsnummer: '66667777' }));
  process.on('message', async (message: string) => {
    if (message === 'reset') {
      await t.system.deps.db.deleteFrom('rate_limits').execute();
      process.send!('ok');
    } else if (message === 'stop') {
      await t.close();
      process.exit(0);
    }
  });
  process.send!({ baseUrl: t.baseUrl, pending: pendingFields.email, admin: { email: a.fields.email, password: a.fields.password, state: a.state } } satisfies Prepared);
}

function ask(child: ChildProcess, message: string): Promise<unknown> {
  return new Promise((resolve) => {
    child.once('message', resolve);
    child.send(message);
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export async function benchEnumeration() {
  const child = fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, BENCH_ROLE: 'server' }, execArgv: ['--import', 'tsx'] });
  const prepared = (await new Promise((resolve) => child.once('message', resolve))) as Prepared;
  const base = prepared.baseUrl;
  const client = () => new FormClient(base);
  try {
    const { authenticator } = await import('../test/support/journeys.ts');
    const admin = client();
    await admin.get('/arbeitgeber/login');
    await admin.postForm({ email: prepared.admin.email, password: prepared.admin.password }, '/arbeitgeber/login');
    const code = await authenticator(['code', '--server', base, '--email', prepared.admin.email, '--pin', '470815', '--state', prepared.admin.state]);
    await admin.postForm({ code: code.out[0]! }, '/sicherheitscode');
    if (!admin.lastUrl.endsWith('/startseite')) throw new Error('admin login failed');

    let serial = 0;
    const fresh = () => `bench.unbekannt.${++serial}.${Date.now()}@example.de`;
    const PW = 'Bench-Passwort-sehr-lang-1';
    const endpoints: { name: string; prepare: (c: FormClient) => Promise<void>; send: (c: FormClient, email: string) => Promise<unknown>; known: string }[] = [
      { name: 'POST passwort-vergessen', known: prepared.pending, prepare: (c) => c.get('/arbeitgeber/passwort-vergessen').then(() => {}), send: (c, email) => c.postForm({ email }, '/arbeitgeber/passwort-vergessen') },
      { name: 'POST bestaetigungsmail (resend)', known: prepared.pending, prepare: (c) => c.get('/arbeitgeber/passwort-vergessen').then(() => {}), send: (c, email) => c.request('POST', '/arbeitgeber/registrierung/bestaetigungsmail', new URLSearchParams({ _csrf: c.csrf(), email }).toString(), { 'content-type': 'application/x-www-form-urlencoded' }).then(() => {}) },
      {
        name: 'POST registrierung (Persönliche Daten)',
        known: prepared.pending,
        prepare: (c) => c.get('/arbeitgeber/registrierung').then(() => {}),
        send: (c, email) =>
          c.postForm({ insurerId: 'by', betriebsnummer: '09912342', salutation: 'Herr', title: '', firstName: 'Bench', lastName: 'Mark', email, password: PW, passwordRepeat: PW, termsAccepted: 'ja', privacyAccepted: 'ja' }, '/arbeitgeber/registrierung'),
      },
      { name: 'POST nutzer (invitation)', known: prepared.pending, prepare: () => admin.get('/arbeitgeber/nutzer').then(() => {}), send: (_c, email) => admin.postForm({ email }, '/arbeitgeber/nutzer') },
    ];

    console.log(`Enumeration benchmark — ${process.env.BENCH_DB === 'postgres' ? 'PostgreSQL' : 'PGlite'}, server in its own process, ${N} known and ${N} unknown requests each, alternating\n`);
    console.log(`${'endpoint'.padEnd(40)} ${'known'.padStart(9)} ${'unknown'.padStart(9)} ${'diff'.padStart(8)} ${'ratio'.padStart(6)}`);
    for (const e of endpoints) {
      const times = { known: [] as number[], unknown: [] as number[] };
      for (let i = -3; i < N; i++) {
        for (const which of ['known', 'unknown'] as const) {
          await ask(child, 'reset');
          const c = client();
          await e.prepare(c);
          const email = which === 'known' ? e.known : fresh();
          const t0 = performance.now();
          await e.send(c, email);
          const ms = performance.now() - t0;
          if (i >= 0) times[which].push(ms); // the first three rounds warm up
        }
      }
      const k = median(times.known);
      const u = median(times.unknown);
      console.log(`${e.name.padEnd(40)} ${`${k.toFixed(1)} ms`.padStart(9)} ${`${u.toFixed(1)} ms`.padStart(9)} ${`${(k - u).toFixed(1)} ms`.padStart(8)} ${(k / u).toFixed(2).padStart(6)}`);
    }
  } finally {
    await ask(child, 'stop').catch(() => {});
    child.kill();
  }
}

if (process.env.BENCH_ROLE === 'server') await serve();
else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await benchEnumeration();
