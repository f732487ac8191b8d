/**
 * Arbeitgeberbescheinigung (employer certificate), manual 000 steps 6–7 and
 * SPEC "Employer certificate": a one-page A4 form, pre-filled with what the
 * registration knows (insurer, Betriebsnummer, administrator, date) and with
 * blank fields the employer completes by hand, signs and stamps. The registrant
 * prints it, has it signed, scans it and uploads it in the registration.
 *
 * The page is laid out top-down with one y cursor. Variable texts (insurer
 * name, portal name, administrator name, e-mail) are measured first; when they
 * need extra lines, the vertical spacing is tightened so the signature block,
 * the company stamp and the footer always stay on the page.
 */
import { PDFDocument } from 'pdf-lib';
import {
  A4,
  COLORS,
  MM,
  cleanText,
  drawCheckbox,
  drawField,
  drawFooter,
  drawHeading,
  drawParagraph,
  drawSignatureLine,
  drawText,
  drawTextRight,
  embedFonts,
  formatGermanDate,
  wrapText,
} from '../../core/pdf/draw.ts';
import {
  CERTIFICATE_TITLE,
  LAYOUT,
  addresseeLines,
  drawAddressee,
  drawPrefilledBox,
  drawSigningBlock,
  drawTitle,
  formatAdministratorName,
  mixSpacing,
  prefilledRows,
  setCertificateInfo,
  type CertificateAdmin,
  type CertificateInsurer,
} from '../../core/pdf/certificate.ts';

export { CERTIFICATE_TITLE, formatAdministratorName, type CertificateAdmin, type CertificateInsurer };

export interface EmployerCertificateInput {
  insurer: CertificateInsurer;
  betriebsnummer: string;
  admin: CertificateAdmin;
  date: Date;
  portalName: string;
}

export const CERTIFICATE_FOOTER =
  'Bitte senden Sie diese Bescheinigung vollständig ausgefüllt und unterschrieben über den Upload im Registrierungsprozess an Ihre AOK.';

/** Function choices of the person who signs (manual 000 step 6). */
export const SIGNATORY_FUNCTIONS = ['Geschäftsführung', 'Prokurist', 'Handlungsbevollmächtigter'] as const;

/** Download name of the certificate: Arbeitgeberbescheinigung_<Betriebsnummer>.pdf */
export function certificateFileName(betriebsnummer: string): string {
  const safe = betriebsnummer.replace(/[^0-9A-Za-z]/g, '');
  return `${CERTIFICATE_TITLE}_${safe}.pdf`;
}

/** Spacing that may shrink when variable texts need more lines. */
interface Spacing {
  titleGap: number;
  sectionGap: number;
  fieldRow: number;
  stampHeight: number;
}

const ROOMY: Spacing = { titleGap: 30, sectionGap: 22, fieldRow: 26, stampHeight: 28 * MM };
const TIGHT: Spacing = { titleGap: 22, sectionGap: 16, fieldRow: 22, stampHeight: 22 * MM };
/** How many points going from ROOMY to TIGHT saves (1 title gap, 2 section gaps, 5 field rows, the stamp). */
const COMPRESSIBLE =
  ROOMY.titleGap - TIGHT.titleGap +
  2 * (ROOMY.sectionGap - TIGHT.sectionGap) +
  5 * (ROOMY.fieldRow - TIGHT.fieldRow) +
  (ROOMY.stampHeight - TIGHT.stampHeight);

/** Spacing that saves `points` compared with ROOMY (at most down to TIGHT). */
function tightenedBy(points: number): Spacing {
  return mixSpacing(ROOMY, TIGHT, points / COMPRESSIBLE);
}

/**
 * Renders the employer certificate as a one-page A4 PDF. Laid out with roomy
 * spacing first; if long names or addresses push the stamp box into the
 * footer, laid out once more with the spacing tightened by the shortfall.
 */
export async function renderEmployerCertificate(input: EmployerCertificateInput): Promise<Uint8Array> {
  const first = await buildCertificate(input, ROOMY);
  if (first.shortfall <= 0) return first.bytes;
  return (await buildCertificate(input, tightenedBy(first.shortfall))).bytes;
}

