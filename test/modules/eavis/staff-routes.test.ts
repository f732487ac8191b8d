import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { startTestSystem, type TestSystem } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { mailsTo, waitForMail, type Mail } from '../../support/mailbox.ts';
import { signedInStaff } from '../../support/staff.ts';
import { ik, providerWithIks, type TestProvider } from '../../support/eavis-providers.ts';
import type { StaffMember } from '../../../src/core/staff/service.ts';
import { CSV_COLUMNS } from '../../../src/modules/eavis/import.ts';
import { de } from '../../../src/core/i18n/de.ts';

const IBAN = 'DE02120300000000202051';
const HEADER = CSV_COLUMNS.join(';');

/** Posts one file to the import form, as the browser does (CSRF token first). */
async function upload(c: FormClient, text: string | Uint8Array, name: string) {
  await c.get('/backoffice/zahlungsavise/import');
  const form = new FormData();
  form.set('_csrf', c.csrf());
  form.append('files', new Blob([typeof text === 'string' ? new TextEncoder().encode(text) : new Uint8Array(text)]), name);
  return c.request('POST', '/backoffice/zahlungsavise/import', form);
}

/** The publish form filled for one advice with two items (1.000,00 − 100,00 and 600,00). */
function formFields(number: string, adviceNumber: string, overrides: Record<string, string> = {}) {
  return {
    ik: number,
    adviceNumber,
    adviceDate: '20.11.2026',
    valueDate: '23.11.2026',
    payer: 'AOK Bayern',
    iban: IBAN,
    total: '1.500,00',
    rows: '5',
    p0_invoiceNumber: 'R-1001',
    p0_invoiceDate: '01.10.2026',
    p0_invoiced: '1.000,00',
    p0_deduction: '100,00',
    p0_paid: '900,00',
    p0_reason: 'Kürzung laut Prüfung',
    p0_reference: 'A-77',
    p2_invoiceNumber: 'R-1002',
    p2_invoiceDate: '02.10.2026',
    p2_invoiced: '600',
    p2_paid: '600,00',
    aktion: 'veroeffentlichen',
    ...overrides,
  };
}

const csvRow = (number: string, adviceNumber: string, item: string) => `${number};${adviceNumber};20.11.2026;23.11.2026;AOK Bayern;${IBAN};1.500,00;${item}`;
const ITEM_A = 'R-1001;01.10.2026;1.000,00;900,00;100,00;Kürzung laut Prüfung;A-77';
const ITEM_B = 'R-1002;02.10.2026;600,00;600,00;;;';

