/**
 * The layout both portals' certificates (Arbeitgeberbescheinigung) share: the page's measures, the
 * document's metadata, the insurer as addressee, the title with its subtitle, the grey box of the
 * data the registration already knows, and the signing block (place and date, signature, company
 * stamp) that always stays above the footer. Each portal's certificate brings its own words and
 * its own blank fields.
 */
import type { PDFDocument, PDFPage } from 'pdf-lib';
import { A4, COLORS, MARGIN, cleanText, drawField, drawFramedBox, drawParagraph, drawRule, drawText, fitText, wrapText, type Fonts, type ParagraphOptions } from './draw.ts';

export const CERTIFICATE_TITLE = 'Arbeitgeberbescheinigung';

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

/** Layout measures shared by the certificate pages. */
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

/**
 * Spacing between a roomy layout (t = 0) and a tight one (t = 1): a page is laid out roomy first and,
 * when long names push its stamp into the footer, once more tightened by the shortfall.
 */
export function mixSpacing<S extends { [K in keyof S]: number }>(roomy: S, tight: S, t: number): S {
  const k = Math.max(0, Math.min(1, t));
  const keys = Object.keys(roomy) as (keyof S)[];
  return Object.fromEntries(keys.map((key) => [key, roomy[key] - (roomy[key] - tight[key]) * k])) as S;
}

/** Title, subject and the rest of the document information, dated with the certificate. */
export function setCertificateInfo(doc: PDFDocument, info: { title: string; subject: string; author: string; keywords: string[]; date: Date }): void {
  doc.setTitle(info.title);
  doc.setSubject(info.subject);
  doc.setAuthor(cleanText(info.author));
  doc.setCreator('Pforte');
  doc.setProducer('Pforte');
  doc.setLanguage('de-DE');
  doc.setKeywords(info.keywords);
  doc.setCreationDate(info.date);
  doc.setModificationDate(info.date);
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

/**
 * The subtitle on one line (11 pt, down to 10 pt); if too long, two lines
 * broken after the dash, so the portal name stays together where it fits.
 */
export function subtitleLines(subtitle: string, fonts: Fonts, width: number): { size: number; lines: string[] } {
  const single = fitText(subtitle, fonts.regular, width, { maxSize: 11, minSize: 10, maxLines: 1 });
  if (fonts.regular.widthOfTextAtSize(subtitle, single.size) <= width) return single;
  const dash = subtitle.lastIndexOf(' – ');
  if (dash < 0) return { size: 11, lines: wrapText(subtitle, fonts.regular, 11, width, 2) };
  const head = wrapText(subtitle.slice(0, dash + 2), fonts.regular, 11, width, 1);
  const tail = wrapText(subtitle.slice(dash + 3), fonts.regular, 11, width, 1);
  return { size: 11, lines: [...head, ...tail] };
}

/** The title (18 pt bold) at baseline y and the subtitle's lines under it; returns the baseline after them. */
export function drawTitle(page: PDFPage, y: number, subtitle: { lines: string[]; size: number }, fonts: Fonts): number {
  drawText(page, CERTIFICATE_TITLE, LAYOUT.left, y, { font: fonts.bold, size: 18 });
  y -= 19;
  for (const line of subtitle.lines) {
    drawText(page, line, LAYOUT.left, y, { font: fonts.regular, size: subtitle.size });
    y -= 14;
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

export interface SigningBlock {
  /** baseline of the place and date row */
  y: number;
  /** the footer's rule: nothing goes below it */
  footerTop: number;
  /** the stamp box's wished height */
  stampHeight: number;
  /** the least height the stamp box keeps when the page is full */
  minStampHeight: number;
  /** draws the signature line with its caption in the left column, above `bottom` */
  signature: (page: PDFPage, x: number, bottom: number, width: number) => void;
}

/**
 * Place/date row at baseline y, then the signature (left) and the stamp box (right) below it, never
 * lower than the footer. Returns the shortfall: how many points the stamp box lacks at its wished
 * height (≤ 0: it fits).
 */
export function drawSigningBlock(page: PDFPage, block: SigningBlock, fonts: Fonts): number {
  const { left, width } = LAYOUT;
  const columnGap = 24;
  const half = (width - columnGap) / 2;
  drawField(page, 'Ort', left, block.y, { fonts, width: half, labelWidth: 46 });
  drawField(page, 'Datum', left + half + columnGap, block.y, { fonts, width: half, labelWidth: 46 });

  const stampTop = block.y - LAYOUT.gap - 4;
  const lowest = block.footerTop + LAYOUT.gap;
  const stampBottom = Math.max(lowest, stampTop - block.stampHeight);
  const height = Math.max(stampTop - stampBottom, block.minStampHeight);
  drawFramedBox(page, 'Firmenstempel', left + half + columnGap, stampBottom, half, height, fonts);
  block.signature(page, left, stampBottom, half);
  return lowest - (stampTop - block.stampHeight);
}


/** Signature line with its caption wrapped underneath (at most two lines); the caption ends at `bottom`. */
export function drawWrappedSignature(page: PDFPage, caption: string, x: number, bottom: number, width: number, fonts: Fonts): void {
  const size = LAYOUT.small;
  const lineHeight = size + 2;
  const lines = wrapText(caption, fonts.regular, size, width, 2);
  const lineY = bottom + 2 + (lines.length - 1) * lineHeight + size + 3;
  drawRule(page, x, x + width, lineY, COLORS.line, 0.8);
  let baseline = lineY - size - 3;
  for (const line of lines) {
    drawText(page, line, x, baseline, { font: fonts.regular, size, color: COLORS.muted });
    baseline -= lineHeight;
  }
}

/** Bulleted list, first baseline y; returns the baseline below the last line. */
export function drawBullets(page: PDFPage, items: string[], x: number, y: number, options: ParagraphOptions): number {
  const indent = 14;
  for (const item of items) {
    drawText(page, '•', x + 3, y, options);
    y = drawParagraph(page, item, x + indent, y, { ...options, width: options.width - indent });
  }
  return y;
}
