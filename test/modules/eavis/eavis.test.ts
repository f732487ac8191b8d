import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { checkAdvice, parseAdviceFilter, parseDay, parseMoney, formatCents, EAVIS_CODES, type AdviceInput, type StoredAdvice } from '../../../src/modules/eavis/model.ts';
import { importAdvices, importCsv, importJson, CSV_COLUMNS, decodeText } from '../../../src/modules/eavis/import.ts';
import { renderAdvicePdf } from '../../../src/modules/eavis/pdf.ts';
import { adviceCsv } from '../../../src/modules/eavis/csv.ts';
import { EavisBatchError } from '../../../src/modules/eavis/service.ts';
import { announcementMail } from '../../../src/modules/eavis/mails.ts';
import { demoInsurers } from '../../../src/core/config/insurers.ts';
import type { StaffMember } from '../../../src/core/staff/service.ts';
import { AppError, type ErrorCode } from '../../../src/core/errors/app-error.ts';
import { newId } from '../../../src/core/ids/secrets.ts';
import { de } from '../../../src/core/i18n/de.ts';
import { en } from '../../../src/core/i18n/en.ts';
import { databaseKinds } from '../../support/databases.ts';
import { startTestSystem, type TestSystem } from '../../support/system.ts';
import { mailsTo, waitForMail } from '../../support/mailbox.ts';
import { ik, providerWithIks } from '../../support/eavis-providers.ts';
import { loadA4Pdf, pdfInfo, pdfText, pdfTextWith } from '../../support/pdf.ts';

const IBAN = 'DE89370400440532013000';

function advice(overrides: Partial<AdviceInput> = {}): AdviceInput {
  return {
    ik: '260326822',
    adviceNumber: 'ZA-2026/0001',
    adviceDate: '2026-11-20',
    valueDate: '2026-11-23',
    payer: 'AOK Bayern',
    iban: IBAN,
    totalCents: 150000,
    items: [
      { invoiceNumber: 'R-1001', invoiceDate: '2026-10-01', invoicedCents: 100000, paidCents: 90000, deductionCents: 10000, deductionReason: 'Kürzung laut Prüfung', reference: 'A-77' },
      { invoiceNumber: 'R-1002', invoiceDate: '2026-10-02', invoicedCents: 60000, paidCents: 60000 },
    ],
    ...overrides,
  };
}

const problems = (input: unknown) => {
  const r = checkAdvice(input);
  assert.equal(r.ok, false, 'refused');
  return (r as { problems: { field: string; code: string }[] }).problems;
};

