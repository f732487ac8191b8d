// Screenshots of the Jobmaster (manual 004): headless Chromium walks the portal against a throw-away system
// (PGlite in memory) with the steps of test/e2e/manual-004.e2e.test.ts and test/e2e/jobmaster-*.e2e.test.ts
// and saves docs/screenshots/70-…84-*.png. No other file in docs/screenshots/ is touched. Nothing is edited by hand.
//
//   npm run build && npx tsx scripts/screenshots-jobmaster.ts [--all <dir>]
//
// --all <dir> also saves every other screen the walk stops at (the confirmation, the release, …).
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { runScreenshotScript } from '../test/support/screenshots.ts';
import type { TestSystem } from '../test/support/system.ts';
import { browsers } from '../test/e2e/steps/browser.ts';
import { heading } from '../test/e2e/steps/page.ts';
import { addStaff } from '../test/e2e/steps/staff.ts';
import {
  chooseArbeitgeber, confirmRegistrationFromMail, fillAnsprechpartner, fillFirmeninformationen, loginFromReleaseMail, openReleaseMail, releaseAsClerk,
  searchByPlzAndUmkreis, signInToJobmaster, signOutOfJobmaster, submitRegistration, type EmployerRegistration,
} from '../test/e2e/steps/jobmaster.ts';
import { addContact, addMainContact, addPosting, openUnternehmensdaten, uploadCompanyLogo, type PostingFields } from '../test/e2e/steps/jobmaster-employer.ts';
import { JM_PASSWORD, jobmasterAccount } from '../test/modules/jobmaster-login/accounts.ts';
import { createJobPostings } from '../src/modules/job-postings/service.ts';
import { ensurePlzCentroids } from '../src/modules/job-search/plz.ts';
import { newId } from '../src/core/ids/secrets.ts';
import type { PostingKind } from '../src/core/db/values.ts';

type Screen =
  | 'start' | 'start-mobil' | 'suche' | 'stellenangebot' | 'registrierung' | 'arbeitgeber-fehler' | 'arbeitgeber-teil2'
  | 'fast-geschafft' | 'bestaetigungsmail' | 'bestaetigt' | 'backoffice-freigabe' | 'backoffice-arbeitgeber'
  | 'freigabemail' | 'stellenverwaltung' | 'stellenformular' | 'konto' | 'loginverlauf' | 'unternehmensdaten' | 'merkliste';

const FILES: Partial<Record<Screen, string>> = {
  start: '70-jobmaster-start.png',
  'start-mobil': '71-jobmaster-start-mobil.png',
  suche: '72-jobmaster-suche.png',
  stellenangebot: '73-jobmaster-stellenangebot.png',
  registrierung: '74-jobmaster-registrierung.png',
  'arbeitgeber-fehler': '75-jobmaster-arbeitgeber-fehler.png',
  'arbeitgeber-teil2': '76-jobmaster-arbeitgeber-teil2.png',
  bestaetigungsmail: '77-jobmaster-bestaetigungsmail.png',
  'backoffice-freigabe': '78-backoffice-jobmaster-freigabe.png',
  stellenverwaltung: '79-jobmaster-stellenverwaltung.png',
  stellenformular: '80-jobmaster-stellenformular.png',
  konto: '81-jobmaster-konto.png',
  loginverlauf: '82-jobmaster-loginverlauf.png',
  unternehmensdaten: '83-jobmaster-unternehmensdaten.png',
  merkliste: '84-jobmaster-merkliste.png',
};

// fixed people and companies, so that the pictures only change when the pages do
const EMPLOYER: EmployerRegistration = {
  company: 'Gärtnerei Grünwald', betriebsnummer: '98094032', street: 'Kasernenstraße', houseNumber: '61', postalCode: '40213', city: 'Düsseldorf',
  salutation: 'Herr', firstName: 'Gustav', lastName: 'Grünwald', phone: '0211 987654', email: 'g.gruenwald@gaertnerei-gruenwald.example',
  password: 'Stellen-Finden-2026!', question: 'Wie hieß Ihr erstes Haustier?', answer: 'Waldi',
};
const CLERK = { email: 'sabine.schmidt@aok-rheinland.example', name: 'Sabine Schmidt' };
/** A released employer of the region whose postings the search finds around Düsseldorf. */
const REGION = { name: 'Rheinblick Software AG', bnr: '21456982', street: 'Rheinallee', no: '30', plz: '40213', city: 'Düsseldorf' };
const REGION_POSTINGS: [PostingKind, string, string, string][] = [
  ['ausbildung', 'Ausbildung Fachinformatiker/-in Anwendungsentwicklung', '40213', 'Düsseldorf'],
  ['duales_studium', 'Duales Studium Informatik (B.Sc.)', '40213', 'Düsseldorf'],
  ['praktikum', 'Praktikum Softwareentwicklung', '41460', 'Neuss'],
  ['ausbildung', 'Ausbildung Kaufmann/-frau für Büromanagement', '40878', 'Ratingen'],
  ['job', 'Servicetechniker/-in', '47051', 'Duisburg'],
  ['ausbildung', 'Ausbildung Elektroniker/-in für Betriebstechnik', '45127', 'Essen'],
  ['praktikum', 'Praktikum im Marketing', '42103', 'Wuppertal'],
  ['duales_studium', 'Duales Studium BWL – Logistik', '47798', 'Krefeld'],
  ['ausbildung', 'Ausbildung Fachkraft für Lagerlogistik', '41061', 'Mönchengladbach'],
  ['job', 'Sachbearbeiter/-in Personal', '42651', 'Solingen'],
  ['praktikum', 'Praktikum im Einkauf', '51373', 'Leverkusen'],
  ['ausbildung', 'Ausbildung Kaufmann/-frau für IT-Systemmanagement', '50667', 'Köln'],
];

