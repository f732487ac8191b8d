import { sql } from 'kysely';
import sharp from 'sharp';
import type { PlatformDeps } from '../../core/deps.ts';
import { DAY } from '../../core/clock/clock.ts';
import { newId } from '../../core/ids/secrets.ts';
import type { PostingKind } from '../../core/db/values.ts';
import { refreshSearch } from './service.ts';
import { ensurePlzCentroids } from './plz.ts';
import { createJobmasterEmployers } from '../jobmaster-employers/service.ts';

/** Released demo employers (valid Betriebsnummern) with their main contact and their logo's colour. */
const EMPLOYERS = [
  { name: 'Hansen & Petersen Logistik GmbH', bnr: '44712036', street: 'Am Sandtorkai', no: '12', plz: '20457', city: 'Hamburg', contact: ['Frau', 'Maren', 'Hansen'], colour: '#1d4e89' },
  { name: 'Bergmann Elektrotechnik KG', bnr: '88123456', street: 'Industriestraße', no: '4', plz: '44137', city: 'Dortmund', contact: ['Herr', 'Jonas', 'Bergmann'], colour: '#b3541e' },
  { name: 'Stadtwerke Lindenau GmbH', bnr: '33567128', street: 'Lindenauer Markt', no: '1', plz: '04177', city: 'Leipzig', contact: ['Frau', 'Katrin', 'Vogel'], colour: '#0b6e4f' },
  { name: 'Südhang Pflegedienste gGmbH', bnr: '62904811', street: 'Rosenheimer Straße', no: '88', plz: '81669', city: 'München', contact: ['Frau', 'Aylin', 'Demir'], colour: '#7b2d8b' },
  { name: 'Rheinblick Software AG', bnr: '21456982', street: 'Rheinallee', no: '30', plz: '50668', city: 'Köln', contact: ['Herr', 'Lukas', 'Schneider'], colour: '#005f73' },
  { name: 'Bäckerei Krume & Sohn', bnr: '77231045', street: 'Marktplatz', no: '7', plz: '70173', city: 'Stuttgart', contact: ['Herr', 'Michael', 'Krume'], colour: '#8a5a00' },
];

const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/**
 * A demo company's mail domain, its name as letters and hyphens: "Südhang Pflegedienste gGmbH" gives
 * "suedhang-pflegedienste-ggmbh". A data directory seeded before keeps the addresses it has.
 */
export function demoDomain(name: string): string {
  const letters = name.toLowerCase().replace(/[äöüß]/g, (c) => UMLAUTS[c]!);
  return letters.replace(/[^a-z]+/g, '-').replace(/^-/, '').slice(0, 30).replace(/-$/, '');
}

