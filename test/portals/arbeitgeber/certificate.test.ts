import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { certificateFileName, formatAdministratorName, renderEmployerCertificate, type EmployerCertificateInput } from '../../../src/portals/arbeitgeber/certificate.ts';
import { formatGermanDate } from '../../../src/core/pdf/draw.ts';
import { loadA4Pdf, pdfInfo, pdfTextOrSkip, pdfTextWith } from '../../support/pdf.ts';
import { longInsurer } from '../../support/samples.ts';

const input: EmployerCertificateInput = {
  insurer: { name: 'AOK Baden-Württemberg', street: 'Presselstraße 19', postalCode: '70191', city: 'Stuttgart' },
  betriebsnummer: '12345678',
  admin: { salutation: 'Herr', title: 'Dr.', firstName: 'Jürgen', lastName: 'Weiß', email: 'juergen.weiss@beispiel-gmbh.de' },
  // 23:30 UTC on 5 March is already 6 March in Berlin.
  date: new Date('2025-03-05T23:30:00Z'),
  portalName: 'Mein AOK Arbeitgeberservice',
};



describe('renderEmployerCertificate', () => {
  it('renders a one-page A4 PDF with metadata', async () => {
    const { title, creator, producer } = pdfInfo(await loadA4Pdf(await renderEmployerCertificate(input), 1));
    assert.deepEqual({ title, creator, producer }, { title: 'Arbeitgeberbescheinigung – Betriebsnummer 12345678', creator: 'Pforte', producer: 'Pforte' });
  });

  it('shows the pre-filled data, the fill-in fields and the footer (pdftotext)', async (t) => {
    const bytes = await renderEmployerCertificate(input);
    assert.equal(Buffer.from(bytes.subarray(0, 4)).toString('latin1'), '%PDF');
    pdfTextWith(t, bytes, [
      'Arbeitgeberbescheinigung',
      'zur Registrierung als Unternehmens-Administrator für „Mein AOK Arbeitgeberservice“',
      'AOK Baden-Württemberg',
      'Presselstraße 19',
      '70191 Stuttgart',
      '12345678',
      'Herr Dr. Jürgen Weiß',
      'juergen.weiss@beispiel-gmbh.de',
      '06.03.2025',
      'Firmenname',
      'Straße und Hausnummer',
      'PLZ und Ort',
      'Name des Unterzeichnenden',
      'Geschäftsführung',
      'Prokurist',
      'Handlungsbevollmächtigter',
      'Ort',
      'Datum',
      'Unterschrift',
      'Firmenstempel',
      'Bitte senden Sie diese Bescheinigung vollständig ausgefüllt und unterschrieben über den Upload im Registrierungsprozess an Ihre AOK.',
    ]);
  });

  it('keeps very long names and addresses on one page', async (t) => {
    const bytes = await renderEmployerCertificate({
      ...input,
      insurer: longInsurer,
      admin: {
        salutation: 'Frau',
        title: 'Prof. Dr. med.',
        firstName: 'Anna-Katharina Maria Josefine',
        lastName: 'von Müller-Lüdenscheidt-Weißenfels-Großkreutz',
        email: 'anna-katharina.von-mueller-luedenscheidt-weissenfels@sehr-lange-firmen-domain-gmbh-und-co-kg.de',
      },
    });
    const doc = await PDFDocument.load(bytes);
    assert.equal(doc.getPageCount(), 1);
    const text = pdfTextOrSkip(t, bytes);
    if (text === undefined) return;
    for (const expected of ['Firmenstempel', 'Unterschrift', 'Handlungsbevollmächtigter', 'Bitte senden Sie']) {
      assert.ok(text.includes(expected), expected);
    }
  });

  it('drops control and bidi characters from the pre-filled values', async (t) => {
    const bytes = await renderEmployerCertificate({
      ...input,
      admin: { ...input.admin, firstName: 'Jür\u202Egen\n', lastName: '\u0000Weiß' },
    });
    const text = pdfTextOrSkip(t, bytes);
    if (text === undefined) return;
    assert.ok(text.includes('Herr Dr. Jürgen Weiß'));
  });
});

describe('certificate helpers', () => {
  it('names the download after the Betriebsnummer', () => {
    assert.equal(certificateFileName('12345678'), 'Arbeitgeberbescheinigung_12345678.pdf');
  });

  it('formats the administrator name with title; salutation only Herr/Frau', () => {
    const name = { title: 'Dr.', firstName: 'Jürgen', lastName: 'Weiß' };
    assert.equal(formatAdministratorName({ ...name, salutation: 'Herr' }), 'Herr Dr. Jürgen Weiß');
    assert.equal(formatAdministratorName({ ...name, salutation: 'Frau', title: null }), 'Frau Jürgen Weiß');
    assert.equal(formatAdministratorName({ ...name, salutation: 'Divers' }), 'Dr. Jürgen Weiß');
  });

  it('formats the date German style in Europe/Berlin', () => {
    assert.equal(formatGermanDate(new Date('2025-03-05T23:30:00Z')), '06.03.2025');
    assert.equal(formatGermanDate(new Date('2025-07-01T21:59:00Z')), '01.07.2025'); // CEST, UTC+2
    assert.equal(formatGermanDate(new Date('2025-12-31T22:59:59Z')), '31.12.2025');
  });
});