/** The region's employer and its dozen active postings, through the Stellenverwaltung's service. */
async function seedRegion(t: TestSystem): Promise<void> {
  const { deps } = t.system;
  const now = t.clock.now();
  await ensurePlzCentroids(deps.db);
  const employerId = newId();
  await deps.db.insertInto('jobmaster_employers').values({
    id: employerId, company_name: REGION.name, betriebsnummer: REGION.bnr, street: REGION.street, house_number: REGION.no, postal_code: REGION.plz, city: REGION.city,
    insurer_id: deps.config.JOBMASTER_INSURER, status: 'released', released_at: now, created_at: now,
  }).execute();
  const contactId = await addMainContact(t, employerId, {
    salutation: 'Herr', firstName: 'Lukas', lastName: 'Schneider', phone: '0211 123 45-10', email: 'l.schneider@rheinblick-software.example',
  });
  const postings = createJobPostings(deps, deps.portals.using('job-postings')[0]!.key);
  const employer = { accountId: 'seed', employerId, released: true };
  for (const [i, [kind, title, postalCode, city]] of REGION_POSTINGS.entries()) {
    const id = await postings.create(employer, {
      title, kind, startsOn: `2027-0${(i % 3) + 7}-01`, startsMonth: true, postalCode, city,
      description: `${REGION.name} sucht Verstärkung in ${city}.\n\nIhre Aufgaben:\n- Sie arbeiten im Team mit erfahrenen Kolleginnen und Kollegen\n- Sie übernehmen Schritt für Schritt eigene Aufgaben\n- Sie lernen unsere Kundinnen und Kunden kennen\n\nWir bieten eine faire Vergütung, flexible Arbeitszeiten und ein Jobticket.`,
      requirements: '- Freude an der Arbeit mit Menschen\n- Zuverlässigkeit und Teamgeist\n- Gute Deutschkenntnisse',
      applyUntil: `2027-0${(i % 4) + 3}-31`, contactId, applyUrl: null, applyEmail: 'bewerbung@rheinblick-software.example',
    }, null);
    await postings.setActive(employer, id, true, null);
    t.clock.advance(60_000);
  }
}

