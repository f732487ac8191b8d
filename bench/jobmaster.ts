// The Jobmaster search at 50,000 active postings (issue 13): text + PLZ radius + Art + Beginn with the
// facet counts, against the plain start page measured in the same run. This process starts the system
// and fills it; the load comes from a child process that sends sequential HTTP requests to the
// system's port and reports each request's latency.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { PostingKind } from '../src/core/db/values.ts';
import type { TestSystem } from '../test/support/system.ts';

const POSTINGS = Number(process.env.BENCH_POSTINGS ?? 50_000);
const EMPLOYERS = 600;
const BATCH = 2_000;
const N = Number(process.env.BENCH_N ?? 300);
const TARGET_MS = { postgres: 150, pglite: 400 } as const;

/** A small deterministic generator: every run inserts the same postings. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const OCCUPATIONS: Record<PostingKind, string[]> = {
  ausbildung: [
    'Kaufmann/-frau für Büromanagement', 'Elektroniker/-in für Betriebstechnik', 'Pflegefachmann/-frau', 'Fachkraft für Lagerlogistik',
    'Bäcker/-in', 'Fachinformatiker/-in Anwendungsentwicklung', 'Kfz-Mechatroniker/-in', 'Industriekaufmann/-frau', 'Koch/Köchin',
    'Medizinische/-r Fachangestellte/-r', 'Anlagenmechaniker/-in für Sanitär-, Heizungs- und Klimatechnik', 'Verkäufer/-in',
    'Tischler/-in', 'Zahnmedizinische/-r Fachangestellte/-r', 'Bankkaufmann/-frau', 'Maler/-in und Lackierer/-in',
    'Industriemechaniker/-in', 'Friseur/-in', 'Hotelfachmann/-frau', 'Steuerfachangestellte/-r',
  ],
  praktikum: ['Marketing', 'Pflege', 'Softwareentwicklung', 'Einkauf', 'Personalwesen', 'Werkstatt', 'Logistik', 'Buchhaltung', 'Küche', 'Vertrieb'],
  duales_studium: ['Informatik (B.Sc.)', 'BWL – Logistik', 'Elektrotechnik', 'Pflege (B.Sc.)', 'Maschinenbau', 'Wirtschaftsinformatik', 'Soziale Arbeit', 'Bauingenieurwesen'],
  job: ['Sachbearbeiter/-in Personal', 'Berufskraftfahrer/-in', 'Verkäufer/-in im Bäckereifachhandel', 'Servicetechniker/-in', 'Pflegehelfer/-in', 'Lagerhelfer/-in', 'Elektriker/-in', 'Bürokraft', 'Koch/Köchin', 'Kundenberater/-in'],
};
const TITLE_PREFIX: Record<PostingKind, string> = { ausbildung: 'Ausbildung', praktikum: 'Praktikum im Bereich', duales_studium: 'Duales Studium', job: '' };
const KIND_WEIGHTS: [PostingKind, number][] = [['ausbildung', 0.4], ['praktikum', 0.2], ['duales_studium', 0.15], ['job', 0.25]];
const COMPANY_WORDS = ['Hansen', 'Bergmann', 'Lindenau', 'Südhang', 'Rheinblick', 'Krume', 'Albrecht', 'Nordlicht', 'Weber', 'Sonnenhof', 'Hafenkante', 'Auental', 'Meyer', 'Schwarzwald', 'Elbtal', 'Kranich'];
const COMPANY_TRADES = ['Logistik', 'Elektrotechnik', 'Stadtwerke', 'Pflegedienste', 'Software', 'Bäckerei', 'Autohaus', 'Maschinenbau', 'Hotel', 'Bau', 'Steuerberatung', 'Praxis', 'Handel', 'Sanitär'];
const COMPANY_FORMS = ['GmbH', 'KG', 'AG', 'gGmbH', 'GmbH & Co. KG', 'e.K.'];
const TASKS = [
  'Sie arbeiten im Team mit erfahrenen Kolleginnen und Kollegen', 'Sie übernehmen Schritt für Schritt eigene Aufgaben',
  'Sie lernen unsere Kundinnen und Kunden kennen', 'Sie planen Termine und Abläufe', 'Sie beraten am Telefon und vor Ort',
  'Sie warten und reparieren Anlagen', 'Sie pflegen Daten in unseren Systemen', 'Sie bereiten Angebote und Rechnungen vor',
  'Sie betreuen Menschen im Alltag', 'Sie verpacken, lagern und versenden Waren', 'Sie entwickeln Programme und testen sie',
];
const OFFERS = ['eine faire Vergütung', 'flexible Arbeitszeiten', 'ein Jobticket', 'Übernahme nach der Ausbildung', '30 Tage Urlaub', 'ein eigenes Tablet', 'Weiterbildungen', 'ein kollegiales Team'];
const NEEDS = ['Freude an der Arbeit mit Menschen', 'Zuverlässigkeit und Teamgeist', 'Gute Deutschkenntnisse', 'Handwerkliches Geschick', 'Interesse an Technik', 'Einen Schulabschluss', 'Führerschein Klasse B', 'Sorgfalt und Geduld'];

/** The terms the load rotates over: words of the titles and descriptions, a prefix match, a phrase. */
const TERMS = ['Elektroniker', 'Pflege', 'Kaufmann', 'Logistik', 'Informatik', 'Bäcker', 'Mechatroniker', 'Koch', 'Verkäufer', 'Tischler', 'Industriemechaniker', 'Büromanagement', 'Fachinformatiker Anwendungsentwicklung', 'Hotel'];

