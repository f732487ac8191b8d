import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { loadA4Pdf, pdfInfo } from '../../support/pdf.ts';
import { longInsurer } from '../../support/samples.ts';
import { MARGIN, MM } from '../../../src/core/pdf/draw.ts';
import {
  FURTHER_IK_TITLE,
  PROVIDER_SIGNATURE_CAPTION,
  providerCertificateFileName,
  providerCertificateSubtitle,
  renderProviderCertificate,
  type ProviderCertificateInput,
} from '../../../src/portals/partner/certificate.ts';

const input: ProviderCertificateInput = {
  insurer: { name: 'AOK Niedersachsen', street: 'Hildesheimer Straße 273', postalCode: '30519', city: 'Hannover' },
  ik: '260326822',
  institutionName: 'Zahnärztliche Praxis Müßig',
  institutionAddress: 'Königstraße 12, 30175 Hannover',
  admin: { salutation: 'Frau', title: 'Dr.', firstName: 'Anna-Lena', lastName: 'Müller', email: 'anna-lena.mueller@praxis-muessig.de' },
  // 23:30 UTC on 5 March is already 6 March in Berlin.
  date: new Date('2025-03-05T23:30:00Z'),
  portalName: 'Mein AOK Gesundheitspartnerservice',
};

/** Everything as long as it gets: insurer, institution, address, admin name and e-mail. */
const longInput: ProviderCertificateInput = {
  ...input,
  insurer: longInsurer,
  institutionName:
    'Medizinisches Versorgungszentrum für Zahn-, Mund- und Kieferheilkunde, Kieferorthopädie und Oralchirurgie am ' +
    'Universitätsklinikum Düsseldorf-Mettmann gemeinnützige GmbH – Zweigpraxis Großbüllesheim',
  institutionAddress: 'Moorenstraße 5 (Gebäude 18.71, Eingang über den Innenhof, 3. Obergeschoss), 40225 Düsseldorf-Bilk',
  admin: {
    salutation: 'Frau',
    title: 'Prof. Dr. med.',
    firstName: 'Anna-Katharina Maria Josefine',
    lastName: 'von Müller-Lüdenscheidt-Weißenfels-Großkreutz',
    email: 'anna-katharina.von-mueller-luedenscheidt-weissenfels@sehr-lange-praxis-domain-gmbh-und-co-kg.de',
  },
};

const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined && spawnSync('pdftoppm', ['-v']).error === undefined;

