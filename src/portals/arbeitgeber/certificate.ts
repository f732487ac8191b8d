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
import { PDFDocument, type PDFPage } from 'pdf-lib';
import {
  A4,
  COLORS,
  MARGIN,
  MM,
  cleanText,
  drawCheckbox,
  drawField,
  drawFooter,
  drawFramedBox,
  drawHeading,
  drawParagraph,
  drawSignatureLine,
  drawText,
  drawTextRight,
  embedFonts,
  fitText,
  formatGermanDate,
  wrapText,
  type Fonts,
} from '../../core/pdf/draw.ts';

export interface CertificateInsurer {
  name: string;
  street: string;
  postalCode: string;
  city: string;
}

export interface CertificateAdmin {
  salutation: string;
  title: string | null;
  firstName: string;
  lastName: string;
  email: string;
}

export interface EmployerCertificateInput {
  insurer: CertificateInsurer;
  betriebsnummer: string;
  admin: CertificateAdmin;
  date: Date;
  portalName: string;
}

export const CERTIFICATE_TITLE = 'Arbeitgeberbescheinigung';

export const CERTIFICATE_FOOTER =
  'Bitte senden Sie diese Bescheinigung vollständig ausgefüllt und unterschrieben über den Upload im Registrierungsprozess an Ihre AOK.';

/** Function choices of the person who signs (manual 000 step 6). */
export const SIGNATORY_FUNCTIONS = ['Geschäftsführung', 'Prokurist', 'Handlungsbevollmächtigter'] as const;

/** Download name of the certificate: Arbeitgeberbescheinigung_<Betriebsnummer>.pdf */
export function certificateFileName(betriebsnummer: string): string {
  const safe = betriebsnummer.replace(/[^0-9A-Za-z]/g, '');
  return `${CERTIFICATE_TITLE}_${safe}.pdf`;
}

/**
 * "Herr Dr. Jürgen Weiß". The salutation is only printed when it is Herr or
 * Frau; other choices (divers, keine Angabe) do not belong in front of a name.
 */
export function formatAdministratorName(
  admin: Pick<CertificateAdmin, 'salutation' | 'title' | 'firstName' | 'lastName'>,
): string {
  const salutation = cleanText(admin.salutation);
  const parts = [
    /^(herr|frau)$/i.test(salutation) ? salutation : '',
    cleanText(admin.title ?? ''),
    cleanText(admin.firstName),
    cleanText(admin.lastName),
  ];
  return parts.filter(Boolean).join(' ');
}

/** Layout measures shared by the certificate pages (also meant for the provider version). */
export const LAYOUT = {
  left: MARGIN,
  right: A4.width - MARGIN,
  width: A4.width - 2 * MARGIN,
  top: A4.height - MARGIN,
  /** Body text size and baseline distance. */
  body: 10,
  lineHeight: 13.5,
  small: 8.5,
  /** Label column of the fill-in rows; the writing line starts after it. */
  labelWidth: 160,
  /** Baseline distance of stacked checkboxes. */
  checkboxRow: 17,
  /** Vertical space between blocks. */
  gap: 16,
} as const;

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
  const t = Math.max(0, Math.min(1, points / COMPRESSIBLE));
  const mix = (key: keyof Spacing) => ROOMY[key] - (ROOMY[key] - TIGHT[key]) * t;
  return { titleGap: mix('titleGap'), sectionGap: mix('sectionGap'), fieldRow: mix('fieldRow'), stampHeight: mix('stampHeight') };
}

interface AddresseeLine {
  text: string;
  bold: boolean;
  size: number;
}

const ADDRESS_LINE_HEIGHT = 14;

/** Addressee lines: name in bold (up to two lines), street and town (one line each, shrunk to fit). */
export function addresseeLines(insurer: CertificateInsurer, width: number, fonts: Fonts): AddresseeLine[] {
  const name = wrapText(cleanText(insurer.name), fonts.bold, 11, width, 2).map((text) => ({ text, bold: true, size: 11 }));
  const oneLine = (value: string): AddresseeLine => {
    const fit = fitText(cleanText(value), fonts.regular, width, { maxSize: 11, minSize: 9, maxLines: 1 });
    return { text: fit.lines[0] ?? '', bold: false, size: fit.size };
  };
  return [...name, oneLine(insurer.street), oneLine(`${insurer.postalCode} ${insurer.city}`)];
}