describe('eavis › model', () => {
  test('a good advice: IBAN only masked, dates normalised, items numbered, deduction 0 by default', () => {
    const r = checkAdvice(advice({ adviceDate: '20.11.2026' }));
    assert.ok(r.ok);
    assert.equal(r.advice.ibanMasked, 'DE89 **** **** **** **30 00');
    assert.ok(!JSON.stringify(r.advice).includes(IBAN), 'the full IBAN is not kept');
    assert.equal(r.advice.adviceDate, '2026-11-20');
    assert.deepEqual(r.advice.items.map((i) => [i.position, i.deductionCents, i.deductionReason]), [[1, 10000, 'Kürzung laut Prüfung'], [2, 0, null]]);
  });

  test('sums: paid = invoiced − deduction per item, total = Σ paid', () => {
    assert.deepEqual(problems(advice({ totalCents: 150001 })), [{ field: 'totalCents', code: 'eavis.sum_mismatch' }]);
    const items = advice().items.map((i) => ({ ...i }));
    items[1]!.paidCents = 59000;
    const p = problems(advice({ items, totalCents: 149000 }));
    assert.deepEqual(p, [{ field: 'items.1.paidCents', code: 'eavis.item_sum_mismatch' }]);
  });

  test('a deduction needs its reason; amounts are non-negative integers in cents', () => {
    const items = advice().items.map((i) => ({ ...i }));
    items[0]!.deductionReason = '  ';
    assert.deepEqual(problems(advice({ items })), [{ field: 'items.0.deductionReason', code: 'eavis.reason_required' }]);
    const bad = advice().items.map((i) => ({ ...i }));
    bad[1]!.invoicedCents = -5;
    bad[1]!.paidCents = 600.5;
    const p = problems(advice({ items: bad }));
    assert.ok(p.some((x) => x.field === 'items.1.invoicedCents' && x.code === 'eavis.amount_negative'), JSON.stringify(p));
    assert.ok(p.some((x) => x.field === 'items.1.paidCents' && x.code === 'eavis.amount_invalid'), JSON.stringify(p));
    assert.deepEqual(problems(advice({ items: [] })), [{ field: 'items', code: 'eavis.items_missing' }]);
    assert.deepEqual(problems(advice({ items: Array.from({ length: 501 }, () => advice().items[1]!) })), [{ field: 'items', code: 'eavis.too_many_items' }]);
  });

  test('dates: real calendar days, value date not before the advice date, no invoice after the advice', () => {
    assert.deepEqual(problems(advice({ adviceDate: '31.02.2026' })), [{ field: 'adviceDate', code: 'eavis.date_invalid' }]);
    assert.deepEqual(problems(advice({ valueDate: '2026-11-19' })), [{ field: 'valueDate', code: 'eavis.value_before_advice' }]);
    const items = advice().items.map((i) => ({ ...i }));
    items[0]!.invoiceDate = '21.11.2026';
    assert.deepEqual(problems(advice({ items })), [{ field: 'items.0.invoiceDate', code: 'eavis.invoice_after_advice' }]);
    assert.equal(parseDay('29.02.2024'), '2024-02-29');
    assert.equal(parseDay('29.02.2023'), null);
    assert.equal(parseDay('2026-13-01'), null);
    assert.equal(parseDay('1.2.2026'), '2026-02-01');
  });

  test('IK, IBAN, advice number: each its own code, several at once', () => {
    const p = problems(advice({ ik: '260326823', iban: 'DE88370400440532013000', adviceNumber: 'ZA 2026' }));
    assert.deepEqual(p, [
      { field: 'ik', code: 'ik.check_digit' },
      { field: 'adviceNumber', code: 'eavis.advice_number_invalid' },
      { field: 'iban', code: 'iban.check_digit' },
    ]);
    // a masked IBAN cannot be checked: only the full one is accepted
    assert.deepEqual(problems(advice({ iban: 'DE89 **** **** **** **30 00' })), [{ field: 'iban', code: 'iban.characters' }]);
    assert.deepEqual(problems(advice({ adviceNumber: 'A'.repeat(36) })), [{ field: 'adviceNumber', code: 'eavis.advice_number_invalid' }]);
    assert.deepEqual(problems(null), [{ field: 'advice', code: 'eavis.not_an_advice' }]);
  });

  test('money as people type it: German and with a decimal point, into cents without rounding errors', () => {
    const cents = (s: string) => {
      const r = parseMoney(s);
      return r.ok ? r.cents : r.code;
    };
    assert.equal(cents('1.234,56'), 123456);
    assert.equal(cents('1234.56'), 123456);
    assert.equal(cents('1234,5'), 123450);
    assert.equal(cents('1.234'), 123400);
    assert.equal(cents('0,10'), 10);
    assert.equal(cents('19,99 €'), 1999);
    assert.equal(cents('1.000.000,01'), 100000001);
    assert.equal(cents('-1,00'), 'eavis.amount_negative');
    assert.equal(cents('1,2,3'), 'eavis.amount_invalid');
    assert.equal(cents('1.2345'), 'eavis.amount_invalid');
    assert.equal(cents('zehn'), 'eavis.amount_invalid');
    assert.equal(cents(''), 'field.required');
    assert.equal(cents('99999999999999'), 'eavis.amount_too_large');
    assert.equal(formatCents(123456789), '1.234.567,89');
    assert.equal(formatCents(5), '0,05');
  });

  test('the list filter: IK of the provider only, real days, from ≤ to, amounts', () => {
    const ok = parseAdviceFilter({ box: 'archiv', ik: '260326822', von: '01.11.2026', bis: '2026-11-30', betragVon: '100', betragBis: '1.000,50', seite: '2' }, ['260326822']);
    assert.deepEqual(ok.errors, {});
    assert.deepEqual(ok.filter, { box: 'archiv', ik: '260326822', from: '2026-11-01', to: '2026-11-30', minCents: 10000, maxCents: 100050, page: 2 });
    const bad = parseAdviceFilter({ ik: '106877150', von: '32.01.2026', betragVon: 'viel', betragBis: '-1' }, ['260326822']);
    assert.deepEqual(bad.errors, { ik: 'eavis.filter_ik', von: 'eavis.date_invalid', betragVon: 'eavis.amount_invalid', betragBis: 'eavis.amount_negative' });
    assert.equal(parseAdviceFilter({ von: '2026-12-01', bis: '2026-11-01' }, null).errors.bis, 'eavis.filter_range');
  });

  test('every eAvis code has a German and an English text', () => {
    for (const code of EAVIS_CODES) {
      assert.ok(de[code], `German ${code}`);
      assert.ok(en[code], `English ${code}`);
    }
  });
});