/** Fills the system with the employers and postings, set-based in batches, then analyses. */
export async function fillJobmaster(t: TestSystem) {
  const { newId } = await import('../src/core/ids/secrets.ts');
  const { postingSearchDocument } = await import('../src/modules/job-search/service.ts');
  const { loadPlzCentroids } = await import('../src/modules/job-search/plz.ts');
  const db = t.system.deps.db;
  const now = t.clock.now();
  const next = random(13);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  // the system fills them on its first start; calling it again only counts
  await loadPlzCentroids(db);
  const places = (await sql<{ postal_code: string; place: string }>`select postal_code, place from plz_centroids order by postal_code`.execute(db)).rows;
  if (places.length === 0) throw new Error('plz_centroids is empty');

  const fill0 = performance.now();
  const employers: { id: string; name: string }[] = [];
  await db.transaction().execute(async (trx) => {
    const rows = [];
    for (let i = 0; i < EMPLOYERS; i++) {
      const place = pick(places);
      const name = `${pick(COMPANY_WORDS)} ${pick(COMPANY_TRADES)} ${COMPANY_FORMS[i % COMPANY_FORMS.length]} ${i + 1}`;
      const id = newId();
      employers.push({ id, name });
      // one in twenty is not released: its postings must not be found
      rows.push({ id, company_name: name, betriebsnummer: String(10_000_000 + i), street: 'Hauptstraße', house_number: String(1 + (i % 90)), postal_code: place.postal_code, city: place.place, insurer_id: 'by', status: i % 20 === 19 ? 'waiting' : 'released', released_at: now, created_at: now });
    }
    await sql`
      insert into jobmaster_employers (id, company_name, betriebsnummer, street, house_number, postal_code, city, insurer_id, status, released_at, created_at)
      select id, company_name, betriebsnummer, street, house_number, postal_code, city, insurer_id, status, released_at, created_at
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id text, company_name text, betriebsnummer text, street text, house_number text, postal_code text, city text, insurer_id text, status text, released_at timestamptz, created_at timestamptz)
    `.execute(trx);
  });

  for (let start = 0; start < POSTINGS; start += BATCH) {
    const rows: { id: string; [column: string]: unknown }[] = [];
    for (let i = start; i < Math.min(POSTINGS, start + BATCH); i++) {
      let r = next();
      const kindOf = KIND_WEIGHTS.find(([, w]) => (r -= w) < 0)?.[0] ?? 'job';
      const occupation = pick(OCCUPATIONS[kindOf]);
      const employer = employers[i % employers.length]!;
      const place = pick(places);
      const startsIn = 1 + Math.floor(next() * 13);
      const startsOn = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + startsIn, next() < 0.6 ? 1 : 1 + Math.floor(next() * 28)));
      const tasks = [pick(TASKS), pick(TASKS), pick(TASKS)];
      rows.push({
        id: newId(),
        employer_id: employer.id,
        title: `${TITLE_PREFIX[kindOf]} ${occupation}`.trim(),
        kind: kindOf,
        starts_on: startsOn.toISOString().slice(0, 10),
        starts_month: startsOn.getUTCDate() === 1,
        postal_code: place.postal_code,
        city: place.place,
        description: `${employer.name} sucht Verstärkung in ${place.place}: ${occupation}.\n\nIhre Aufgaben:\n${tasks.map((x) => `- ${x}`).join('\n')}\n\nWir bieten ${pick(OFFERS)}, ${pick(OFFERS)} und ${pick(OFFERS)}.`,
        requirements: `- ${pick(NEEDS)}\n- ${pick(NEEDS)}`,
        apply_until: next() < 0.15 ? null : day(10 + Math.floor(next() * 240)),
        apply_email: `bewerbung${i % employers.length}@example.de`,
        status: 'active',
        created_at: now,
        updated_at: now,
        published_at: new Date(now.getTime() - Math.floor(next() * 90 * 86_400_000)),
      });
    }
    await db.transaction().execute(async (trx) => {
      await sql`
        insert into job_postings (id, employer_id, title, kind, starts_on, starts_month, postal_code, city, description, requirements, apply_until, apply_email, status, created_at, updated_at, published_at)
        select id, employer_id, title, kind, starts_on, starts_month, postal_code, city, description, requirements, apply_until, apply_email, status, created_at, updated_at, published_at
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id text, employer_id text, title text, kind text, starts_on text, starts_month boolean, postal_code text, city text, description text, requirements text, apply_until text, apply_email text, status text, created_at timestamptz, updated_at timestamptz, published_at timestamptz)
      `.execute(trx);
      // what refreshSearch writes for one posting, here for the whole batch in one statement
      await sql`
        update job_postings p set search = ${postingSearchDocument('p', 'e')}, lat = c.lat, lon = c.lon
        from jobmaster_employers e, plz_centroids c
        where e.id = p.employer_id and c.postal_code = p.postal_code and p.id in (select x from jsonb_array_elements_text(${JSON.stringify(rows.map((row) => row.id))}::jsonb) as x)
      `.execute(trx);
    });
  }
  await sql`analyze`.execute(db);
  const fillSeconds = (performance.now() - fill0) / 1000;

  return { places, fillSeconds, next, pick };
}

