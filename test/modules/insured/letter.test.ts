import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hasPdftotext, loadA4Pdf, pdfText } from '../../support/pdf.ts';
import { demoInsurers } from '../../../src/core/config/insurers.ts';
import { MM } from '../../../src/core/pdf/draw.ts';
import { renderActivationLetter, type LetterInput } from '../../../src/modules/insured/letter.ts';
import { ADDRESS_FIELD_MM } from '../../../src/modules/insured/letter-head.ts';
import { ADDRESS } from './kvnr.ts';

const hessen = demoInsurers.find((i) => i.id === 'he')!;
const base: LetterInput = {
  insurer: hessen,
  person: { kvnr: 'M210640818', firstName: 'Erika', lastName: 'Mustermann', birthDate: '1964-08-12', address: { ...ADDRESS } },
  code: 'K7MP-Q2XD-9HTA',
  issuedAt: new Date('2026-11-23T09:00:00Z'),
  expiresAt: new Date('2026-12-07T09:00:00Z'),
  identityCheck: 'egk_pin',
  appUrl: 'http://127.0.0.1:3000/ident/app/',
};

/** What a window envelope shows: the text inside the address field of DIN 5008 form B (points at 72 dpi). */
function windowText(pdf: Uint8Array): string {
  const f = ADDRESS_FIELD_MM;
  const box = [f.left, f.top, f.width, f.height].map((mm) => String(Math.round(mm * MM)));
  return pdfText(pdf, ['-r', '72', '-x', box[0]!, '-y', box[1]!, '-W', box[2]!, '-H', box[3]!]).trim();
}

const letterFor = async (input: Omit<Partial<LetterInput>, 'person'> & { person?: Partial<LetterInput['person']> }) => {
  const pdf = await renderActivationLetter({ ...base, ...input, person: { ...base.person, ...input.person } });
  await loadA4Pdf(pdf, 1);
  return pdf;
};

describe('insured persons › the activation letter in a window envelope', { skip: !hasPdftotext && 'pdftotext (poppler-utils) is not installed' }, () => {
  test('the address field shows the AOK’s return line, then the person’s name, street, PLZ and Ort, and nothing else', async () => {
    const pdf = await letterFor({});
    assert.equal(windowText(pdf), 'AOK Hessen · Basler Straße 2 · 61352 Bad Homburg v. d. Höhe Erika Mustermann Heidestraße 17 51147 Köln');
    const text = pdfText(pdf);
    for (const phrase of ['Versichertennummer: M210640818', 'Datum: 23.11.2026', 'Ihre Aktivierung der AOK Ident-App', 'K7MP-Q2XD-9HTA', 'Dieser Brief wurde maschinell erstellt']) {
      assert.ok(text.includes(phrase), `missing "${phrase}" in: ${text}`);
    }
  });

  test('a person without an address still gets the letter, with their name alone in the field', async () => {
    const pdf = await letterFor({ person: { address: null } });
    assert.equal(windowText(pdf), 'AOK Hessen · Basler Straße 2 · 61352 Bad Homburg v. d. Höhe Erika Mustermann');
    assert.ok(pdfText(pdf).includes('Guten Tag Erika Mustermann,'));
  });

  test('an AOK configured without an address signs the return line with its name', async () => {
    const pdf = await letterFor({ insurer: { ...hessen, street: '', postalCode: '', city: '' } });
    assert.equal(windowText(pdf), 'AOK Hessen Erika Mustermann Heidestraße 17 51147 Köln');
  });

  test('a long name and street wrap inside the field, smaller, and nothing is cut off', async () => {
    const person = {
      firstName: 'Anna-Katharina Maria Josefine',
      lastName: 'von Müller-Lüdenscheidt-Weißenfels',
      address: { street: 'Bürgermeister-Smidt-Straße 123 a, Hinterhaus, 3. Obergeschoss links', postalCode: '61352', city: 'Bad Homburg vor der Höhe-Ober-Erlenbach' },
    };
    const pdf = await letterFor({ person });
    const inField = windowText(pdf);
    const expected = `${person.firstName} ${person.lastName} ${person.address.street} ${person.address.postalCode} ${person.address.city}`;
    assert.ok(inField.replace(/\s+/g, '').endsWith(expected.replace(/\s+/g, '')), inField);
    assert.ok(!inField.includes('…'), inField);
  });
});