async function buildCertificate(
  input: EmployerCertificateInput,
  spacing: Spacing,
): Promise<{ bytes: Uint8Array; shortfall: number }> {
  const doc = await PDFDocument.create();
  const fonts = await embedFonts(doc);
  const portalName = cleanText(input.portalName);
  const betriebsnummer = cleanText(input.betriebsnummer);
  const adminName = formatAdministratorName(input.admin);
  const date = formatGermanDate(input.date);

  setCertificateInfo(doc, {
    title: `${CERTIFICATE_TITLE} – Betriebsnummer ${betriebsnummer}`,
    subject: `Registrierung als Unternehmens-Administrator für „${portalName}“`,
    author: input.insurer.name,
    keywords: [CERTIFICATE_TITLE, betriebsnummer],
    date: input.date,
  });

  const page = doc.addPage([A4.width, A4.height]);
  const { left, right, width, labelWidth } = LAYOUT;
  const body = { font: fonts.regular, size: LAYOUT.body };

  const dateText = `Datum: ${date}`;
  const addressWidth = width - fonts.regular.widthOfTextAtSize(dateText, LAYOUT.body) - 24;
  const address = addresseeLines(input.insurer, addressWidth, fonts);
  const subtitle = wrapText(
    `zur Registrierung als Unternehmens-Administrator für „${portalName}“`,
    fonts.regular,
    11,
    width,
    2,
  );
  const rows = prefilledRows(
    [
      ['Betriebsnummer', betriebsnummer],
      ['Unternehmens-Administrator', adminName],
      ['E-Mail-Adresse', cleanText(input.admin.email)],
    ],
    fonts,
  );

  // Letterhead: addressee (the chosen insurer) left, date right.
  let y = LAYOUT.top - 11;
  drawTextRight(page, dateText, right, y, body);
  y = drawAddressee(page, address, left, y, fonts);

  // Title and subtitle.
  y -= spacing.titleGap;
  y = drawTitle(page, y, { lines: subtitle, size: 11 }, fonts);

  // Pre-filled data from the registration (box top lies `gap` below the last subtitle baseline).
  y = drawPrefilledBox(page, rows, y + 14 - LAYOUT.gap, fonts);

  // Explanation (manual 000 step 6).
  const text = { ...body, width, lineHeight: LAYOUT.lineHeight };
  y -= LAYOUT.gap + LAYOUT.body;
  y = drawParagraph(
    page,
    `Hiermit bestätigen wir als Arbeitgeber, dass die oben genannte Person berechtigt ist, unser Unternehmen ` +
      `als Unternehmens-Administrator im Online-Portal „${portalName}“ zu vertreten. Sie wird bevollmächtigt, ` +
      `das Portal für unser Unternehmen zu nutzen und die Zugänge weiterer Mitarbeiterinnen und Mitarbeiter ` +
      `unseres Unternehmens einzurichten und zu verwalten.`,
    left,
    y,
    text,
  );
  y -= 6;
  y = drawParagraph(
    page,
    'Die Bescheinigung ist von der Unternehmensleitung bzw. Geschäftsführung zu unterschreiben. Neben der ' +
      'Geschäftsführung sind auch Prokuristen und Handlungsbevollmächtigte unterschriftsberechtigt. Unterschreibt ' +
      'ein Prokurist oder ein Handlungsbevollmächtigter, muss ein entsprechender Nachweis der Vertretungsbefugnis ' +
      '(z. B. Handelsregisterauszug oder Handlungsvollmacht) zwingend beigefügt werden.',
    left,
    y,
    text,
  );

  // Employer data, to be filled in by hand. (y is one line below the last paragraph line.)
  y -= spacing.sectionGap - LAYOUT.lineHeight + 11;
  drawHeading(page, 'Angaben zum Arbeitgeber', left, y, fonts, 11, '(bitte vollständig ausfüllen)');
  for (const label of ['Firmenname', 'Straße und Hausnummer', 'PLZ und Ort']) {
    y -= spacing.fieldRow;
    drawField(page, label, left, y, { fonts, width, labelWidth });
  }

  // Signatory and function.
  y -= spacing.sectionGap + 11;
  drawHeading(page, 'Unterschrift des Arbeitgebers', left, y, fonts, 11);
  y -= spacing.fieldRow;
  drawField(page, 'Name des Unterzeichnenden', left, y, { fonts, width, labelWidth });
  y -= spacing.fieldRow - 2;
  drawText(page, 'Funktion', left, y, body);
  for (const [index, fn] of SIGNATORY_FUNCTIONS.entries()) {
    if (index > 0) y -= LAYOUT.checkboxRow;
    const used = drawCheckbox(page, fn, left + labelWidth, y, { fonts });
    if (fn !== 'Geschäftsführung') {
      const note = { font: fonts.regular, size: LAYOUT.small, color: COLORS.muted };
      drawText(page, '(Nachweis beifügen)', left + labelWidth + used + 6, y, note);
    }
  }

  // Place and date, signature (left) and company stamp (right), above the footer.
  y -= spacing.fieldRow + 2;
  const footerTop = drawFooter(page, CERTIFICATE_FOOTER, { fonts, size: LAYOUT.small });
  const shortfall = drawSigningBlock(
    page,
    {
      y,
      footerTop,
      stampHeight: spacing.stampHeight,
      minStampHeight: 14 * MM,
      signature: (p, x, bottom, width) => drawSignatureLine(p, 'Unterschrift', x, bottom + 16, width, fonts),
    },
    fonts,
  );

  return { bytes: await doc.save(), shortfall };
}
