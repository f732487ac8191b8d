// Measures the registration's hot paths on the embedded database over real HTTP and
// prints each against a baseline measured in the same run (the static start page).
import { startTestSystem } from '../test/support/system.ts';
import { FormClient } from '../test/support/browser-client.ts';
import { benchLogin } from './login.ts';

const DURATION_MS = Number(process.env.BENCH_MS ?? 4000);

// `npm run bench -- enumeration`: known against unknown addresses instead of the throughput run
if (process.argv.includes('enumeration')) {
  const { benchEnumeration } = await import('./enumeration.ts');
  await benchEnumeration();
  process.exit(0);
}

// `npm run bench -- jobmaster`: the Jobmaster search at 50,000 active postings against its start page
if (process.argv.includes('jobmaster')) {
  const { benchJobmaster } = await import('./jobmaster.ts');
  await benchJobmaster();
  process.exit(0);
}

// `npm run bench -- epa-documents`: an ePA record of 2,000 documents (list, sorts, filters) and "Als PDF speichern" of 50
if (process.argv.includes('epa-documents')) {
  const { benchEpaDocuments } = await import('./epa-documents.ts');
  await benchEpaDocuments();
  process.exit(0);
}

async function measure(name: string, fn: (i: number) => Promise<void>): Promise<number> {
  for (let i = 0; i < 5; i++) await fn(-i - 1); // warm-up
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < DURATION_MS) await fn(n++);
  const seconds = (performance.now() - start) / 1000;
  const rate = n / seconds;
  console.log(`${name.padEnd(44)} ${rate.toFixed(1).padStart(8)} req/s  ${((seconds * 1000) / n).toFixed(2).padStart(8)} ms/req  (n=${n})`);
  return rate;
}

const kind = process.env.BENCH_DB === 'postgres' ? 'postgres' : 'pglite';
const t = await startTestSystem(kind);
try {
  console.log(`Pforte benchmark — ${kind === 'postgres' ? 'PostgreSQL 127.0.0.1:5432' : 'PGlite'}, one process, sequential requests, ${DURATION_MS} ms each\n`);
  const anon = new FormClient(t.baseUrl);
  const baseline = await measure('GET /arbeitgeber/ (baseline: static page)', async () => {
    await anon.get('/arbeitgeber/');
  });
  const form = await measure('GET /arbeitgeber/registrierung (new flow)', async () => {
    const c = new FormClient(t.baseUrl);
    await c.get('/arbeitgeber/registrierung');
  });
  const register = await measure('POST Persönliche Daten (argon2id + mail)', async (i) => {
    const c = new FormClient(t.baseUrl);
    await c.get('/arbeitgeber/registrierung');
    const pw = 'Bench-Passwort-sehr-lang-1';
    await c.postForm(
      { insurerId: 'by', betriebsnummer: '09912342', salutation: 'Herr', title: '', firstName: 'Bench', lastName: 'Mark', email: `bench.${i}.${Date.now()}@example.de`, password: pw, passwordRepeat: pw, termsAccepted: 'ja', privacyAccepted: 'ja' },
      '/arbeitgeber/registrierung',
    );
    if (c.lastStatus !== 200) throw new Error(`status ${c.lastStatus}`);
  });
  const invalid = await measure('POST Persönliche Daten with errors (422)', async () => {
    const c = new FormClient(t.baseUrl);
    await c.get('/arbeitgeber/registrierung');
    await c.postForm({ betriebsnummer: '09912343' }, '/arbeitgeber/registrierung');
  });
  console.log('\nratio to baseline (higher = slower than the static page):');
  for (const [name, rate] of [['new flow', form], ['registration', register], ['refused form', invalid]] as const) {
    console.log(`  ${name.padEnd(14)} ${(baseline / rate).toFixed(1)}×`);
  }
  await benchLogin(t, DURATION_MS);
} finally {
  await t.close();
}
