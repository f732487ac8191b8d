/**
 * The activation letter "Ihre Aktivierung der AOK Ident-App" (manual 003): one A4 page, posted in a
 * window envelope (the head of letter-head.ts: the person's name and postal address in the DIN 5008
 * address field, the AOK's address beside it), the person's name and KVNR, the one-time activation code, how long it is valid, the app's
 * address as text and as QR code, and how the person's identity was checked and the letter handed
 * over. The code exists in clear only here: the letter is made when the code is, and never again.
 */
import { PDFDocument, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import type { Insurer } from '../../core/config/insurers.ts';
import type { IdentityCheck } from '../../core/db/values.ts';
import { A4, COLORS, cleanText, drawFooter, drawHeading, drawParagraph, drawText, drawTextRight, embedFonts, formatGermanDate, wrapText, type Fonts } from '../../core/pdf/draw.ts';
import { LAYOUT, drawBullets, drawPrefilledBox, prefilledRows, setCertificateInfo } from '../../core/pdf/certificate.ts';
import { germanDate, type Address } from './fields.ts';
import { drawLetterHead } from './letter-head.ts';

export const LETTER_TITLE = 'Ihre Aktivierung der AOK Ident-App';

export interface LetterInput {
  insurer: Insurer;
  /** `address` null: a person without one (made before addresses were kept) gets a letter with the name alone */
  person: { kvnr: string; firstName: string; lastName: string; birthDate: string; address: Address | null };
  /** the code in its groups */
  code: string;
  issuedAt: Date;
  expiresAt: Date;
  identityCheck: IdentityCheck;
  /** `${PUBLIC_URL}/ident/app/` */
  appUrl: string;
}

/** How the identity was checked and the letter reached the person, as the letter says it. */
const HANDED_OVER: Record<IdentityCheck, (day: string) => string> = {
  in_person: (day) => `Ihre Identität wurde am ${day} in Ihrer AOK vor Ort anhand Ihres Ausweises geprüft (vor Ort mit Ausweis). Dieser Brief wurde Ihnen dort persönlich übergeben.`,
  egk_pin: (day) => `Ihre Identität wurde am ${day} mit Ihrer elektronischen Gesundheitskarte und deren PIN geprüft (eGK mit PIN). Dieser Brief wurde Ihnen danach von Ihrer AOK zugesandt.`,
  eid: (day) => `Ihre Identität wurde am ${day} mit der Online-Ausweisfunktion Ihres Personalausweises geprüft (Online-Ausweis). Dieser Brief wurde Ihnen danach von Ihrer AOK zugesandt.`,
};

/** "07.12.2026, 10:00 Uhr" in Europe/Berlin. */
export function berlinDateTime(date: Date): string {
  const time = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' }).format(date);
  return `${formatGermanDate(date)}, ${time} Uhr`;
}

export function letterFileName(kvnr: string): string {
  return `Aktivierungsbrief-${kvnr}.pdf`;
}

/** The QR code's dark modules as filled squares, `size` points wide, bottom-left corner at (x, y). */
function drawQr(page: PDFPage, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 2;
  const cell = size / (modules.size + 2 * quiet);
  page.drawRectangle({ x, y, width: size, height: size, borderColor: COLORS.rule, borderWidth: 0.4 });
  for (let row = 0; row < modules.size; row++) {
    // runs of dark modules in a row as one rectangle: fewer drawing operations, no hairlines between cells
    for (let col = 0; col < modules.size; ) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      let end = col;
      while (end < modules.size && modules.get(row, end)) end++;
      page.drawRectangle({ x: x + (quiet + col) * cell, y: y + size - (quiet + row + 1) * cell, width: (end - col) * cell, height: cell, color: COLORS.text });
      col = end;
    }
  }
}

/** The code in large letters in a framed box; top edge at y; returns its bottom edge. */
function drawCodeBox(page: PDFPage, code: string, validUntil: string, y: number, fonts: Fonts): number {
  const height = 56;
  const bottom = y - height;
  page.drawRectangle({ x: LAYOUT.left, y: bottom, width: LAYOUT.width, height, borderColor: COLORS.line, borderWidth: 1.2 });
  drawText(page, 'Ihr Aktivierungscode (nur einmal gültig)', LAYOUT.left + 10, y - 15, { font: fonts.regular, size: LAYOUT.body, color: COLORS.muted });
  drawText(page, code, LAYOUT.left + 10, y - 40, { font: fonts.bold, size: 22 });
  drawTextRight(page, `gültig bis ${validUntil}`, LAYOUT.right - 10, y - 40, { font: fonts.bold, size: LAYOUT.body });
  return bottom;
}