/** A company logo as a PNG: the name in white on green. */
function logo(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="360" height="120"><rect width="360" height="120" rx="12" fill="#2e7d32"/>`
    + `<circle cx="60" cy="60" r="34" fill="#a5d6a7"/><path d="M60 92 V52 M60 66 q-18 -4 -22 -22 q18 4 22 22 M60 58 q16 -4 20 -20 q-16 4 -20 20" stroke="#1b5e20" stroke-width="5" fill="none"/>`
    + `<text x="110" y="58" font-family="DejaVu Sans, sans-serif" font-size="26" font-weight="bold" fill="#fff">Gärtnerei</text>`
    + `<text x="110" y="92" font-family="DejaVu Sans, sans-serif" font-size="26" fill="#fff">Grünwald</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

async function walk(t: TestSystem, browser: Browser, onScreen: (screen: Screen, page: Page) => Promise<void>): Promise<void> {
  await seedRegion(t);
  const open = browsers(browser);
  try {
    const [desk, phone, office] = await Promise.all([open.page(), open.page({ device: 'phone' }), open.page()]);
    const base = t.baseUrl;

    // the start page, the search and a posting
    await desk.goto(`${base}/jobmaster/`);
    await onScreen('start', desk);
    await phone.goto(`${base}/jobmaster/`);
    await onScreen('start-mobil', phone);
    await searchByPlzAndUmkreis(desk, base, REGION.plz, '50 km');
    await desk.getByRole('heading', { name: /12 Stellenangebote bei/, level: 2 }).waitFor();
    // one kind of the dozen: the page stays short enough for the README, the counts per kind still show all twelve
    await desk.getByRole('link', { name: /^Ausbildung \(\d+\)$/ }).click();
    await desk.getByRole('heading', { name: /\d+ Stellenangebote? bei/, level: 2 }).waitFor();
    await onScreen('suche', desk);
    await desk.getByRole('link', { name: REGION_POSTINGS[0]![1], exact: true }).first().click();
    await heading(desk, REGION_POSTINGS[0]![1], 1);
    await onScreen('stellenangebot', desk);

    // Registrierung: the choice, part 1 with mistakes, part 2
    await chooseArbeitgeber(desk, base, () => onScreen('registrierung', desk));
    await fillFirmeninformationen(desk, { ...EMPLOYER, betriebsnummer: '98094033', postalCode: '4021' });
    await heading(desk, 'Firmeninformationen', 2);
    await onScreen('arbeitgeber-fehler', desk);
    await fillFirmeninformationen(desk, EMPLOYER);
    await fillAnsprechpartner(desk, EMPLOYER);
    await onScreen('arbeitgeber-teil2', desk);
    await submitRegistration(desk);
    await onScreen('fast-geschafft', desk);

    // the mail, its link, the release in the back office, the release mail and its login link
    await confirmRegistrationFromMail(desk, base, EMPLOYER.email, () => onScreen('bestaetigungsmail', desk));
    await onScreen('bestaetigt', desk);
    const clerk = await addStaff(t, { ...CLERK, role: 'clerk', aok: t.system.deps.config.JOBMASTER_INSURER });
    await releaseAsClerk(t, office, clerk, EMPLOYER, (screen, page) => onScreen(screen === 'worklist' ? 'backoffice-freigabe' : 'backoffice-arbeitgeber', page));
    const releaseMail = await openReleaseMail(desk, base, EMPLOYER.email);
    await onScreen('freigabemail', desk);
    const who = { email: EMPLOYER.email, password: EMPLOYER.password };
    await loginFromReleaseMail(desk, base, releaseMail, who);

    // the Stellenverwaltung: two postings, one of them active
    const add = async (p: Omit<PostingFields, 'city' | 'postalCode'>, screen?: Screen) => {
      await desk.goto(`${base}/jobmaster/stellenverwaltung`);
      await addPosting(desk, { ...p, city: EMPLOYER.city, postalCode: EMPLOYER.postalCode }, screen && (() => onScreen(screen, desk)));
    };
    const gardener = 'Ausbildung Gärtner/-in Zierpflanzenbau';
    await add({ title: gardener, kind: 'Ausbildung', start: '2027-08', applyUntil: '2027-04-30', description: 'Wir bilden aus: Zierpflanzen vom Steckling bis zum Verkauf.\n\n- Anzucht und Pflege im Gewächshaus\n- Beratung unserer Kundinnen und Kunden\n- Mitarbeit auf dem Wochenmarkt' }, 'stellenformular');
    await desk.getByRole('button', { name: `Aktivieren: ${gardener}` }).click();
    await heading(desk, 'Stellenverwaltung', 1);
    // the list is newest first: a minute apart, the order is the same on every run
    t.clock.advance(60_000);
    await add({ title: 'Praktikum im Garten- und Landschaftsbau', kind: 'Praktikum', start: '2027-03', applyUntil: '2027-02-15', description: 'Vier Wochen draußen: Pflanzen, Pflastern, Pflegen.' });
    await desk.goto(`${base}/jobmaster/stellenverwaltung`);
    await heading(desk, 'Stellenverwaltung', 1);
    await onScreen('stellenverwaltung', desk);

    // Mein Konto: "Letzter Zugriff" names the login before this one, so out, a few minutes later in again
    await signOutOfJobmaster(desk, base);
    t.clock.advance(7 * 60_000);
    await signInToJobmaster(desk, base, who);
    await desk.goto(`${base}/jobmaster/konto`);
    await heading(desk, 'Mein Konto', 1);
    await onScreen('konto', desk);
    await desk.getByRole('link', { name: 'Loginverlauf', exact: true }).click();
    await heading(desk, 'Loginverlauf', 1);
    await onScreen('loginverlauf', desk);

    // Unternehmensdaten: a logo and a second contact
    await openUnternehmensdaten(desk, base);
    await uploadCompanyLogo(desk, await logo());
    await addContact(desk, { salutation: 'Frau', firstName: 'Petra', lastName: 'Grünwald', phone: '0211 987655', email: 'p.gruenwald@gaertnerei-gruenwald.example' });
    await desk.goto(`${base}/jobmaster/unternehmen`);
    await heading(desk, 'Unternehmensdaten', 1);
    await onScreen('unternehmensdaten', desk);
    await signOutOfJobmaster(desk, base);

    // a job starter's Merkliste: three postings of the search, bookmarked from their pages
    const applicant = await jobmasterAccount(t.system.deps.db);
    await signInToJobmaster(desk, base, { email: applicant.email, password: JM_PASSWORD });
    for (const [, title] of [REGION_POSTINGS[0]!, REGION_POSTINGS[2]!, REGION_POSTINGS[4]!]) {
      await desk.goto(`${base}/jobmaster/suche?wo=${REGION.plz}&umkreis=50`);
      await desk.getByRole('link', { name: title, exact: true }).first().click();
      await heading(desk, title, 1);
      await desk.getByRole('button', { name: 'Merken', exact: true }).click();
      await desk.getByRole('link', { name: 'Zur Merkliste' }).first().waitFor();
    }
    await desk.goto(`${base}/jobmaster/merkliste`);
    await heading(desk, 'Merkliste', 1);
    await onScreen('merkliste', desk);
  } finally {
    await open.close();
  }
}

await runScreenshotScript(FILES, walk);