/** A simple logo: the company's initials in white on a square of its colour, as a PNG. */
export async function demoLogo(name: string, colour: string): Promise<Buffer> {
  const initials = name
    .split(/\s+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .slice(0, 2)
    .map((w) => w[0])
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240"><rect width="240" height="240" rx="24" fill="${colour}"/><text x="120" y="120" dy="0.35em" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-weight="700" font-size="104" fill="#fff">${initials}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Each demo employer without a logo gets its generated one, through the same path as an upload ("Upload Firmenlogo"). */
async function seedDemoLogos(deps: Pick<PlatformDeps, 'db' | 'clock' | 'audit' | 'fileKey' | 'portals'>): Promise<void> {
  const portal = deps.portals.using('jobmaster-employers')[0];
  if (!portal) return;
  const employers = createJobmasterEmployers(deps, portal.key);
  const missing = await deps.db
    .selectFrom('jobmaster_employers')
    .select(['id', 'betriebsnummer', 'company_name'])
    .where('betriebsnummer', 'in', EMPLOYERS.map((e) => e.bnr))
    .where('logo_file_id', 'is', null)
    .execute();
  for (const row of missing) {
    // by name and Betriebsnummer together: a real employer may share a demo's Betriebsnummer, and keeps its own (lack of a) logo
    const e = EMPLOYERS.find((x) => x.bnr === row.betriebsnummer && x.name === row.company_name);
    if (!e) continue;
    // no person uploaded them: the platform did
    await employers.setLogo(row.id, { name: 'logo.png', bytes: await demoLogo(e.name, e.colour) }, 'system');
  }
}

const TITLES: Record<PostingKind, string[]> = {
  ausbildung: ['Ausbildung Kaufmann/-frau für Büromanagement', 'Ausbildung Elektroniker/-in für Betriebstechnik', 'Ausbildung Pflegefachmann/-frau', 'Ausbildung Fachkraft für Lagerlogistik', 'Ausbildung Bäcker/-in', 'Ausbildung Fachinformatiker/-in Anwendungsentwicklung'],
  praktikum: ['Praktikum im Marketing', 'Schülerpraktikum in der Pflege', 'Praktikum Softwareentwicklung', 'Praktikum im Einkauf'],
  duales_studium: ['Duales Studium Informatik (B.Sc.)', 'Duales Studium BWL – Logistik', 'Duales Studium Elektrotechnik', 'Duales Studium Pflege (B.Sc.)'],
  job: ['Sachbearbeiter/-in Personal', 'Berufskraftfahrer/-in', 'Verkäufer/-in im Bäckereifachhandel', 'Servicetechniker/-in'],
};
const KIND_ORDER: PostingKind[] = ['ausbildung', 'ausbildung', 'praktikum', 'duales_studium', 'job'];

/** A small deterministic generator: the demo looks the same on every machine. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The demo Jobmaster: six released employers and 240 active postings across Germany. Only with the
 * embedded database, and only once (the first demo employer marks it as done).
 */
export async function seedJobmasterDemo(deps: Pick<PlatformDeps, 'db' | 'clock' | 'audit' | 'fileKey' | 'portals'> & { insurerId: string }): Promise<number> {
  const { db, clock, insurerId } = deps;
  const done = await db.selectFrom('jobmaster_employers').select('id').where('betriebsnummer', '=', EMPLOYERS[0]!.bnr).executeTakeFirst();
  if (done) {
    // a data directory seeded before the demo had logos gets them now
    await seedDemoLogos(deps);
    return 0;
  }
  const now = clock.now();
  await ensurePlzCentroids(db);
  const places = await sql<{ postal_code: string; place: string }>`
    select postal_code, place from plz_centroids order by md5(postal_code) limit 240
  `.execute(db);
  if (places.rows.length === 0) return 0;
  const next = random(4);
  let count = 0;
  await db.transaction().execute(async (trx) => {
    const employers: { id: string; contactId: string; name: string }[] = [];
    for (const e of EMPLOYERS) {
      const id = newId();
      const contactId = newId();
      await trx.insertInto('jobmaster_employers').values({
        id, company_name: e.name, betriebsnummer: e.bnr, street: e.street, house_number: e.no, postal_code: e.plz, city: e.city,
        insurer_id: insurerId, status: 'released', released_at: now, created_at: now,
      }).execute();
      const [salutation, first, last] = e.contact as [string, string, string];
      const domain = demoDomain(e.name);
      await trx.insertInto('jobmaster_contacts').values({
        id: contactId, employer_id: id, salutation, title: null, first_name: first, last_name: last,
        phone: `0${300 + employers.length * 7} 123 45-${10 + employers.length}`, email: `${first.toLowerCase()}.${last.toLowerCase()}@${domain}.example`,
        is_main: true, created_at: now,
      }).execute();
      employers.push({ id, contactId, name: e.name });
    }
    for (const [i, place] of places.rows.entries()) {
      const kind = KIND_ORDER[i % KIND_ORDER.length]!;
      const titles = TITLES[kind];
      const title = titles[Math.floor(next() * titles.length)]!;
      const employer = employers[i % employers.length]!;
      const startMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1 + Math.floor(next() * 10), 1));
      const id = newId();
      await trx.insertInto('job_postings').values({
        id,
        employer_id: employer.id,
        title,
        kind,
        starts_on: isoDay(startMonth),
        starts_month: next() < 0.6,
        postal_code: place.postal_code,
        city: place.place,
        description: `${employer.name} sucht Verstärkung in ${place.place}.\n\nIhre Aufgaben:\n- Sie arbeiten im Team mit erfahrenen Kolleginnen und Kollegen\n- Sie übernehmen Schritt für Schritt eigene Aufgaben\n- Sie lernen unsere Kundinnen und Kunden kennen\n\nWir bieten eine faire Vergütung, flexible Arbeitszeiten und ein Jobticket.`,
        requirements: '- Freude an der Arbeit mit Menschen\n- Zuverlässigkeit und Teamgeist\n- Gute Deutschkenntnisse',
        apply_until: isoDay(new Date(now.getTime() + (20 + Math.floor(next() * 180)) * DAY)),
        contact_id: employer.contactId,
        apply_url: null,
        apply_email: `bewerbung@${demoDomain(employer.name)}.example`,
        status: 'active',
        created_at: now,
        updated_at: now,
        published_at: new Date(now.getTime() - Math.floor(next() * 60) * DAY),
      }).execute();
      await refreshSearch(trx, id);
      count++;
    }
  });
  await seedDemoLogos(deps);
  return count;
}