export async function renderActivationLetter(input: LetterInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts = await embedFonts(doc);
  const { insurer, person } = input;
  const name = `${cleanText(person.firstName)} ${cleanText(person.lastName)}`;
  setCertificateInfo(doc, { title: LETTER_TITLE, subject: `Aktivierungsbrief für ${name}`, author: insurer.name, keywords: ['AOK Ident', 'ePA', 'Aktivierungsbrief'], date: input.issuedAt });
  const page = doc.addPage([A4.width, A4.height]);
  const body = { font: fonts.regular, size: LAYOUT.body, lineHeight: LAYOUT.lineHeight, width: LAYOUT.width };
  const validUntil = berlinDateTime(input.expiresAt);

  let y = drawLetterHead(page, { insurer, name, address: person.address, kvnr: person.kvnr, date: formatGermanDate(input.issuedAt) }, fonts);
  drawText(page, LETTER_TITLE, LAYOUT.left, y, { font: fonts.bold, size: 16 });
  y -= 24;
  y = drawParagraph(page, `Guten Tag ${name},`, LAYOUT.left, y, body) - 4;
  y = drawParagraph(
    page,
    'Sie sind jetzt für die elektronische Patientenakte (ePA) Ihrer AOK registriert. Mit der „AOK Ident“-App melden Sie sich in Ihrer ePA an. Aktivieren Sie die App mit Ihrer Versichertennummer und dem folgenden Aktivierungscode.',
    LAYOUT.left,
    y,
    body,
  );
  y -= 4;
  const rows = prefilledRows([
    ['Name', name],
    ['Geburtsdatum', germanDate(person.birthDate)],
    ['Versichertennummer (KVNR)', person.kvnr],
  ], fonts);
  y = drawPrefilledBox(page, rows, y, fonts) - 8;
  y = drawCodeBox(page, input.code, validUntil, y, fonts) - 20;

  drawHeading(page, 'So aktivieren Sie die AOK Ident-App', LAYOUT.left, y, fonts);
  y -= 18;
  const qrSize = 90;
  const qrTop = y + 8;
  const textLeft = LAYOUT.left + qrSize + 16;
  const steps = { ...body, width: LAYOUT.right - textLeft };
  drawQr(page, input.appUrl, LAYOUT.left, qrTop - qrSize, qrSize);
  y = drawBullets(page, ['Scannen Sie den QR-Code mit Ihrem Smartphone oder öffnen Sie diese Adresse:'], textLeft, y, steps);
  for (const line of wrapText(input.appUrl, fonts.bold, LAYOUT.body, steps.width - 14, 2)) {
    drawText(page, line, textLeft + 14, y, { font: fonts.bold, size: LAYOUT.body });
    y -= LAYOUT.lineHeight;
  }
  y = drawBullets(
    page,
    ['Geben Sie Ihre Versichertennummer und den Aktivierungscode ein.', 'Legen Sie Ihren GesundheitsID-Code fest (sechs Ziffern). Mit ihm bestätigen Sie künftig jede Anmeldung in der App.'],
    textLeft,
    y,
    steps,
  );
  y = Math.min(y, qrTop - qrSize) - 18;

  drawHeading(page, 'Wie Ihre Identität geprüft wurde', LAYOUT.left, y, fonts);
  y = drawParagraph(page, HANDED_OVER[input.identityCheck](formatGermanDate(input.issuedAt)), LAYOUT.left, y - 15, body) - 8;

  drawHeading(page, 'Wichtige Hinweise', LAYOUT.left, y, fonts);
  drawBullets(
    page,
    [
      `Der Aktivierungscode gilt nur einmal und nur bis ${validUntil}.`,
      'Geben Sie den Code an niemanden weiter. Ihre AOK fragt Sie nie nach diesem Code.',
      'Ist der Code abgelaufen oder verloren gegangen, erhalten Sie von Ihrer AOK einen neuen Aktivierungsbrief. Der bisherige Code ist damit ungültig.',
    ],
    LAYOUT.left,
    y - 15,
    body,
  );
  // the AOK's address is in the head: the footer says what makes the letter valid
  drawFooter(page, 'Dieser Brief wurde maschinell erstellt und ist ohne Unterschrift gültig.', { fonts });
  return doc.save();
}
