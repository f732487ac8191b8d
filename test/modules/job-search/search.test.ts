import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testSystemFor, type TestSystem } from '../../support/system.ts';
import { databaseKinds } from '../../support/databases.ts';
import { FormClient } from '../../support/browser-client.ts';
import { newId } from '../../../src/core/ids/secrets.ts';
import { refreshSearch } from '../../../src/modules/job-search/service.ts';
import type { PostingKind, PostingStatus, JobmasterEmployerStatus } from '../../../src/core/db/values.ts';

// the test clock stands at 2026-11-23
interface Fixture {
  title: string;
  kind?: PostingKind;
  plz?: string;
  city?: string;
  description?: string;
  status?: PostingStatus;
  applyUntil?: string | null;
  employer?: 'released' | 'waiting';
  /** null: no fixed start ("nach Vereinbarung"); a first of the month is stored as the month */
  startsOn?: string | null;
}

async function seed(t: TestSystem) {
  const { db } = t.system.deps;
  const now = t.clock.now();
  const employers: Record<string, string> = {};
  for (const [key, name, status] of [
    ['released', 'Nordlicht Werften GmbH', 'released'],
    ['waiting', 'Schattenbau Unfreigegeben AG', 'waiting'],
  ] as [string, string, JobmasterEmployerStatus][]) {
    const id = newId();
    employers[key] = id;
    await db.insertInto('jobmaster_employers').values({
      id, company_name: name, betriebsnummer: '09912342', street: 'Kai', house_number: '1', postal_code: '20095', city: 'Hamburg',
      insurer_id: t.system.deps.config.insurers[0]!.id, status, created_at: now,
    }).execute();
  }
  const contactId = newId();
  await db.insertInto('jobmaster_contacts').values({
    id: contactId, employer_id: employers.released!, salutation: 'Frau', title: null, first_name: 'Greta', last_name: 'Lindqvist',
    phone: '040 123456', email: 'greta.lindqvist@nordlicht.example', is_main: true, created_at: now,
  }).execute();
  const ids: Record<string, string> = {};
  const add = async (key: string, f: Fixture, daysAgo: number) => {
    const id = newId();
    ids[key] = id;
    const startsOn = f.startsOn === undefined ? '2027-08-01' : f.startsOn;
    await db.insertInto('job_postings').values({
      id, employer_id: employers[f.employer ?? 'released']!, title: f.title, kind: f.kind ?? 'job', starts_on: startsOn, starts_month: startsOn?.endsWith('-01') ?? false,
      postal_code: f.plz ?? '20095', city: f.city ?? 'Hamburg', description: f.description ?? 'Ein Arbeitsplatz am Hafen.', requirements: '- Teamgeist\n- Pünktlichkeit',
      apply_until: f.applyUntil === undefined ? '2027-01-31' : f.applyUntil, contact_id: contactId, apply_url: 'https://nordlicht.example/bewerben', apply_email: null,
      status: f.status ?? 'active', created_at: now, updated_at: now, published_at: new Date(now.getTime() - daysAgo * 86_400_000),
    }).execute();
    await refreshSearch(db, id);
  };
  await add('titleHit', { title: 'Schiffbauer Ausbildung', kind: 'ausbildung' }, 5);
  await add('descHit', { title: 'Mechaniker in der Werkstatt', description: 'Wir reparieren Motoren für den Schiffbauer nebenan.' }, 1);
  await add('near', { title: 'Praktikum Hafenlogistik', kind: 'praktikum', plz: '22880', city: 'Wedel' }, 2);
  await add('far', { title: 'Praktikum Lagerlogistik', kind: 'praktikum', plz: '29525', city: 'Uelzen' }, 3);
  await add('xss', { title: 'Koch/Köchin', description: 'Erster Absatz <script>alert(1)</script>\n\n- Punkt eins\n- Punkt zwei' }, 4);
  await add('draft', { title: 'Verborgen Entwurf', status: 'draft' }, 1);
  await add('inactive', { title: 'Verborgen Inaktiv', status: 'inactive' }, 1);
  await add('expired', { title: 'Verborgen Abgelaufen', applyUntil: '2026-11-22' }, 1);
  await add('lastDay', { title: 'Heute Letzter Tag', applyUntil: '2026-11-23' }, 1);
  await add('unreleased', { title: 'Verborgen Unfreigegeben', employer: 'waiting' }, 1);
  await add('open', { title: 'Duales Studium Maschinenbau', kind: 'duales_studium', startsOn: null }, 6);
  await add('spring', { title: 'Kranführer im Frühjahr', startsOn: '2027-03-15' }, 7);
  return ids;
}