const HEADER = CSV_COLUMNS.join(';');
const row = (cells: Partial<Record<(typeof CSV_COLUMNS)[number], string>> = {}) => {
  const base = {
    IK: '260326822',
    Avisnummer: 'ZA-2026/0001',
    Avisdatum: '20.11.2026',
    Valutadatum: '23.11.2026',
    Zahler: 'AOK Bayern',
    IBAN: IBAN,
    Gesamtbetrag: '1.500,00',
    Rechnungsnummer: 'R-1001',
    Rechnungsdatum: '01.10.2026',
    Rechnungsbetrag: '1.000,00',
    Zahlbetrag: '900,00',
    Abzug: '100,00',
    Abzugsgrund: 'Kürzung laut Prüfung',
    Referenz: 'A-77',
    ...cells,
  };
  return CSV_COLUMNS.map((c) => base[c]).join(';');
};
const second = { Rechnungsnummer: 'R-1002', Rechnungsdatum: '2026-10-02', Rechnungsbetrag: '600,00', Zahlbetrag: '600', Abzug: '', Abzugsgrund: '', Referenz: '' };
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('eavis › import', () => {
  test('CSV: one line per item, advice columns repeated; two advices; BOM and CRLF', () => {
    const text = `\ufeff${HEADER}\r\n${row()}\r\n${row(second)}\r\n${row({ IK: '106877150', Avisnummer: 'ZA-2', Gesamtbetrag: '10,00', Rechnungsbetrag: '10,00', Zahlbetrag: '10,00', Abzug: '0', Abzugsgrund: '' })}\r\n\r\n`;
    const r = importCsv(utf8(text));
    assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
    assert.equal(r.advices.length, 2);
    assert.deepEqual(r.origins, [2, 4]);
    const first = checkAdvice(r.advices[0]);
    assert.ok(first.ok);
    assert.equal(first.advice.totalCents, 150000);
    assert.deepEqual(first.advice.items.map((i) => [i.invoiceNumber, i.paidCents, i.deductionCents, i.reference]), [['R-1001', 90000, 10000, 'A-77'], ['R-1002', 60000, 0, null]]);
  });

  test('CSV: a broken line, wrong sums and a missing reason are reported by line and column; nothing comes through', () => {
    const text = [
      HEADER,
      row(),
      row({ ...second, Zahlbetrag: '599,00' }), // item sum off
      row({ Avisnummer: 'ZA-3', Gesamtbetrag: '1,00', Abzugsgrund: '' }), // total off, reason missing
      '260326822;ZA-4;zu wenig Spalten',
      row({ Avisnummer: 'ZA-5', Rechnungsbetrag: 'eintausend' }),
      row({ ...second, Zahler: 'AOK Hessen' }), // differs from the first line of ZA-2026/0001
    ].join('\n');
    const r = importCsv(utf8(text));
    assert.equal(r.ok, false);
    const got = (r as { problems: { line?: number; field: string; code: string }[] }).problems.map((p) => `${p.line}:${p.field}:${p.code}`);
    assert.deepEqual(got, [
      '2:Gesamtbetrag:eavis.sum_mismatch',
      '3:Zahlbetrag:eavis.item_sum_mismatch',
      '4:Abzugsgrund:eavis.reason_required',
      '4:Gesamtbetrag:eavis.sum_mismatch',
      '5:datei:eavis.csv_columns',
      '6:Rechnungsbetrag:eavis.amount_invalid',
      '7:advice:eavis.csv_inconsistent',
    ]);
  });

  test('CSV: Windows-1252 (umlauts, €, „quotes“) is read as such; a wrong header is named', () => {
    const text = `${HEADER}\n${row({ Zahler: 'AOK Baden-Württemberg', Abzugsgrund: 'Zuzahlung „Heilmittel“ 10 €', Zahlbetrag: '900,00' })}\n${row({ ...second, Zahler: 'AOK Baden-Württemberg' })}\n`;
    // encode as Windows-1252 by hand: Latin-1 plus „ “ €
    const map: Record<string, number> = { '„': 0x84, '“': 0x93, '€': 0x80 };
    const bytes = Uint8Array.from([...text].map((ch) => map[ch] ?? ch.charCodeAt(0)));
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    assert.equal(decodeText(bytes), text);
    const r = importCsv(bytes);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
    assert.equal(r.advices[0]!.payer, 'AOK Baden-Württemberg');
    assert.equal(r.advices[0]!.items[0]!.deductionReason, 'Zuzahlung „Heilmittel“ 10 €');

    const wrong = importCsv(utf8(`IK;Avisnummer;Betrag\n${row()}`));
    assert.equal(wrong.ok, false);
    assert.deepEqual((wrong as { problems: { code: string; line?: number }[] }).problems.map((p) => [p.line, p.code]), [[1, 'eavis.csv_header']]);
    const quotes = importCsv(utf8(`${HEADER}\n${row({ Zahler: '"AOK' })}`));
    assert.equal((quotes as { problems: { code: string }[] }).problems[0]!.code, 'eavis.csv_malformed');
    assert.equal((importCsv(utf8(`${HEADER}\n`)) as { problems: { code: string }[] }).problems[0]!.code, 'eavis.file_empty');
  });

  test('JSON: an array of advices in cents; problems by index; not JSON / not an array', () => {
    const good = importJson(utf8(JSON.stringify([advice(), advice({ adviceNumber: 'ZA-2' })])));
    assert.ok(good.ok);
    assert.equal(good.source, 'json');
    assert.deepEqual(good.origins, [0, 1]);
    const bad = importJson(utf8(JSON.stringify([advice(), advice({ adviceNumber: 'ZA-2', totalCents: 1 }), 'kein Avis'])));
    assert.equal(bad.ok, false);
    assert.deepEqual((bad as { problems: { index?: number; field: string; code: string }[] }).problems.map((p) => [p.index, p.field, p.code]), [
      [1, 'totalCents', 'eavis.sum_mismatch'],
      [2, 'advice', 'eavis.not_an_advice'],
    ]);
    assert.equal((importJson(utf8('{"ik":')) as { problems: { code: string }[] }).problems[0]!.code, 'eavis.json_malformed');
    assert.equal((importJson(utf8(JSON.stringify(advice()))) as { problems: { code: string }[] }).problems[0]!.code, 'eavis.json_not_array');
    assert.equal(importAdvices({ name: 'avise.json', bytes: utf8(JSON.stringify([advice()])) }).ok, true);
    assert.equal(importAdvices({ name: 'avise.csv', bytes: utf8(`${HEADER}\n${row()}\n${row(second)}`) }).ok, true);
    assert.equal((importAdvices({ name: 'avise.xlsx', bytes: utf8('PK') }) as { problems: { code: string }[] }).problems[0]!.code, 'eavis.file_type');
  });
});



