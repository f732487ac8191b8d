import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { startTestSystem, type TestSystem } from '../../support/system.ts';
import type { FormClient } from '../../support/browser-client.ts';
import { linkAfter, waitForMail } from '../../support/mailbox.ts';
import { activatedProvider, provider, invitedPartnerUser } from '../../support/partner-journeys.ts';
import { de } from '../../../src/core/i18n/de.ts';

const IBAN = 'DE02500105170137075030';
const USER_PASSWORD = 'Kollegin-Passwort-2026';

/** A POST as the page's form would send it (CSRF token of the last page). */
function post(c: FormClient, path: string, fields: Record<string, string> = {}) {
  return c.request('POST', path, new URLSearchParams({ _csrf: c.csrf(), ...fields }).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
}

function adviceJson(ik: string, adviceNumber: string, adviceDate: string, cents: number[]) {
  const items = cents.map((c, i) => ({ invoiceNumber: `R-${adviceNumber}-${i + 1}`, invoiceDate: '2026-10-01', invoicedCents: c + (i === 0 ? 5000 : 0), paidCents: c, deductionCents: i === 0 ? 5000 : 0, deductionReason: i === 0 ? 'Zuzahlung einbehalten' : null }));
  return { ik, adviceNumber, adviceDate, valueDate: adviceDate, payer: 'AOK Niedersachsen', iban: IBAN, totalCents: cents.reduce((a, b) => a + b, 0), items };
}

async function publishJson(staff: FormClient, advices: unknown[]) {
  await staff.get('/backoffice/zahlungsavise/import');
  const form = new FormData();
  form.set('_csrf', staff.csrf());
  form.append('files', new Blob([JSON.stringify(advices)]), 'avise.json');
  await staff.request('POST', '/backoffice/zahlungsavise/import', form);
}

for (const kind of databaseKinds) {
  describe(`partner portal › Zahlungsavise (${kind})`, () => {
    let t: TestSystem;
    let a: Awaited<ReturnType<typeof activatedProvider>>;
    let providerIkId: string;
    const ids: Record<string, string> = {};
    const adviceRow = (number: string) => t.system.deps.db.selectFrom('payment_advices').selectAll().where('advice_number', '=', number).executeTakeFirstOrThrow();

    before(async () => {
      t = await startTestSystem(kind);
      a = await activatedProvider(t, provider());
      providerIkId = (await t.system.deps.db.selectFrom('provider_iks').select('id').where('ik', '=', a.fields.ik).where('status', '=', 'active').executeTakeFirstOrThrow()).id;
    });
    after(async () => {
      await t?.close();
    });

    test('LE-Admin applies per IK, staff confirm; advices published are announced without content, listed, filtered, opened, downloaded, archived, deleted', async () => {
      const c = a.client;
      await c.get('/partner/startseite');
      await post(c, `/partner/ik-verwaltung/${providerIkId}/eavis/beantragen`);
      assert.match(c.lastUrl, /\/partner\/ik-verwaltung\?hinweis=eavis-beantragt$/);
      await waitForMail(t.baseUrl, a.fields.email, { subject: 'Ihr Antrag auf das elektronische Zahlungsavis ist eingegangen' });
      await c.get('/partner/startseite');
      const twice = await post(c, `/partner/ik-verwaltung/${providerIkId}/eavis/beantragen`);
      assert.equal(twice.status, 409);
      assert.ok(c.text().includes(de['eavis.already_requested']!));

      await a.staff.get('/backoffice/zahlungsavise');
      assert.match(a.staff.text(), new RegExp(`${a.fields.ik} Praxis Dr\\. med\\. Maler Montag Teilnahme beantragt`));
      await a.staff.postForm({}, `/backoffice/zahlungsavise/antraege/${providerIkId}/bestaetigen`);
      await waitForMail(t.baseUrl, a.fields.email, { subject: 'Das elektronische Zahlungsavis ist freigeschaltet' });

      await publishJson(a.staff, [adviceJson(a.fields.ik, 'ZA-1', '2026-11-20', [100000, 50000]), adviceJson(a.fields.ik, 'ZA-2', '2026-10-15', [20000])]);
      assert.match(a.staff.text(), /2 Zahlungsavise wurden veröffentlicht/);
      ids['ZA-1'] = (await adviceRow('ZA-1')).id;
      ids['ZA-2'] = (await adviceRow('ZA-2')).id;
      const mail = await waitForMail(t.baseUrl, a.fields.email, { subject: 'Neue Zahlungsavise im Portal' });
      for (const secret of ['ZA-1', 'ZA-2', '1.500', '200,00', a.fields.ik, 'DE02', 'Zuzahlung']) assert.ok(!mail.text.includes(secret), `"${secret}" must not be in the mail`);

      // the link in the mail leads to the list
      await c.get(linkAfter(mail.text, 'Zu den Zahlungsavisen:'));
      assert.equal(c.lastStatus, 200);
      assert.match(c.text(), /2 Zahlungsavise in „Neu“/);
      assert.match(c.text(), /20\.11\.2026 ZA-1 \d{9} Praxis Dr\. med\. Maler Montag 20\.11\.2026 1\.500,00 € neu/);

      // bad filter input: at the field, 422, nothing listed
      await c.get('/partner/zahlungsavise?betragVon=viel&von=31.02.2026&ik=101575519');
      assert.equal(c.lastStatus, 422);
      assert.equal(c.fieldError('betragVon'), de['eavis.amount_invalid']);
      assert.equal(c.fieldError('von'), de['eavis.date_invalid']);
      assert.equal(c.fieldError('ik'), de['eavis.filter_ik']);
      await c.get('/partner/zahlungsavise?von=01.12.2026&bis=01.11.2026');
      assert.equal(c.fieldError('bis'), de['eavis.filter_range']);
      // good filters
      await c.get(`/partner/zahlungsavise?ik=${a.fields.ik}&betragVon=1.000,00`);
      assert.match(c.text(), /1 Zahlungsavis in „Neu“/);
      assert.match(c.text(), /ZA-1/);
      assert.match(c.lastHtml, new RegExp(`<option value="${a.fields.ik}" selected`));
      await c.get('/partner/zahlungsavise?von=01.10.2026&bis=31.10.2026&betragBis=300');
      assert.match(c.text(), /1 Zahlungsavis in „Neu“/);
      assert.match(c.text(), /ZA-2/);

      // open, download
      await c.get(`/partner/zahlungsavise/${ids['ZA-1']}`);
      assert.equal(c.lastStatus, 200);
      assert.match(c.text(), /Zahlungsavis ZA-1/);
      assert.match(c.text(), /DE02 \*\*\*\* \*\*\*\* \*\*\*\* \*\*50 30/);
      assert.match(c.text(), /R-ZA-1-1 01\.10\.2026 1\.050,00 € 50,00 € Zuzahlung einbehalten 1\.000,00 €/);
      assert.match(c.text(), /Summe 1\.550,00 € 50,00 € 1\.500,00 €/);
      const pdf = await c.get(`/partner/zahlungsavise/${ids['ZA-1']}/pdf`);
      assert.equal(pdf.status, 200);
      assert.match(pdf.headers.get('content-disposition') ?? '', /^attachment; filename="Zahlungsavis_\d{9}_ZA-1\.pdf"/);
      assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
      const csv = Buffer.from(await (await c.get(`/partner/zahlungsavise/${ids['ZA-1']}/csv`)).arrayBuffer());
      assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      assert.match(csv.subarray(3).toString('utf8'), /^IK;Avisnummer;/);
      assert.match(csv.toString('utf8'), /;1050,00;1000,00;50,00;Zuzahlung einbehalten;/);
      await c.get('/partner/zahlungsavise');
      assert.match(c.text(), /ZA-1 .* abgerufen/);

      // archive and back
      await c.get(`/partner/zahlungsavise/${ids['ZA-1']}`);
      await c.postForm({}, '/archivieren');
      assert.match(c.text(), /Das Zahlungsavis wurde ins Archiv verschoben/);
      assert.doesNotMatch(c.text(), /ZA-1/);
      await c.get('/partner/zahlungsavise?box=archiv');
      assert.match(c.text(), /1 Zahlungsavis im Archiv/);
      await c.get(`/partner/zahlungsavise/${ids['ZA-1']}`);
      await c.postForm({}, '/zurueck');
      assert.match(c.text(), /Das Zahlungsavis liegt wieder unter „Neu“/);

      // delete asks first; then hidden for the provider, kept for the insurer
      await c.get(`/partner/zahlungsavise/${ids['ZA-2']}`);
      await c.get(c.lastHtml.match(/href="([^"]+\/loeschen)"/)![1]!);
      assert.match(c.text(), /Zahlungsavis löschen\?/);
      assert.equal((await adviceRow('ZA-2')).deleted_at, null, 'the question changes nothing');
      await c.postForm({}, `/partner/zahlungsavise/${ids['ZA-2']}/loeschen`);
      assert.match(c.text(), /Das Zahlungsavis wurde gelöscht/);
      assert.doesNotMatch(c.text(), /ZA-2/);
      assert.equal((await c.get(`/partner/zahlungsavise/${ids['ZA-2']}`)).status, 404);
      await a.staff.get(`/backoffice/zahlungsavise?ik=${a.fields.ik}`);
      assert.match(a.staff.text(), /ZA-2 15\.10\.2026 200,00 € vom Leistungserbringer gelöscht/);
    });

    test('another provider: the advices and IKs of the first are "not found"; nothing changes', async () => {
      const b = await activatedProvider(t, provider({ ik: '101575519' }));
      const c = b.client;
      await c.get('/partner/zahlungsavise');
      assert.equal(c.lastStatus, 200);
      assert.match(c.text(), /0 Zahlungsavise in „Neu“/);
      for (const path of [`/partner/zahlungsavise/${ids['ZA-1']}`, `/partner/zahlungsavise/${ids['ZA-1']}/pdf`, `/partner/zahlungsavise/${ids['ZA-1']}/csv`, `/partner/zahlungsavise/${ids['ZA-1']}/loeschen`]) {
        assert.equal((await c.get(path)).status, 404, path);
      }
      await c.get('/partner/startseite');
      assert.equal((await post(c, `/partner/zahlungsavise/${ids['ZA-1']}/archivieren`)).status, 404);
      await c.get('/partner/startseite');
      assert.equal((await post(c, `/partner/zahlungsavise/${ids['ZA-1']}/loeschen`)).status, 404);
      await c.get('/partner/startseite');
      assert.equal((await post(c, `/partner/ik-verwaltung/${providerIkId}/eavis/beenden`)).status, 404);
      const row = await adviceRow('ZA-1');
      assert.equal(row.archived_at, null);
      assert.equal(row.deleted_at, null);
      assert.equal((await t.system.deps.db.selectFrom('provider_iks').select('eavis').where('id', '=', providerIkId).executeTakeFirstOrThrow()).eavis, 'active');
      const denied = await t.system.deps.db.selectFrom('audit_log').select('subject').where('action', '=', 'eavis.denied').where('subject', 'in', [ids['ZA-1']!, providerIkId]).execute();
      assert.ok(denied.length >= 6, `${denied.length} denials audited`);
    });

    test('a user without the right: 403 on every page and action, nothing changes', async () => {
      const admin = a.client;
      const { client: c } = await invitedPartnerUser(t, admin, { firstName: 'Petra', lastName: 'Schmidt', password: USER_PASSWORD });

      for (const path of ['/partner/zahlungsavise', `/partner/zahlungsavise/${ids['ZA-1']}`, `/partner/zahlungsavise/${ids['ZA-1']}/pdf`]) {
        assert.equal((await c.get(path)).status, 403, path);
      }
      await c.get('/partner/startseite');
      assert.equal((await post(c, `/partner/zahlungsavise/${ids['ZA-1']}/archivieren`)).status, 403);
      await c.get('/partner/startseite');
      assert.equal((await post(c, `/partner/ik-verwaltung/${providerIkId}/eavis/beenden`)).status, 403);
      assert.equal((await adviceRow('ZA-1')).archived_at, null);
      assert.equal((await t.system.deps.db.selectFrom('provider_iks').select('eavis').where('id', '=', providerIkId).executeTakeFirstOrThrow()).eavis, 'active');
    });

    test('the LE-Admin ends the eAvis; once staff confirm, publishing to the IK is refused (422, nothing stored)', async () => {
      const c = a.client;
      await c.get('/partner/startseite');
      await post(c, `/partner/ik-verwaltung/${providerIkId}/eavis/beenden`);
      assert.match(c.lastUrl, /hinweis=eavis-beendet$/);
      await a.staff.get('/backoffice/zahlungsavise');
      assert.match(a.staff.text(), /Beendigung beantragt/);
      await a.staff.postForm({}, `/backoffice/zahlungsavise/antraege/${providerIkId}/bestaetigen`);
      await waitForMail(t.baseUrl, a.fields.email, { subject: 'Das elektronische Zahlungsavis ist beendet' });
      const count = async () => Number((await t.system.deps.db.selectFrom('payment_advices').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
      const before = await count();
      await publishJson(a.staff, [adviceJson(a.fields.ik, 'ZA-3', '2026-11-25', [1000])]);
      assert.equal(a.staff.lastStatus, 422);
      assert.ok(a.staff.text().includes(`Avis 1, IK ${de['eavis.not_active']}`));
      assert.equal(await count(), before);
      // what was published before stays available
      await c.get('/partner/zahlungsavise');
      assert.match(c.text(), /ZA-1/);
    });
  });
}