for (const kind of databaseKinds) {
  describe(`Jobmaster › Suche (${kind})`, () => {
    let ids: Record<string, string> = {};
    const t = testSystemFor(kind, { ready: async (s) => (ids = await seed(s)) });
    const get = async (path: string) => {
      const c = new FormClient(t.baseUrl);
      await c.get(path);
      return c;
    };
    const titles = (html: string) => [...html.matchAll(/<h3><a href="\/jobmaster\/stellen\/[^"]+">([^<]+)<\/a><\/h3>/g)].map((m) => m[1]!);

    test('Was › a title hit ranks above a description hit', async () => {
      const c = await get('/jobmaster/suche?was=Schiffbauer&sortierung=relevanz');
      assert.equal(c.lastStatus, 200);
      assert.deepEqual(titles(c.lastHtml), ['Schiffbauer Ausbildung', 'Mechaniker in der Werkstatt']);
      assert.match(c.lastHtml, /2 Stellenangebote/);
    });

    test('Was › the beginning of a word finds the compounds it begins; quotes still ask for the whole phrase', async () => {
      assert.deepEqual(titles((await get('/jobmaster/suche?was=Lager')).lastHtml), ['Praktikum Lagerlogistik']);
      assert.deepEqual(titles((await get('/jobmaster/suche?was=praktikum%20lager')).lastHtml), ['Praktikum Lagerlogistik']);
      assert.deepEqual(titles((await get('/jobmaster/suche?was=%22Lager%22')).lastHtml), []);
    });

    test('Art › the filter keeps one kind and the facets count every kind of the other filters', async () => {
      const c = await get('/jobmaster/suche?art=praktikum&umkreis=bundesweit');
      assert.deepEqual(titles(c.lastHtml).sort(), ['Praktikum Hafenlogistik', 'Praktikum Lagerlogistik']);
      assert.match(c.lastHtml, /Ausbildung \(1\)/);
      assert.match(c.lastHtml, /Praktikum \(2\)/);
      assert.match(c.lastHtml, /Duales Studium \(1\)/);
      assert.match(c.lastHtml, /Job \(4\)/);
      assert.match(c.lastHtml, /Alle Arten \(8\)/);
    });

    test('Beginn ab › a posting starting in the month or later, or without a fixed start, is found; an earlier one is not, in the list and in the counts', async () => {
      const april = await get('/jobmaster/suche?umkreis=bundesweit&beginn=2027-04');
      assert.equal(april.lastStatus, 200);
      assert.ok(titles(april.lastHtml).includes('Duales Studium Maschinenbau'));
      assert.ok(titles(april.lastHtml).includes('Schiffbauer Ausbildung'));
      assert.ok(!titles(april.lastHtml).includes('Kranführer im Frühjahr'));
      assert.equal(titles(april.lastHtml).length, 7);
      assert.match(april.lastHtml, /7 Stellenangebote/);
      assert.match(april.lastHtml, /Job \(3\)/);
      assert.match(april.lastHtml, /Duales Studium \(1\)/);
      assert.match(april.lastHtml, /Alle Arten \(7\)/);
      // a start on the 15th is in its month
      const march = await get('/jobmaster/suche?umkreis=bundesweit&art=job&beginn=2027-03');
      assert.ok(titles(march.lastHtml).includes('Kranführer im Frühjahr'));
      assert.equal(titles(march.lastHtml).length, 4);
      assert.match(march.lastHtml, /Job \(4\)/);
      assert.match(march.lastHtml, /Alle Arten \(8\)/);
      const later = await get('/jobmaster/suche?umkreis=bundesweit&beginn=2027-09');
      assert.deepEqual(titles(later.lastHtml), ['Duales Studium Maschinenbau']);
      assert.match(later.lastHtml, /1 Stellenangebot\b/);
      assert.match(later.lastHtml, /Job \(0\)/);
      assert.match(later.lastHtml, /Alle Arten \(1\)/);
      const page = await get(`/jobmaster/stellen/${ids.open}`);
      assert.match(page.lastHtml, /nach Vereinbarung/);
    });

    test('Wo and Umkreis › 25 km around 20095 finds Wedel (20 km), not Uelzen (76 km); bundesweit finds both', async () => {
      const near = await get('/jobmaster/suche?wo=20095&umkreis=25&art=praktikum');
      assert.deepEqual(titles(near.lastHtml), ['Praktikum Hafenlogistik']);
      assert.match(near.lastHtml, /\(20 km entfernt\)/);
      const all = await get('/jobmaster/suche?wo=20095&umkreis=bundesweit&art=praktikum');
      assert.deepEqual(titles(all.lastHtml).sort(), ['Praktikum Hafenlogistik', 'Praktikum Lagerlogistik']);
    });

    test('Wo › a place name is found in any case', async () => {
      const c = await get('/jobmaster/suche?wo=hamburg&umkreis=10');
      assert.equal(c.lastStatus, 200);
      assert.ok(titles(c.lastHtml).includes('Schiffbauer Ausbildung'));
      assert.ok(!titles(c.lastHtml).includes('Praktikum Hafenlogistik'));
    });

    test('Wo › an unknown PLZ is 422 with the message at the field', async () => {
      const c = await get('/jobmaster/suche?wo=00000');
      assert.equal(c.lastStatus, 422);
      assert.match(c.lastHtml, /<div class="field field--error">\s*<label for="f-wo">/);
      assert.match(c.lastHtml, /Diesen Ort oder diese Postleitzahl kennen wir nicht/);
    });

    test('hostile input › 10,000 characters, a negative radius and repeated fields are told at the field, never a 5xx', async () => {
      const long = await get(`/jobmaster/suche?was=${'a'.repeat(10_000)}`);
      assert.equal(long.lastStatus, 422);
      assert.match(long.lastHtml, /Der Suchbegriff ist zu lang/);
      const negative = await get('/jobmaster/suche?wo=20095&umkreis=-5');
      assert.equal(negative.lastStatus, 422);
      assert.match(negative.lastHtml, /Bitte wählen Sie einen Umkreis aus der Liste/);
      const repeated = await get('/jobmaster/suche?art=job&art=praktikum&seite=1&seite=2');
      assert.equal(repeated.lastStatus, 422);
      assert.match(repeated.lastHtml, /mehrfach angegeben/);
      const odd = await get('/jobmaster/suche?was=%22%20%26%20!!%20%3A*&beginn=2027-13&sortierung=x');
      assert.equal(odd.lastStatus, 422);
      const syntax = await get('/jobmaster/suche?was=%22%20%26%20!!%20%3A*%20%7C');
      assert.equal(syntax.lastStatus, 200);
    });

    test('visibility › drafts, inactive, past-deadline and unreleased employers\u2019 postings are never shown, counted or listed', async () => {
      const c = await get('/jobmaster/suche?was=Verborgen');
      assert.deepEqual(titles(c.lastHtml), []);
      assert.match(c.lastHtml, /0 Stellenangebote/);
      const all = await get('/jobmaster/suche?umkreis=bundesweit');
      assert.match(all.lastHtml, /Alle Arten \(8\)/);
      assert.match(all.lastHtml, /Heute Letzter Tag/);
      const response = await fetch(`${t.baseUrl}/jobmaster/sitemap.xml`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /application\/xml/);
      const sitemap = await response.text();
      for (const key of ['titleHit', 'near', 'far', 'lastDay']) assert.ok(sitemap.includes(ids[key]!), key);
      for (const key of ['draft', 'inactive', 'expired', 'unreleased']) assert.ok(!sitemap.includes(ids[key]!), key);
      assert.match(sitemap, /<loc>[^<]*\/jobmaster\/suche<\/loc>/);
    });

    test('Stellenangebot › the page and its JobPosting JSON-LD', async () => {
      const c = await get(`/jobmaster/stellen/${ids.titleHit}`);
      assert.equal(c.lastStatus, 200);
      assert.match(c.lastHtml, /<h1>Schiffbauer Ausbildung<\/h1>/);
      assert.match(c.lastHtml, /ab August 2027/);
      assert.match(c.lastHtml, /Greta Lindqvist/);
      assert.match(c.lastHtml, /31\.01\.2027/);
      const json = JSON.parse(c.lastHtml.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)![1]!);
      assert.equal(json['@type'], 'JobPosting');
      assert.equal(json.title, 'Schiffbauer Ausbildung');
      assert.equal(json.validThrough, '2027-01-31');
      assert.equal(json.datePosted, '2026-11-18');
      assert.equal(json.hiringOrganization.name, 'Nordlicht Werften GmbH');
      assert.deepEqual(json.jobLocation.address, { '@type': 'PostalAddress', postalCode: '20095', addressLocality: 'Hamburg', addressCountry: 'DE' });
      assert.equal(json.employmentType, 'OTHER');
    });

    test('Stellenangebot › an expired, inactive or unreleased posting is 410 without JSON-LD; an unknown id 404', async () => {
      for (const key of ['expired', 'inactive', 'unreleased', 'draft']) {
        const c = await get(`/jobmaster/stellen/${ids[key]}`);
        assert.equal(c.lastStatus, 410, key);
        assert.match(c.lastHtml, /Diese Stelle ist nicht mehr verfügbar/);
        assert.doesNotMatch(c.lastHtml, /application\/ld\+json/);
      }
      assert.equal((await get(`/jobmaster/stellen/${newId()}`)).lastStatus, 404);
      assert.equal((await get('/jobmaster/stellen/..%2f..%2fetc')).lastStatus, 404);
    });

    test('Stellenangebot › a description with <script> is shown as text, with its paragraphs and list', async () => {
      const c = await get(`/jobmaster/stellen/${ids.xss}`);
      assert.doesNotMatch(c.lastHtml, /<script>alert/);
      assert.match(c.lastHtml, /<p>Erster Absatz &lt;script>alert\(1\)&lt;\/script><\/p>/);
      assert.match(c.lastHtml, /<ul><li>Punkt eins<\/li><li>Punkt zwei<\/li><\/ul>/);
      const json = c.lastHtml.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)![1]!;
      assert.doesNotMatch(json, /<\/script/i);
      assert.match(JSON.parse(json).description, /<script>alert\(1\)<\/script>/);
    });
  });
}