function stored(items: number): StoredAdvice {
  const list = Array.from({ length: items }, (_, i) => ({
    position: i + 1,
    invoiceNumber: `RE-2026-${1000 + i}`,
    invoiceDate: '2026-10-01',
    invoicedCents: 12345,
    paidCents: i % 4 === 0 ? 11345 : 12345,
    deductionCents: i % 4 === 0 ? 1000 : 0,
    deductionReason: i % 4 === 0 ? 'Zuzahlung nicht abgezogen' : null,
    reference: i % 2 ? `A-${i}` : null,
  }));
  return {
    id: newId(),
    ik: '260326822',
    insurerId: 'by',
    adviceNumber: 'ZA-2026/0001',
    adviceDate: '2026-11-20',
    valueDate: '2026-11-23',
    payer: 'AOK Bayern',
    ibanMasked: 'DE89 **** **** **** **30 00',
    totalCents: list.reduce((n, i) => n + i.paidCents, 0),
    source: 'form',
    publishedAt: new Date('2026-11-23T09:00:00Z'),
    openedAt: null,
    archivedAt: null,
    deletedAt: null,
    institution: 'Physiotherapie Müller & Söhne',
    items: list,
  };
}

describe('eavis › documents', () => {
  test('PDF: A4, header with insurer, payee IK and institution, masked IBAN, items with reasons, totals, page numbers', async (t) => {
    const one = await renderAdvicePdf({ advice: stored(3), insurer: demoInsurers.find((i) => i.id === 'by'), portalName: 'Mein AOK Gesundheitspartnerservice', createdAt: new Date('2026-11-24T08:00:00Z') });
    assert.equal(pdfInfo(await loadA4Pdf(one, 1)).title, 'Zahlungsavis ZA-2026/0001 – IK 260326822');
    const many = await renderAdvicePdf({ advice: stored(120), insurer: demoInsurers.find((i) => i.id === 'by'), portalName: 'Mein AOK Gesundheitspartnerservice', createdAt: new Date('2026-11-24T08:00:00Z') });
    const pages = (await PDFDocument.load(many)).getPageCount();
    assert.ok(pages >= 3, `${pages} pages for 120 items`);
    const text = pdfTextWith(t, one, [
      'AOK Bayern',
      'Carl-Wery-Straße 28',
      'Zahlungsavis ZA-2026/0001',
      '20.11.2026',
      '23.11.2026',
      '260326822 – Physiotherapie Müller & Söhne',
      'DE89 **** **** **** **30 00',
      '360,35 €',
      'RE-2026-1000',
      'Abzugsgrund: Zuzahlung nicht abgezogen',
      'Seite 1 von 1',
    ]);
    if (text === undefined) return;
    // the totals row (pdftotext reads the label after the amounts)
    assert.match(text, /370,35 10,00 360,35 Summe/);
    assert.match(text, /Überwiesener Gesamtbetrag: 360,35 €/);
    const long = pdfText(many);
    assert.ok(long.includes(`Seite ${pages} von ${pages}`), 'last page label');
    assert.ok(long.includes('RE-2026-1119'), 'last item is there');
    assert.ok(long.includes('Positionen (Fortsetzung)'));
  });

  test('CSV export: BOM, ";", German decimal comma, the import columns, masked IBAN, formulas made inert', () => {
    const a = stored(2);
    a.items[1]!.reference = '=HYPERLINK("x")';
    const csv = adviceCsv(a);
    assert.ok(csv.startsWith('\ufeff'));
    const lines = csv.slice(1).trimEnd().split('\r\n');
    assert.equal(lines[0], HEADER);
    assert.equal(lines.length, 3);
    assert.equal(lines[1], '260326822;ZA-2026/0001;20.11.2026;23.11.2026;AOK Bayern;DE89 **** **** **** **30 00;236,90;RE-2026-1000;01.10.2026;123,45;113,45;10,00;Zuzahlung nicht abgezogen;');
    assert.match(lines[2]!, /;"'=HYPERLINK\(""x""\)"$/);
  });
});

