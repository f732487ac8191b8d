import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { loadA4Pdf, pdfTextWith } from '../../support/pdf.ts';
import { DAY } from '../../../src/core/clock/clock.ts';
import { ProtocolPageSchema } from '../../../src/modules/epa-protocol/api-schema.ts';
import { loopbackForSuite } from '../ident-provider/support.ts';
import { clockAtRealTime } from '../epa-access/support.ts';
import { pdfWith } from '../epa-records/fixtures.ts';
import { ok, personWithDevice, refusal } from '../epa-records/api-support.ts';

for (const kind of databaseKinds) {
  describe(`ePA record API › Protokoll (${kind})`, () => {
    const t = testSystemFor(kind);
    const callback = loopbackForSuite();
    clockAtRealTime(t);
    const person = () => personWithDevice(t, `${callback().base}/callback`);

    test('the Protokoll shows who, which document, from which device and the result, newest first', async () => {
      const p = await person();
      const doc = ok(await p.api.addDocument({ typ: 'BEF', titel: 'Befund Knie', fileName: 'knie.pdf', bytes: pdfWith('Knie') }));
      ok(await p.api.openDocument(doc.id));
      const page = ProtocolPageSchema.parse(ok(await p.api.protocol()));
      const [opened, added] = page.entries;
      assert.deepEqual(
        { ...opened, id: undefined, at: undefined },
        { id: undefined, at: undefined, kind: 'access', action: 'document.opened', label: 'Dokument geöffnet', actor: { kind: 'insured', name: null }, onBehalfOf: null, document: { id: doc.id, title: 'Befund Knie' }, device: { id: p.deviceId, name: 'Laptop Küche' }, result: 'success' },
      );
      assert.equal(added!.action, 'document.added');
      assert.ok(page.entries.some((e) => e.action === 'device.registered'), 'the device unlocked');
      assert.ok(page.entries.some((e) => e.action === 'login.success'), 'the Ident login');
    });

    test('reading the Protokoll is itself an entry', async () => {
      const p = await person();
      ok(await p.api.protocol());
      const again = ok(await p.api.protocol());
      assert.equal(again.entries[0]!.action, 'protocol.viewed');
      assert.equal(again.entries[0]!.device!.name, 'Laptop Küche');
    });

    test('pages hold 25 entries; the kind and the period filter them', async () => {
      const p = await person();
      for (let i = 0; i < 30; i++) ok(await p.api.listDocuments());
      const first = ok(await p.api.protocol({ art: 'access' }));
      assert.equal(first.entries.length, 25);
      assert.ok(first.entries.every((e) => e.kind === 'access'));
      const second = ok(await p.api.protocol({ art: 'access', page: 2 }));
      // reading the first page is one more access
      assert.deepEqual([second.page, second.pages, second.total], [2, 2, first.total + 1]);
      assert.equal(first.total, 30);
      const devices = ok(await p.api.protocol({ art: 'device' }));
      assert.deepEqual(devices.entries.map((e) => e.action), ['device.registered', 'device.registration_started']);
      // days as the filter means them: Berlin's (between 23:00 and 24:00 UTC, Berlin's day is the next already)
      const berlinDay = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
      const today = berlinDay(t.clock.now());
      const tomorrow = berlinDay(new Date(t.clock.now().getTime() + DAY));
      assert.equal(ok(await p.api.protocol({ von: tomorrow })).total, 0);
      assert.ok(ok(await p.api.protocol({ bis: today, art: 'device' })).total === 2);
    });

    test('a wrong filter is refused, naming each parameter', async () => {
      const p = await person();
      const answer = await p.api.protocol({ von: '07.12.2026', art: 'alles' as never, page: -1 });
      assert.equal(refusal(answer), '400 form.invalid');
      assert.deepEqual(!answer.ok && answer.error.details, { von: 'epa_record.date_invalid', art: 'field.invalid_choice', page: 'field.invalid_choice' });
    });

    test('the Protokoll as PDF holds the entries and is itself an entry', async (tt) => {
      const p = await person();
      ok(await p.api.addDocument({ typ: 'BEF', titel: 'Befund Schulter', fileName: 'schulter.pdf', bytes: pdfWith('Schulter') }));
      const pdf = ok(await p.api.protocolPdf());
      await loadA4Pdf(pdf, 1);
      pdfTextWith(tt, pdf, ['Protokoll Ihrer elektronischen Patientenakte', p.kvnr, 'Dokument hinzugefügt', 'Befund Schulter', 'Laptop Küche', 'Gerät freigeschaltet']);
      assert.equal(ok(await p.api.protocol()).entries[0]!.action, 'protocol.exported');
    });

    test("another person's Protokoll is not reachable: each sees only their own", async () => {
      const p = await person();
      const other = await person();
      ok(await other.api.addDocument({ typ: 'BEF', titel: 'Geheimer Befund', fileName: 'g.pdf', bytes: pdfWith('g') }));
      const mine = ok(await p.api.protocol());
      assert.ok(mine.entries.every((e) => e.document?.title !== 'Geheimer Befund'));
    });
  });
}