export async function benchJobmaster() {
  const kind = process.env.BENCH_DB === 'postgres' ? 'postgres' : 'pglite';
  const { startTestSystem } = await import('../test/support/system.ts');
  const t = await startTestSystem(kind);
  try {
    const { places, fillSeconds, next, pick } = await fillJobmaster(t);
    const now = t.clock.now();

    // the load: PLZ where postings are, months from next month on
    const wheres = Array.from({ length: 40 }, () => pick(places).postal_code);
    const months = Array.from({ length: 6 }, (_, i) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1 + i, 1)).toISOString().slice(0, 7));
    const paths = Array.from({ length: 97 }, (_, i) => `/jobmaster/suche?${new URLSearchParams({ was: TERMS[i % TERMS.length]!, wo: wheres[i % wheres.length]!, umkreis: '50', art: 'ausbildung', beginn: months[i % months.length]! })}`);
    const child = fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, BENCH_ROLE: 'jobmaster-load' }, execArgv: ['--import', 'tsx'] });
    const report = await new Promise<Latencies>((resolve, reject) => {
      child.once('message', (m) => resolve(m as Latencies));
      child.once('error', reject);
      child.once('exit', (code) => code && reject(new Error(`load process exited with ${code}`)));
      child.send({ baseUrl: t.baseUrl, paths, n: N });
    });

    console.log(`Jobmaster search benchmark — ${kind === 'postgres' ? 'PostgreSQL 127.0.0.1:5432' : 'PGlite'}, ${POSTINGS} active postings of ${EMPLOYERS} employers (filled and analysed in ${fillSeconds.toFixed(1)} s)`);
    console.log(`load from a separate process, sequential requests, search and start page alternating, ${N} each\n`);
    const line = (name: string, xs: number[]) => console.log(`${name.padEnd(58)} n=${String(xs.length).padEnd(5)} p50 ${q(xs, 0.5).toFixed(1).padStart(6)} ms  p95 ${q(xs, 0.95).toFixed(1).padStart(6)} ms  p99 ${q(xs, 0.99).toFixed(1).padStart(6)} ms`);
    line('GET /jobmaster/ (baseline: start page)', report.start);
    line('GET /jobmaster/suche?was&wo&umkreis=50&art=ausbildung&beginn', report.search);
    const p95 = q(report.search, 0.95);
    console.log(`\nratio p95(search) / p95(start page): ${(p95 / q(report.start, 0.95)).toFixed(1)}×`);
    console.log(`search hits per page: median ${q(report.hits, 0.5)}, ${report.hits.filter((h) => h === 0).length} of ${report.hits.length} searches found nothing`);
    console.log(`target p95 ≤ ${TARGET_MS[kind]} ms: ${p95 <= TARGET_MS[kind] ? 'met' : 'MISSED'}`);
  } finally {
    await t.close();
  }
}

interface Latencies { search: number[]; start: number[]; hits: number[] }

function q(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] ?? NaN;
}

/** The child: sends the requests and reports the latencies; any status but 200 ends the run. */
async function load(job: { baseUrl: string; paths: string[]; n: number }) {
  const get = async (path: string) => {
    const t0 = performance.now();
    const res = await fetch(job.baseUrl + path);
    const body = await res.text();
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`${path}: status ${res.status}`);
    return { ms, body };
  };
  const out: Latencies = { search: [], start: [], hits: [] };
  for (let i = -10; i < job.n; i++) {
    const search = await get(job.paths[((i % job.paths.length) + job.paths.length) % job.paths.length]!);
    const start = await get('/jobmaster/');
    if (i < 0) continue; // warm-up
    out.search.push(search.ms);
    out.start.push(start.ms);
    out.hits.push((search.body.match(/\/jobmaster\/stellen\/[^"?#]+"/g) ?? []).length);
  }
  process.send!(out);
  process.disconnect();
}

if (process.env.BENCH_ROLE === 'jobmaster-load') process.once('message', (job) => void load(job as Parameters<typeof load>[0]).catch((e) => { console.error(e); process.exit(1); }));
else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await benchJobmaster();