// ---------------------------------------------------------------------------- the service on the database

for (const kind of databaseKinds) {
  describe(`eavis › service (${kind})`, () => {
    let t: TestSystem;
    let clerk: StaffMember;
    let otherClerk: StaffMember;
    let serial = 0;

    async function staffMember(role: 'admin' | 'clerk', insurerId?: string): Promise<StaffMember> {
      const added = await t.system.deps.staff.add({ email: `${role}.${insurerId ?? 'alle'}.${++serial}.${Date.now()}@kasse.example`, password: 'Backoffice-Passwort-2026', role, insurerId: insurerId ?? null }, 'test');
      return (await t.system.deps.staff.get(added.id))!;
    }

    const provider = (iks: string[], insurerId = 'by') => providerWithIks(t, iks, insurerId);

    /** An IK with an active eAvis, through apply → staff confirm. */
    async function activate(p: Awaited<ReturnType<typeof provider>>, number: string) {
      await t.system.deps.eavis.apply(p.admin, p.ids[number]!);
      assert.equal(await t.system.deps.eavis.decide(clerk, p.ids[number]!, true), 'active');
    }

    const count = async (table: 'payment_advices' | 'payment_advice_items') => Number((await t.system.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

    async function refused(promise: Promise<unknown>, code: ErrorCode, status?: number) {
      await assert.rejects(promise, (error: unknown) => {
        assert.ok(error instanceof AppError, String(error));
        const codes = error instanceof EavisBatchError ? error.problems.map((p) => p.code) : [error.code];
        assert.ok(codes.includes(code), `${code} in ${codes.join(', ')}`);
        if (status) assert.equal(error.status, status);
        return true;
      });
    }

    before(async () => {
      t = await startTestSystem(kind);
      clerk = await staffMember('clerk', 'by');
      otherClerk = await staffMember('clerk', 'he');
      await t.system.deps.ikRegister.import('test', new TextEncoder().encode(`IK;Name;Strasse;PLZ;Ort;Klassifikation;Landesteil\n${ik('26032682')};Physiotherapie am Markt;Marktplatz 1;30159;Hannover;;\n`), 'ik.csv', null);
    });
    after(async () => {
      await t?.close();
    });

    test('application: apply → mail received → staff confirm → active → mail confirmed; end → ended', async () => {
      const number = ik('26032682');
      const p = await provider([number]);
      const { eavis } = t.system.deps;
      await eavis.apply(p.admin, p.ids[number]!);
      await refused(eavis.apply(p.admin, p.ids[number]!), 'eavis.already_requested', 409);
      const pending = await eavis.pending(clerk);
      const mine = pending.find((r) => r.id === p.ids[number]);
      assert.ok(mine);
      assert.equal(mine.eavis, 'requested');
      assert.equal(mine.institution, 'Physiotherapie am Markt');
      assert.equal((await eavis.pending(otherClerk)).some((r) => r.id === p.ids[number]), false, 'another insurer does not see it');
      const received = await waitForMail(t.baseUrl, p.adminEmail, { subject: 'Ihr Antrag auf das elektronische Zahlungsavis ist eingegangen' });
      assert.match(received.text, new RegExp(number));
      assert.match(received.text, /Mit freundlichen Grüßen\nIhre AOK Bayern - Die Gesundheitskasse/);
      assert.match(received.text, /\/partner\/ik-verwaltung/);

      // a clerk of another insurer: not found, nothing changed
      await refused(eavis.decide(otherClerk, p.ids[number]!, true), 'request.not_found', 404);
      assert.equal(await eavis.decide(clerk, p.ids[number]!, true), 'active');
      await refused(eavis.decide(clerk, p.ids[number]!, true), 'eavis.nothing_pending', 409);
      await waitForMail(t.baseUrl, p.adminEmail, { subject: 'Das elektronische Zahlungsavis ist freigeschaltet' });
      assert.equal((await mailsTo(t.baseUrl, p.userEmail)).filter((m) => m.subject.includes('Zahlungsavis')).length, 0, 'applications go to LE-Admins only');

      await refused(eavis.apply(p.admin, p.ids[number]!), 'eavis.already_active', 409);
      await eavis.end(p.admin, number); // by the IK itself works too
      await waitForMail(t.baseUrl, p.adminEmail, { subject: 'Ihr Antrag auf Beendigung des elektronischen Zahlungsavises ist eingegangen' });
      assert.equal(await eavis.decide(clerk, p.ids[number]!, false), 'active', 'refusing an end keeps it active');
      await waitForMail(t.baseUrl, p.adminEmail, { subject: 'Ihr Antrag auf Beendigung des elektronischen Zahlungsavises wurde abgelehnt' });
      await eavis.end(p.admin, p.ids[number]!);
      assert.equal(await eavis.decide(clerk, p.ids[number]!, true), 'ended');
      await refused(eavis.end(p.admin, p.ids[number]!), 'eavis.not_endable', 409);
      const audit = await t.system.deps.db.selectFrom('audit_log').select('action').where('subject', '=', p.ids[number]!).orderBy('id').execute();
      assert.deepEqual(audit.map((a) => a.action), ['eavis.applied', 'eavis.denied', 'eavis.confirmed', 'eavis.end_requested', 'eavis.refused', 'eavis.end_requested', 'eavis.confirmed']);
    });

    test('application: a user is no LE-Admin; another provider\'s IK is not found (audited); nothing changes', async () => {
      const a = await provider([ik('10157551')]);
      const b = await provider([ik('10494000')]);
      const { eavis, db } = t.system.deps;
      await refused(eavis.apply(a.user, a.ids[ik('10157551')]!), 'eavis.admin_only', 403);
      await refused(eavis.apply(a.admin, b.ids[ik('10494000')]!), 'request.not_found', 404);
      await refused(eavis.apply(a.admin, ik('10494000')), 'request.not_found', 404);
      const rows = await db.selectFrom('provider_iks').select('eavis').where('id', 'in', [a.ids[ik('10157551')]!, b.ids[ik('10494000')]!]).execute();
      assert.deepEqual(rows.map((r) => r.eavis), ['none', 'none']);
      const denied = await db.selectFrom('audit_log').select(['actor', 'outcome']).where('action', '=', 'eavis.denied').where('subject', '=', b.ids[ik('10494000')]!).execute();
      assert.deepEqual(denied, [{ actor: `account:${a.admin.accountId}`, outcome: 'denied' }]);
    });

    test('publish: an IK whose eAvis is ended or was never active is refused; nothing stored', async () => {
      const ended = ik('10541357');
      const never = ik('10687715');
      const p = await provider([ended, never]);
      await activate(p, ended);
      await t.system.deps.eavis.end(p.admin, p.ids[ended]!);
      await t.system.deps.eavis.decide(clerk, p.ids[ended]!, true);
      const before = [await count('payment_advices'), await count('payment_advice_items')];
      await refused(t.system.deps.eavis.publish(clerk, [advice({ ik: ended })], 'form'), 'eavis.not_active', 422);
      await refused(t.system.deps.eavis.publish(clerk, [advice({ ik: never })], 'json'), 'eavis.not_active', 422);
      // an IK nobody manages
      await refused(t.system.deps.eavis.publish(clerk, [advice({ ik: ik('10234399') })], 'csv'), 'eavis.not_active');
      assert.deepEqual([await count('payment_advices'), await count('payment_advice_items')], before);
      const refusedAudit = await t.system.deps.db.selectFrom('audit_log').select('outcome').where('action', '=', 'eavis.publish_refused').execute();
      assert.ok(refusedAudit.length >= 3);
    });

    test('publish: sums that do not add up refuse the whole batch; a clerk only for their insurer; duplicates refused', async () => {
      const number = ik('10831040');
      const p = await provider([number]);
      await activate(p, number);
      const before = await count('payment_advices');
      try {
        await t.system.deps.eavis.publish(clerk, [advice({ ik: number, adviceNumber: 'OK-1' }), advice({ ik: number, adviceNumber: 'OK-2', totalCents: 150100 })], 'json');
        assert.fail('refused');
      } catch (error) {
        assert.ok(error instanceof EavisBatchError);
        assert.deepEqual(error.problems, [{ index: 1, field: 'totalCents', code: 'eavis.sum_mismatch' }]);
      }
      assert.equal(await count('payment_advices'), before, 'not even the good one');
      await refused(t.system.deps.eavis.publish(otherClerk, [advice({ ik: number })], 'form'), 'eavis.other_insurer');
      await refused(t.system.deps.eavis.publish(clerk, [advice({ ik: number, adviceNumber: 'D-1' }), advice({ ik: number, adviceNumber: 'D-1' })], 'json'), 'eavis.duplicate');
      await t.system.deps.eavis.publish(clerk, [advice({ ik: number, adviceNumber: 'D-1' })], 'form');
      await refused(t.system.deps.eavis.publish(clerk, [advice({ ik: number, adviceNumber: 'D-1' })], 'form'), 'eavis.duplicate');
      assert.equal(await count('payment_advices'), before + 1);
    });

    test('publish → announcement without content to LE-Admins and users with the right; list, open, filter, archive, download', async () => {
      const number = ik('12345678');
      const second = ik('16000000');
      const p = await provider([number, second]);
      await activate(p, number);
      await activate(p, second);
      const { eavis } = t.system.deps;
      const published = await eavis.publish(clerk, [advice({ ik: number, adviceNumber: 'ZA-77/1' }), advice({ ik: second, adviceNumber: 'ZA-77/2', totalCents: 60000, items: [advice().items[1]!] })], 'json');
      assert.equal(published.ids.length, 2);
      assert.equal(published.mails, 2, 'one mail per recipient, not per advice');
      for (const to of [p.adminEmail, p.userEmail]) {
        const mail = await waitForMail(t.baseUrl, to, { subject: 'Neue Zahlungsavise im Portal' });
        for (const secret of ['ZA-77', '1.500,00', '1500', '600,00', number, second, 'DE89', 'R-1001', 'Kürzung']) {
          assert.ok(!mail.text.includes(secret) && !(mail.html ?? '').includes(secret), `"${secret}" must not be in the mail`);
        }
        assert.match(mail.text, /Zu den Zahlungsavisen: http:\/\/\S+\/partner\/zahlungsavise/);
      }
      assert.equal((await mailsTo(t.baseUrl, p.plainEmail)).filter((m) => m.subject.includes('Zahlungsavis')).length, 0, 'no mail to a user without the right');

      const list = await eavis.list(p.user, { box: 'neu', page: 1 });
      assert.equal(list.total, 2);
      assert.ok(list.rows.every((r) => r.unread));
      assert.deepEqual((await eavis.list(p.admin, { box: 'neu', ik: second, page: 1 })).rows.map((r) => r.advice_number), ['ZA-77/2']);
      assert.deepEqual((await eavis.list(p.admin, { box: 'neu', minCents: 100000, page: 1 })).rows.map((r) => r.advice_number), ['ZA-77/1']);
      assert.equal((await eavis.list(p.admin, { box: 'neu', from: '2026-11-21', page: 1 })).total, 0);
      assert.equal((await eavis.list(p.admin, { box: 'neu', from: '2026-11-20', to: '2026-11-20', maxCents: 60000, page: 1 })).total, 1);
      await refused(eavis.list(p.plain, { box: 'neu', page: 1 }), 'eavis.no_right', 403);
      await refused(eavis.get(p.plain, published.ids[0]!), 'eavis.no_right', 403);

      const opened = await eavis.get(p.user, published.ids[0]!);
      assert.equal(opened.totalCents, 150000);
      assert.equal(opened.ibanMasked, 'DE89 **** **** **** **30 00');
      assert.deepEqual(opened.items.map((i) => i.deductionReason), ['Kürzung laut Prüfung', null]);
      assert.equal((await eavis.list(p.admin, { box: 'neu', page: 1 })).rows.find((r) => r.id === published.ids[0])!.unread, false);

      const pdf = await eavis.download(p.admin, published.ids[0]!, 'pdf');
      assert.equal(pdf.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.match(pdf.name, /^Zahlungsavis_\d{9}_ZA-77-1\.pdf$/);
      const csv = await eavis.download(p.admin, published.ids[0]!, 'csv');
      assert.ok(csv.bytes.toString('utf8').startsWith(`\ufeff${HEADER}`));

      await eavis.archive(p.user, published.ids[0]!);
      assert.deepEqual((await eavis.list(p.admin, { box: 'neu', page: 1 })).rows.map((r) => r.advice_number), ['ZA-77/2']);
      assert.deepEqual((await eavis.list(p.admin, { box: 'archiv', page: 1 })).rows.map((r) => r.advice_number), ['ZA-77/1']);
      await eavis.unarchive(p.admin, published.ids[0]!);
      assert.equal((await eavis.list(p.admin, { box: 'neu', page: 1 })).total, 2);
    });

    test('an IK that moves to another provider does not take its earlier advices along', async () => {
      const moving = ik('16000020');
      const keep = ik('16000030');
      const a = await provider([moving, keep]);
      await activate(a, moving);
      const { eavis, providerIks } = t.system.deps;
      const published = await eavis.publish(clerk, [advice({ ik: moving, adviceNumber: 'ZA-MOVE/1' })], 'json');
      assert.equal((await eavis.list(a.admin, { box: 'neu', page: 1 })).total, 1);
      // A gives the IK up in IK-Verwaltung; later B manages it
      await providerIks.remove({ accountId: a.admin.accountId, company: a.admin.company }, a.ids[moving]!, null);
      t.clock.advance(60_000);
      const b = await provider([moving]);
      assert.equal((await eavis.list(b.admin, { box: 'neu', page: 1 })).total, 0);
      await refused(eavis.get(b.admin, published.ids[0]!), 'request.not_found', 404);
      assert.equal((await eavis.list(a.admin, { box: 'neu', page: 1 })).total, 0, 'A no longer manages it');
    });

    test('another provider\'s advice is not found (audited); delete hides it for the provider, staff still see it', async () => {
      const mine = ik('16000010');
      const theirs = ik('11000020');
      const a = await provider([mine]);
      const b = await provider([theirs]);
      await activate(a, mine);
      await activate(b, theirs);
      const { eavis, db } = t.system.deps;
      const [id] = (await eavis.publish(clerk, [advice({ ik: theirs, adviceNumber: 'B-1' })], 'form')).ids;
      for (const attempt of [() => eavis.get(a.admin, id!), () => eavis.download(a.user, id!, 'pdf'), () => eavis.archive(a.admin, id!), () => eavis.delete(a.admin, id!)]) {
        await refused(attempt(), 'request.not_found', 404);
      }
      assert.equal((await eavis.list(a.admin, { box: 'neu', page: 1 })).total, 0);
      const row = await db.selectFrom('payment_advices').selectAll().where('id', '=', id!).executeTakeFirstOrThrow();
      assert.equal(row.opened_at, null);
      assert.equal(row.archived_at, null);
      assert.equal(row.deleted_at, null);
      const denied = await db.selectFrom('audit_log').select('actor').where('action', '=', 'eavis.denied').where('subject', '=', id!).execute();
      assert.equal(denied.length, 4);

      await eavis.delete(b.admin, id!);
      assert.equal((await eavis.list(b.admin, { box: 'neu', page: 1 })).total, 0);
      assert.equal((await eavis.list(b.admin, { box: 'archiv', page: 1 })).total, 0);
      await refused(eavis.get(b.admin, id!), 'request.not_found', 404);
      const staffView = await eavis.listForStaff(clerk, { ik: theirs, page: 1 });
      assert.equal(staffView.total, 1);
      assert.equal(staffView.rows[0]!.deleted, true);
      assert.ok((await eavis.getForStaff(clerk, id!)).deletedAt);
      await refused(eavis.getForStaff(otherClerk, id!), 'request.not_found', 404);
      assert.equal((await eavis.listForStaff(otherClerk, { ik: theirs, page: 1 })).total, 0);
    });

    test('the announcement mail says only that there is something', () => {
      const mail = announcementMail({ portalName: 'Mein AOK Gesundheitspartnerservice', brand: 'AOK', insurerName: 'AOK Bayern', link: 'http://x/partner/zahlungsavise' });
      assert.equal(mail.subject, 'Neues Zahlungsavis im Portal');
      assert.match(mail.text, /^Guten Tag,/);
      assert.match(mail.text, /keine Inhalte/);
    });
  });
}