/** The mail with this subject that mentions `needle` (earlier mails may share the subject). */
async function mailMentioning(baseUrl: string, to: string, subject: string, needle: string) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    for (const m of (await mailsTo(baseUrl, to)).filter((x) => x.subject.includes(subject))) {
      const mail = (await (await fetch(`${baseUrl}/mailbox/api/messages/${m.id}`)).json()) as Mail;
      if (mail.text.includes(needle)) return mail;
    }
    if (Date.now() > deadline) throw new Error(`no mail "${subject}" mentioning ${needle} to ${to}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

for (const kind of databaseKinds) {
  describe(`back office › eAvis (${kind})`, () => {
    let t: TestSystem;
    let clerk: FormClient;
    let clerkMember: StaffMember;
    let p: TestProvider;
    const active = ik('26032682');
    const ended = ik('10157551');
    const second = ik('10494000');
    const adviceCount = async () => Number((await t.system.deps.db.selectFrom('payment_advices').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

    before(async () => {
      t = await startTestSystem(kind);
      await t.system.deps.ikRegister.import('test', new TextEncoder().encode(`IK;Name;Strasse;PLZ;Ort;Klassifikation;Landesteil\n${active};Physiotherapie am Markt;Marktplatz 1;30159;Hannover;;\n`), 'ik.csv', null);
      clerk = await signedInStaff(t, 'clerk', 'by');
      const staffRow = await t.system.deps.db.selectFrom('staff').select('id').where('insurer_id', '=', 'by').executeTakeFirstOrThrow();
      clerkMember = (await t.system.deps.staff.get(staffRow.id))!;
      p = await providerWithIks(t, [active, ended, second]);
      // "ended": applied, confirmed, ended, confirmed
      await t.system.deps.eavis.apply(p.admin, p.ids[ended]!);
      await t.system.deps.eavis.decide(clerkMember, p.ids[ended]!, true);
      await t.system.deps.eavis.end(p.admin, p.ids[ended]!);
      await t.system.deps.eavis.decide(clerkMember, p.ids[ended]!, true);
    });
    after(async () => {
      await t?.close();
    });

    test('work list "eAvis-Anträge": the provider applies, the clerk confirms or refuses; mails to the LE-Admins; another insurer cannot', async () => {
      await t.system.deps.eavis.apply(p.admin, p.ids[active]!);
      await t.system.deps.eavis.apply(p.admin, p.ids[second]!);
      await clerk.get('/backoffice/zahlungsavise');
      assert.equal(clerk.lastStatus, 200);
      assert.match(clerk.text(), /eAvis-Anträge/);
      assert.match(clerk.text(), new RegExp(`${active} Physiotherapie am Markt Teilnahme beantragt AOK Bayern`));

      // a clerk of another insurer sees nothing and cannot decide
      const other = await signedInStaff(t, 'clerk', 'he');
      await other.get('/backoffice/zahlungsavise');
      assert.match(other.text(), /Keine offenen eAvis-Anträge/);
      const foreign = await other.request('POST', `/backoffice/zahlungsavise/antraege/${p.ids[active]}/bestaetigen`, new URLSearchParams({ _csrf: other.csrf() }).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(foreign.status, 404);
      assert.equal((await t.system.deps.db.selectFrom('provider_iks').select('eavis').where('id', '=', p.ids[active]!).executeTakeFirstOrThrow()).eavis, 'requested');

      await clerk.get('/backoffice/zahlungsavise');
      await clerk.postForm({}, `/backoffice/zahlungsavise/antraege/${p.ids[active]}/bestaetigen`);
      assert.match(clerk.text(), /Der Antrag wurde bestätigt/);
      await clerk.postForm({}, `/backoffice/zahlungsavise/antraege/${p.ids[second]}/ablehnen`);
      assert.match(clerk.text(), /Der Antrag wurde abgelehnt/);
      assert.match(clerk.text(), /Keine offenen eAvis-Anträge/);
      const states = await t.system.deps.db.selectFrom('provider_iks').select(['ik', 'eavis']).where('company', '=', p.admin.company).orderBy('ik').execute();
      assert.deepEqual(Object.fromEntries(states.map((s) => [s.ik, s.eavis])), { [active]: 'active', [ended]: 'ended', [second]: 'none' });
      const confirmed = await mailMentioning(t.baseUrl, p.adminEmail, 'Das elektronische Zahlungsavis ist freigeschaltet', active);
      assert.match(confirmed.text, new RegExp(`IK ${active} \\(Physiotherapie am Markt\\)`));
      await waitForMail(t.baseUrl, p.adminEmail, { subject: 'Ihr Antrag auf das elektronische Zahlungsavis wurde abgelehnt' });

      // deciding again: nothing pending, a message, no 500
      const again = await clerk.request('POST', `/backoffice/zahlungsavise/antraege/${p.ids[active]}/bestaetigen`, new URLSearchParams({ _csrf: clerk.csrf() }).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(again.status, 409);
      assert.ok(clerk.text().includes(de['eavis.nothing_pending']!));
    });

    test('publish by form: 5 item rows, "Weitere Positionen" adds 5 keeping what was typed; errors at their fields with everything typed back', async () => {
      await clerk.get('/backoffice/zahlungsavise/veroeffentlichen');
      assert.equal(clerk.lastStatus, 200);
      assert.equal((clerk.lastHtml.match(/name="p\d+_invoiceNumber"/g) ?? []).length, 5);
      assert.match(clerk.lastHtml, /name="payer"[^>]*value="AOK Bayern"|value="AOK Bayern"[^>]*name="payer"/);
      await clerk.postForm({ ...formFields(active, 'F-1'), aktion: 'mehr' }, '/backoffice/zahlungsavise/veroeffentlichen');
      assert.equal(clerk.lastStatus, 200);
      assert.equal((clerk.lastHtml.match(/name="p\d+_invoiceNumber"/g) ?? []).length, 10);
      assert.match(clerk.lastHtml, /value="Kürzung laut Prüfung"/);
      assert.match(clerk.lastHtml, /name="rows" value="10"/);

      // sums that do not add up: refused, at the total and at the item's Zahlbetrag, nothing stored
      const before = await adviceCount();
      await clerk.postForm(formFields(active, 'F-1', { rows: '10', total: '1.400,00', p2_paid: '599,00' }), '/backoffice/zahlungsavise/veroeffentlichen');
      assert.equal(clerk.lastStatus, 422);
      assert.equal(clerk.fieldError('p2_paid'), de['eavis.item_sum_mismatch']);
      assert.equal(clerk.fieldError('total'), de['eavis.sum_mismatch']);
      assert.match(clerk.text(), /Bitte korrigieren Sie Ihre Eingaben/);
      assert.match(clerk.lastHtml, /value="1.400,00"/);
      assert.match(clerk.lastHtml, /value="A-77"/);
      assert.equal((clerk.lastHtml.match(/name="p\d+_invoiceNumber"/g) ?? []).length, 10, 'the rows stay');
      // a missing reason, a bad date, a bad amount, a bad IBAN
      await clerk.postForm(formFields(active, 'F-1', { p0_reason: '', valueDate: '31.02.2026', p2_invoiced: 'sechshundert', iban: 'DE88370400440532013000' }), '/backoffice/zahlungsavise/veroeffentlichen');
      assert.equal(clerk.lastStatus, 422);
      assert.equal(clerk.fieldError('p0_reason'), de['eavis.reason_required']);
      assert.equal(clerk.fieldError('valueDate'), de['eavis.date_invalid']);
      assert.equal(clerk.fieldError('p2_invoiced'), de['eavis.amount_invalid']);
      assert.equal(clerk.fieldError('iban'), de['iban.check_digit']);
      // an IK whose eAvis is ended, and one that was never active
      await clerk.postForm(formFields(ended, 'F-1'), '/backoffice/zahlungsavise/veroeffentlichen');
      assert.equal(clerk.lastStatus, 422);
      assert.equal(clerk.fieldError('ik'), de['eavis.not_active']);
      await clerk.postForm(formFields(second, 'F-1'), '/backoffice/zahlungsavise/veroeffentlichen');
      assert.equal(clerk.fieldError('ik'), de['eavis.not_active']);
      assert.equal(await adviceCount(), before, 'nothing published');

      await clerk.postForm(formFields(active, 'F-1'), '/backoffice/zahlungsavise/veroeffentlichen');
      assert.equal(clerk.lastStatus, 200);
      assert.match(clerk.lastUrl, /hinweis=veroeffentlicht/);
      assert.match(clerk.text(), /Das Zahlungsavis wurde veröffentlicht/);
      assert.match(clerk.text(), /F-1 20\.11\.2026 1\.500,00 € neu/);
      const mail = await waitForMail(t.baseUrl, p.userEmail, { subject: 'Neues Zahlungsavis im Portal' });
      assert.ok(!/F-1|1\.500|DE02|R-100/.test(mail.text), 'no content in the mail');

      // the same number again: a duplicate at its field
      await clerk.get('/backoffice/zahlungsavise/veroeffentlichen');
      await clerk.postForm(formFields(active, 'F-1'), '/backoffice/zahlungsavise/veroeffentlichen');
      assert.equal(clerk.lastStatus, 422);
      assert.equal(clerk.fieldError('adviceNumber'), de['eavis.duplicate']);

      // the detail page with the masked IBAN and the items; the PDF
      await clerk.get('/backoffice/zahlungsavise');
      const link = clerk.lastHtml.match(/href="(\/backoffice\/zahlungsavise\/[0-9a-f-]{36})">F-1</)![1]!;
      await clerk.get(link);
      assert.match(clerk.text(), /DE02 \*\*\*\* \*\*\*\* \*\*\*\* \*\*20 51/);
      assert.doesNotMatch(clerk.lastHtml, new RegExp(IBAN));
      assert.match(clerk.text(), /R-1001 01\.10\.2026 1\.000,00 € 100,00 € Kürzung laut Prüfung 900,00 € A-77/);
      const pdf = await clerk.get(`${link}/pdf`);
      assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
      const csv = await clerk.get(`${link}/csv`);
      const bytes = Buffer.from(await csv.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      assert.match(bytes.subarray(3).toString('utf8'), /^IK;Avisnummer/);
    });

    test('import CSV and JSON: all or nothing, errors by line or advice, 422', async () => {
      const before = await adviceCount();
      // a broken line and a sum that is off: nothing published
      await upload(clerk, [HEADER, csvRow(active, 'I-1', ITEM_A), csvRow(active, 'I-1', ITEM_B), csvRow(active, 'I-2', 'R-9;01.10.2026;10,00;9,00;;;'), `${active};I-3;kaputt`].join('\n'), 'avise.csv');
      assert.equal(clerk.lastStatus, 422);
      const text = clerk.text();
      assert.match(text, /Es wurde nichts veröffentlicht: 3 Fehler/);
      assert.ok(text.includes(`Zeile 4, Gesamtbetrag ${de['eavis.sum_mismatch']}`), text);
      assert.ok(text.includes(`Zeile 4, Zahlbetrag ${de['eavis.item_sum_mismatch']}`), text);
      assert.ok(text.includes(`Zeile 5 ${de['eavis.csv_columns']}`), text);
      assert.equal(await adviceCount(), before);

      // well-formed, but one advice goes to an ended IK: refused by line, nothing published
      await upload(clerk, [HEADER, csvRow(active, 'I-1', ITEM_A), csvRow(active, 'I-1', ITEM_B), csvRow(ended, 'I-9', ITEM_A), csvRow(ended, 'I-9', ITEM_B)].join('\r\n'), 'avise.csv');
      assert.equal(clerk.lastStatus, 422);
      assert.ok(clerk.text().includes(`Zeile 4, IK ${de['eavis.not_active']}`), clerk.text());
      assert.equal(await adviceCount(), before);

      // good CSV in Windows-1252: two advices published
      const good = [HEADER, csvRow(active, 'I-1', ITEM_A.replace('Prüfung', 'Prüfung (ärztl.)')), csvRow(active, 'I-1', ITEM_B), csvRow(active, 'I-2', 'R-3;03.10.2026;1.500,00;1.500,00;;;')].join('\r\n');
      await upload(clerk, Uint8Array.from([...good].map((ch) => ch.charCodeAt(0))), 'avise.csv');
      assert.equal(clerk.lastStatus, 200, clerk.text());
      assert.match(clerk.text(), /2 Zahlungsavise wurden veröffentlicht/);
      assert.equal(await adviceCount(), before + 2);
      const reason = await t.system.deps.db.selectFrom('payment_advice_items').select('deduction_reason').where('invoice_number', '=', 'R-1001').where('deduction_reason', 'like', '%ärztl%').executeTakeFirst();
      assert.equal(reason?.deduction_reason, 'Kürzung laut Prüfung (ärztl.)');

      // JSON: by index
      const json = [
        { ik: active, adviceNumber: 'J-1', adviceDate: '2026-11-20', valueDate: '2026-11-23', payer: 'AOK Bayern', iban: IBAN, totalCents: 1000, items: [{ invoiceNumber: 'R-1', invoiceDate: '2026-11-01', invoicedCents: 1000, paidCents: 1000 }] },
        { ik: second, adviceNumber: 'J-2', adviceDate: '2026-11-20', valueDate: '2026-11-23', payer: 'AOK Bayern', iban: IBAN, totalCents: 1000, items: [{ invoiceNumber: 'R-1', invoiceDate: '2026-11-01', invoicedCents: 1000, paidCents: 1000 }] },
      ];
      await upload(clerk, JSON.stringify(json), 'avise.json');
      assert.equal(clerk.lastStatus, 422);
      assert.ok(clerk.text().includes(`Avis 2, IK ${de['eavis.not_active']}`), clerk.text());
      await upload(clerk, JSON.stringify([{ ...json[0], totalCents: 999 }]), 'avise.json');
      assert.ok(clerk.text().includes(`Avis 1, Gesamtbetrag ${de['eavis.sum_mismatch']}`), clerk.text());
      await upload(clerk, '{"kaputt', 'avise.json');
      assert.equal(clerk.lastStatus, 422);
      assert.equal(clerk.fieldError('files')?.startsWith(de['eavis.json_malformed']!), true);
      assert.equal(await adviceCount(), before + 2);
      await upload(clerk, JSON.stringify([json[0]]), 'avise.json');
      assert.match(clerk.text(), /1 Zahlungsavis wurde veröffentlicht/);

      // no file at all
      await clerk.get('/backoffice/zahlungsavise/import');
      const empty = new FormData();
      empty.set('_csrf', clerk.csrf());
      await clerk.request('POST', '/backoffice/zahlungsavise/import', empty);
      assert.equal(clerk.lastStatus, 422);
      assert.match(clerk.fieldError('files') ?? '', /mindestens eine Datei/);
      // the format is documented on the page
      assert.ok(clerk.text().includes(HEADER));
    });

    test('the list of published advices: filter by IK (a bad IK at the field, 422); deleted ones flagged; signed out → login', async () => {
      await clerk.get(`/backoffice/zahlungsavise?ik=${active}`);
      assert.equal(clerk.lastStatus, 200);
      assert.match(clerk.text(), /\d+ Zahlungsavise/);
      await clerk.get('/backoffice/zahlungsavise?ik=12345');
      assert.equal(clerk.lastStatus, 422);
      assert.equal(clerk.fieldError('ik'), de['ik.length']);

      const row = await t.system.deps.db.selectFrom('payment_advices').select('id').where('advice_number', '=', 'F-1').executeTakeFirstOrThrow();
      await t.system.deps.eavis.delete(p.admin, row.id);
      await clerk.get(`/backoffice/zahlungsavise?ik=${active}`);
      assert.match(clerk.text(), /F-1 20\.11\.2026 1\.500,00 € vom Leistungserbringer gelöscht/);
      await clerk.get(`/backoffice/zahlungsavise/${row.id}`);
      assert.equal(clerk.lastStatus, 200);
      assert.match(clerk.text(), /in seinem Portal gelöscht/);

      const other = await signedInStaff(t, 'clerk', 'he');
      const foreign = await other.get(`/backoffice/zahlungsavise/${row.id}`);
      assert.equal(foreign.status, 404);
      const nobody = new FormClient(t.baseUrl);
      await nobody.get('/backoffice/zahlungsavise');
      assert.match(nobody.lastUrl, /\/backoffice\/login/);
    });
  });
}