/** Draws the addressee block whose first baseline is y; returns the baseline below its last line. */
export function drawAddressee(page: PDFPage, lines: AddresseeLine[], x: number, y: number, fonts: Fonts): number {
  for (const line of lines) {
    drawText(page, line.text, x, y, { font: line.bold ? fonts.bold : fonts.regular, size: line.size });
    y -= ADDRESS_LINE_HEIGHT;
  }
  return y;
}

interface PrefilledRow {
  label: string;
  size: number;
  lines: string[];
}

const BOX = { padding: 9, labelWidth: 170, lineHeight: 14 } as const;

/**
 * Fits each pre-filled value into the value column (shrinks to 8.5 pt, then
 * wraps to two lines, or to the row's own maxLines, e.g. 3 for long institution names).
 */
export function prefilledRows(rows: Array<[label: string, value: string, maxLines?: number]>, fonts: Fonts): PrefilledRow[] {
  const valueWidth = LAYOUT.width - 2 * BOX.padding - BOX.labelWidth;
  return rows.map(([label, value, maxLines = 2]) => ({
    label,
    ...fitText(cleanText(value), fonts.bold, valueWidth, { maxSize: LAYOUT.body, minSize: 8.5, maxLines }),
  }));
}

/** Grey box with the pre-filled registration data (label, value); top edge at y; returns its bottom edge. */
export function drawPrefilledBox(page: PDFPage, rows: PrefilledRow[], y: number, fonts: Fonts): number {
  const lineCount = rows.reduce((n, row) => n + row.lines.length, 0);
  const height = 2 * BOX.padding + (lineCount - 1) * BOX.lineHeight + LAYOUT.body + 2;
  const bottom = y - height;
  page.drawRectangle({
    x: LAYOUT.left,
    y: bottom,
    width: LAYOUT.width,
    height,
    color: COLORS.fill,
    borderColor: COLORS.rule,
    borderWidth: 0.6,
  });
  let baseline = y - BOX.padding - LAYOUT.body + 1;
  for (const row of rows) {
    const labelStyle = { font: fonts.regular, size: LAYOUT.body, color: COLORS.muted };
    drawText(page, row.label, LAYOUT.left + BOX.padding, baseline, labelStyle);
    for (const line of row.lines) {
      drawText(page, line, LAYOUT.left + BOX.padding + BOX.labelWidth, baseline, { font: fonts.bold, size: row.size });
      baseline -= BOX.lineHeight;
    }
  }
  return bottom;
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

  doc.setTitle(`${CERTIFICATE_TITLE} – Betriebsnummer ${betriebsnummer}`);
  doc.setSubject(`Registrierung als Unternehmens-Administrator für „${portalName}“`);
  doc.setAuthor(cleanText(input.insurer.name));
  doc.setCreator('Pforte');
  doc.setProducer('Pforte');
  doc.setLanguage('de-DE');
  doc.setKeywords([CERTIFICATE_TITLE, betriebsnummer]);
  doc.setCreationDate(input.date);
  doc.setModificationDate(input.date);

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
  drawText(page, CERTIFICATE_TITLE, left, y, { font: fonts.bold, size: 18 });
  y -= 19;
  for (const line of subtitle) {
    drawText(page, line, left, y, { font: fonts.regular, size: 11 });
    y -= 14;
  }

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

  // Place and date.
  y -= spacing.fieldRow + 2;
  const columnGap = 24;
  const half = (width - columnGap) / 2;
  drawField(page, 'Ort', left, y, { fonts, width: half, labelWidth: 46 });
  drawField(page, 'Datum', left + half + columnGap, y, { fonts, width: half, labelWidth: 46 });

  // Signature (left) and company stamp (right), above the footer.
  const footerTop = drawFooter(page, CERTIFICATE_FOOTER, { fonts, size: LAYOUT.small });
  const stampTop = y - LAYOUT.gap - 4;
  const lowest = footerTop + LAYOUT.gap;
  const stampBottom = Math.max(lowest, stampTop - spacing.stampHeight);
  const stampHeight = Math.max(stampTop - stampBottom, 14 * MM);
  drawFramedBox(page, 'Firmenstempel', left + half + columnGap, stampBottom, half, stampHeight, fonts);
  drawSignatureLine(page, 'Unterschrift', left, stampBottom + 16, half, fonts);

  return { bytes: await doc.save(), shortfall: lowest - (stampTop - spacing.stampHeight) };
}