function withPdf<T>(bytes: Uint8Array, fn: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'pforte-provider-certificate-'));
  try {
    const file = join(dir, 'certificate.pdf');
    writeFileSync(file, bytes);
    return fn(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Text of one page as pdftotext sees it, with runs of whitespace collapsed. */
function pageText(bytes: Uint8Array, page: number): string {
  return withPdf(bytes, (file) =>
    execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' }),
  ).replace(/\s+/g, ' ');
}

interface Word {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word with its box (points, origin top-left) from `pdftotext -bbox`. */
function words(bytes: Uint8Array): { pages: Array<{ width: number; height: number }>; words: Word[] } {
  const html = withPdf(bytes, (file) => execFileSync('pdftotext', ['-enc', 'UTF-8', '-bbox', file, '-'], { encoding: 'utf8' }));
  const pages: Array<{ width: number; height: number }> = [];
  const found: Word[] = [];
  const token = /<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g;
  for (const m of html.matchAll(token)) {
    if (m[1]) {
      pages.push({ width: Number(m[1]), height: Number(m[2]) });
    } else {
      found.push({ page: pages.length, text: m[7]!, xMin: Number(m[3]), yMin: Number(m[4]), xMax: Number(m[5]), yMax: Number(m[6]) });
    }
  }
  return { pages, words: found };
}

/** Asserts that every word lies within the page margins (1 mm tolerance) and that no two words overlap. */
function assertTextInsideAndApart(bytes: Uint8Array): void {
  const { pages, words: all } = words(bytes);
  assert.equal(pages.length, 2);
  const tolerance = 1 * MM;
  for (const word of all) {
    const page = pages[word.page - 1]!;
    const where = `"${word.text}" on page ${word.page} at ${word.xMin.toFixed(1)},${word.yMin.toFixed(1)}–${word.xMax.toFixed(1)},${word.yMax.toFixed(1)}`;
    assert.ok(word.xMin >= MARGIN - tolerance && word.xMax <= page.width - MARGIN + tolerance, `outside horizontally: ${where}`);
    assert.ok(word.yMin >= MARGIN - tolerance && word.yMax <= page.height - MARGIN + tolerance, `outside vertically: ${where}`);
  }
  for (const [i, a] of all.entries()) {
    for (const b of all.slice(i + 1)) {
      if (a.page !== b.page) continue;
      const dx = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
      const dy = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
      assert.ok(!(dx > 0.5 && dy > 0.5), `"${a.text}" overlaps "${b.text}" on page ${a.page}`);
    }
  }
}

/**
 * Renders the pages in grey with pdftoppm and returns, per page, how many dark
 * pixels lie in the outer band (page edge up to 3 mm inside the 2 cm margin),
 * i.e. text, rules or boxes that run off the printable area.
 */
function darkPixelsOutsideMargins(bytes: Uint8Array): number[] {
  return withPdf(bytes, (file, dir) => {
    const resolution = 50;
    execFileSync('pdftoppm', ['-r', String(resolution), '-gray', file, join(dir, 'page')]);
    const files = readdirSync(dir).filter((name) => name.endsWith('.pgm')).sort();
    const band = Math.floor(((MARGIN - 3 * MM) / 72) * resolution);
    return files.map((name) => {
      const data = readFileSync(join(dir, name));
      const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 40).toString('latin1'));
      assert.ok(header, `not a binary PGM: ${name}`);
      const [width, height] = [Number(header[1]), Number(header[2])];
      const pixels = data.subarray(header[0].length);
      let dark = 0;
      for (let y = 0; y < height; y += 1) {
        for (let x = 0; x < width; x += 1) {
          const inside = x >= band && x < width - band && y >= band && y < height - band;
          if (!inside && pixels[y * width + x]! < 200) dark += 1;
        }
      }
      return dark;
    });
  });
}

describe('renderProviderCertificate', () => {
  it('renders two A4 pages with metadata', async () => {
    const { title, subject, creator } = pdfInfo(await loadA4Pdf(await renderProviderCertificate(input), 2));
    assert.equal(title, 'Arbeitgeberbescheinigung – IK-Nummer 260326822');
    assert.equal(subject, 'Registrierung als Leistungserbringer-Administrator (LE-Admin) für „Mein AOK Gesundheitspartnerservice“');
    assert.equal(creator, 'Pforte');
  });

  it('page 1: pre-filled data, confirmation, fields to fill in, signature and stamp (pdftotext)', async (t) => {
    if (!hasPoppler) return t.skip('poppler-utils (pdftotext, pdftoppm) are not installed');
    const text = pageText(await renderProviderCertificate(input), 1);
    for (const expected of [
      'AOK Niedersachsen',
      'Hildesheimer Straße 273',
      '30519 Hannover',
      'Arbeitgeberbescheinigung',
      'für Leistungserbringer-Administratoren (LE-Admin) – Mein AOK Gesundheitspartnerservice',
      // The pre-filled box (pdftotext reads its label column first, then the values).
      'IK-Nummer Institution Anschrift LE-Admin E-Mail-Adresse Datum',
      '260326822',
      'Zahnärztliche Praxis Müßig',
      'Königstraße 12, 30175 Hannover',
      'Frau Dr. Anna-Lena Müller',
      'anna-lena.mueller@praxis-muessig.de',
      '06.03.2025',
      'Hiermit bestätigen wir als Leistungserbringer, dass die oben genannte Person in unserer Einrichtung beschäftigt ist.',
      'weitere Nutzer einzurichten, zu sperren und zu löschen',
      'elektronische Zahlungsavis (eAvis)',
      'IK-Verwaltung',
      'ist für jede zu registrierende IK-Nummer vorzulegen',
      'Auf Seite 2 können Sie weitere IK-Nummern, die ebenfalls über „Mein AOK Gesundheitspartnerservice“ verwaltet werden sollen, eintragen.',
      'Beide Seiten der Bescheinigung sind durch einen juristischen Vertreter des Leistungserbringers zu unterschreiben.',
      'Ein Abdruck des Firmenstempels sollte erfolgen.',
      'Name der unterzeichnenden Person',
      'Funktion der unterzeichnenden Person',
      'Telefon für Rückfragen',
      'Ort',
      PROVIDER_SIGNATURE_CAPTION,
      'Firmenstempel',
      'im Registrierungsprozess hoch',
      'Seite 1 von 2',
    ]) {
      assert.ok(text.includes(expected), `missing "${expected}" in: ${text}`);
    }
    assert.ok(text.includes('juristische'));
    // Institution and address are known: no blank fields for them.
    assert.ok(!text.includes('Name der Institution'));
    assert.ok(!text.includes('Seite 2 von 2'));
  });

  it('page 2: further IK numbers with the IK of page 1, signature and stamp (pdftotext)', async (t) => {
    if (!hasPoppler) return t.skip('poppler-utils (pdftotext, pdftoppm) are not installed');
    const text = pageText(await renderProviderCertificate(input), 2);
    for (const expected of [
      FURTHER_IK_TITLE,
      'zu IK-Nummer 260326822',
      'Institution: Zahnärztliche Praxis Müßig',
      'LE-Admin: Frau Dr. Anna-Lena Müller',
      'Hier können Sie weitere IK-Nummern, die ebenfalls über „Mein AOK Gesundheitspartnerservice“ verwaltet werden sollen, eintragen.',
      'Nr.',
      'IK-Nummer (9 Ziffern)',
      'Bezeichnung der Institution',
      'durch einen juristischen Vertreter des Leistungserbringers zu unterschreiben',
      'Ort',
      'Datum',
      PROVIDER_SIGNATURE_CAPTION,
      'Firmenstempel',
      'Seite 2 von 2',
    ]) {
      assert.ok(text.includes(expected), `missing "${expected}" in: ${text}`);
    }
    // At least ten numbered rows.
    for (let row = 1; row <= 10; row += 1) assert.match(text, new RegExp(` ${row}\\. `), `row ${row}`);
    assert.ok(!text.includes('Seite 1 von 2'));
  });

  it('the further_ik purpose changes subtitle, confirmation and footer', async (t) => {
    assert.equal(
      providerCertificateSubtitle('Mein AOK Gesundheitspartnerservice', 'further_ik'),
      'für eine weitere IK-Nummer des Leistungserbringer-Administrators (LE-Admin) – IK-Verwaltung in Mein AOK Gesundheitspartnerservice',
    );
    const bytes = await renderProviderCertificate({ ...input, purpose: 'further_ik' });
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    assert.equal(doc.getPageCount(), 2);
    assert.match(doc.getSubject() ?? '', /^Weitere IK-Nummer/);
    if (!hasPoppler) return t.skip('poppler-utils (pdftotext, pdftoppm) are not installed');
    const page1 = pageText(bytes, 1);
    for (const expected of [
      'für eine weitere IK-Nummer des Leistungserbringer-Administrators (LE-Admin) – IK-Verwaltung in Mein AOK Gesundheitspartnerservice',
      'die oben genannte IK-Nummer zusätzlich über die IK-Verwaltung für unsere Institution zu verwalten',
      'ist für jede IK-Nummer vorzulegen, die über die IK-Verwaltung hinzugefügt wird',
      'in der IK-Verwaltung des Portals hoch',
      '260326822',
      'Seite 1 von 2',
    ]) {
      assert.ok(page1.includes(expected), `missing "${expected}" in: ${page1}`);
    }
    assert.ok(!page1.includes('für Leistungserbringer-Administratoren (LE-Admin) – Mein AOK'));
    assert.ok(!page1.includes('zu registrierende IK-Nummer'));
    assert.ok(!page1.includes('im Registrierungsprozess'));
    const page2 = pageText(bytes, 2);
    assert.ok(page2.includes('Weitere IK-Nummern') && page2.includes('zu IK-Nummer 260326822') && page2.includes('Seite 2 von 2'));
  });

  it('asks for institution and address by hand when the IK register does not know them', async (t) => {
    const bytes = await renderProviderCertificate({ ...input, institutionName: null, institutionAddress: null });
    if (!hasPoppler) return t.skip('poppler-utils (pdftotext, pdftoppm) are not installed');
    const page1 = pageText(bytes, 1);
    for (const expected of ['Angaben zur Institution', 'Name der Institution', 'Straße und Hausnummer', 'PLZ und Ort']) {
      assert.ok(page1.includes(expected), `missing "${expected}"`);
    }
    assert.ok(!page1.includes('Anschrift'));
    assert.ok(pageText(bytes, 2).includes('Institution: –'));
    assertTextInsideAndApart(bytes);
  });

  it('keeps every text inside the page with very long names, addresses and e-mails', async (t) => {
    for (const variant of [
      longInput,
      { ...longInput, purpose: 'further_ik' as const },
      { ...longInput, institutionName: null, institutionAddress: null, purpose: 'further_ik' as const },
    ]) {
      const bytes = await renderProviderCertificate(variant);
      assert.equal((await PDFDocument.load(bytes)).getPageCount(), 2);
      if (!hasPoppler) return t.skip('poppler-utils (pdftotext, pdftoppm) are not installed');
      assertTextInsideAndApart(bytes);
      assert.deepEqual(darkPixelsOutsideMargins(bytes), [0, 0]);
      const page1 = pageText(bytes, 1);
      for (const expected of ['Firmenstempel', PROVIDER_SIGNATURE_CAPTION, 'Telefon für Rückfragen', 'Seite 1 von 2', '260326822']) {
        assert.ok(page1.includes(expected), `missing "${expected}" in: ${page1}`);
      }
      if (variant.institutionName) {
        // The institution's name is printed in full (up to four lines), not cut.
        assert.ok(page1.includes('Zweigpraxis Großbüllesheim'), page1);
      }
      // The e-mail address is broken between characters rather than cut.
      assert.ok(page1.replace(/ /g, '').includes(longInput.admin.email), page1);
      const page2 = pageText(bytes, 2);
      for (const expected of ['Weitere IK-Nummern', 'zu IK-Nummer 260326822', 'Firmenstempel', 'Seite 2 von 2', ' 10. ']) {
        assert.ok(page2.includes(expected), `missing "${expected}" in: ${page2}`);
      }
    }
  });

  it('keeps the normal layout inside the margins too (pdftotext -bbox, pdftoppm)', async (t) => {
    const bytes = await renderProviderCertificate(input);
    if (!hasPoppler) return t.skip('poppler-utils (pdftotext, pdftoppm) are not installed');
    assertTextInsideAndApart(bytes);
    assert.deepEqual(darkPixelsOutsideMargins(bytes), [0, 0]);
  });

  it('drops control and bidi characters from the pre-filled values', async (t) => {
    const bytes = await renderProviderCertificate({
      ...input,
      institutionName: 'Zahnärztliche\u202E Praxis\n Müßig\u0000',
      admin: { ...input.admin, firstName: 'Anna-\u200BLena\t' },
    });
    if (!hasPoppler) return t.skip('poppler-utils (pdftotext, pdftoppm) are not installed');
    const text = pageText(bytes, 1);
    assert.ok(text.includes('Zahnärztliche Praxis Müßig'), text);
    assert.ok(text.includes('Frau Dr. Anna-Lena Müller'), text);
  });
});

describe('providerCertificateFileName', () => {
  it('names the download after the IK', () => {
    assert.equal(providerCertificateFileName('260326822'), 'Arbeitgeberbescheinigung-IK-260326822.pdf');
    assert.equal(providerCertificateFileName(' 26 032/6822 '), 'Arbeitgeberbescheinigung-IK-260326822.pdf');
  });
});
