/**
 * The head of the activation letter as DIN 5008 form B lays it out, so that the letter is folded
 * into a window envelope (DL, C5/6) and posted: the address field 85 × 45 mm at 20 mm from the left and
 * 45 mm from the top edge, its upper 17.7 mm for the sender's return line in small type, its lower
 * 27.3 mm for at most six lines of the recipient; the information block at 125 mm from the left; fold
 * marks at 105 and 210 mm and the punch mark at 148.5 mm; the insurer's name as letterhead above. The
 * subject line starts below 98.4 mm.
 */
import type { PDFPage } from 'pdf-lib';
import type { Insurer } from '../../core/config/insurers.ts';
import { A4, COLORS, MM, cleanText, drawText, fitText, wrapText, type Fonts } from '../../core/pdf/draw.ts';
import { LAYOUT, addresseeLines, drawAddressee } from '../../core/pdf/certificate.ts';
import type { Address } from './fields.ts';

/** The address field of form B, in millimetres from the page's top left corner. */
export const ADDRESS_FIELD_MM = { left: 20, top: 45, width: 85, height: 45, senderZone: 17.7, inset: 5 } as const;
/** Where the subject line may start, in millimetres from the top edge. */
export const SUBJECT_TOP_MM = 98.4;
const INFO_LEFT_MM = 125;
const INFO_TOP_MM = 50;
/** The recipient in 10 pt, down to 8 pt where a long name or street would otherwise be cut. */
const RECIPIENT_SIZES = [10, 9.5, 9, 8.5, 8] as const;
const LINE_FACTOR = 1.2;

/** Millimetres from the top edge → pdf-lib's y (points from the bottom). */
const fromTop = (mm: number) => A4.height - mm * MM;

/** The insurer's address as configured, or null when the configuration has none (then the name alone is shown). */
function insurerAddress(insurer: Insurer): Address | null {
  return insurer.street.trim() && insurer.postalCode.trim() && insurer.city.trim() ? { street: insurer.street, postalCode: insurer.postalCode, city: insurer.city } : null;
}

/** "AOK Hessen · Basler Straße 2 · 61352 Bad Homburg v. d. Höhe", or the name alone: the return line above the recipient. */
export function senderLine(insurer: Insurer): string {
  const address = insurerAddress(insurer);
  return cleanText(address ? `${insurer.name} · ${address.street} · ${address.postalCode} ${address.city}` : insurer.name);
}

/**
 * The recipient's lines: the name and, when the person has one, the address, each part on at most two
 * lines (six in all, what the field holds), at the largest size where nothing is cut.
 */
export function recipientLines(name: string, address: Address | null, width: number, fonts: Fonts): { size: number; lines: string[] } {
  const parts = (address ? [name, address.street, `${address.postalCode} ${address.city}`] : [name]).map(cleanText);
  const wrapped = (size: number, maxLines?: number) => parts.map((part) => wrapText(part, fonts.regular, size, width, maxLines));
  const size = RECIPIENT_SIZES.find((s) => wrapped(s).every((lines) => lines.length <= 2)) ?? 8;
  return { size, lines: wrapped(size, 2).flat() };
}

/** Short marks at the left edge: where to fold into three, and where to punch. */
function drawMarks(page: PDFPage): void {
  for (const [mm, length] of [[105, 5], [148.5, 7], [210, 5]] as const) {
    page.drawLine({ start: { x: 4 * MM, y: fromTop(mm) }, end: { x: (4 + length) * MM, y: fromTop(mm) }, thickness: 0.5, color: COLORS.rule });
  }
}

/**
 * Draws the fold marks, the address field (the sender line above the recipient) and the information
 * block (the insurer, the KVNR, the date); returns the baseline of the subject line.
 */
export function drawLetterHead(page: PDFPage, head: { insurer: Insurer; name: string; address: Address | null; kvnr: string; date: string }, fonts: Fonts): number {
  const field = ADDRESS_FIELD_MM;
  drawMarks(page);
  // the letterhead in the 45 mm above the address field
  drawText(page, cleanText(head.insurer.name), LAYOUT.left, LAYOUT.top - 14, { font: fonts.bold, size: 16 });
  const x = (field.left + field.inset) * MM;
  const width = (field.width - 2 * field.inset) * MM;
  const sender = fitText(senderLine(head.insurer), fonts.regular, width, { maxSize: 7, minSize: 5.5, maxLines: 1 });
  drawText(page, sender.lines[0] ?? '', x, fromTop(field.top + field.senderZone) + 4, { font: fonts.regular, size: sender.size, color: COLORS.muted });
  const recipient = recipientLines(head.name, head.address, width, fonts);
  let y = fromTop(field.top + field.senderZone) - 12;
  for (const line of recipient.lines) {
    drawText(page, line, x, y, { font: fonts.regular, size: recipient.size });
    y -= recipient.size * LINE_FACTOR;
  }

  const info = INFO_LEFT_MM * MM;
  const infoWidth = LAYOUT.right - info;
  // the insurer's name, then its street and town (the last two lines), which a configuration without an address leaves out
  const own = addresseeLines(head.insurer, infoWidth, fonts);
  y = drawAddressee(page, insurerAddress(head.insurer) ? own : own.slice(0, -2), info, fromTop(INFO_TOP_MM) - 8, fonts) - 8;
  for (const line of [`Versichertennummer: ${head.kvnr}`, `Datum: ${head.date}`]) {
    drawText(page, line, info, y, { font: fonts.regular, size: LAYOUT.body });
    y -= LAYOUT.lineHeight;
  }
  return fromTop(SUBJECT_TOP_MM) - 14;
}
