/**
 * The payment advice as an A4 PDF: the paying insurer at the top, the advice data in a grey
 * box (number, dates, payer, payee IK with the institution's name, masked IBAN, total), then
 * the items as a table (invoice number, date, invoiced, deduction, paid, reference; the
 * deduction reason on a line of its own) with the totals. The table runs on over as many
 * pages as it needs, with its header repeated; every page carries "Seite x von y".
 */
import type { PDFPage } from 'pdf-lib';
import type { Insurer } from '../../core/config/insurers.ts';
import { A4, COLORS, MARGIN, cleanText, drawRule, drawText, drawTextRight, fitText, formatGermanDate, wrapText, type Fonts } from '../../core/pdf/draw.ts';
import { drawPageFooters, reportPages, startReport } from '../../core/pdf/report.ts';
import { formatCents, formatEuro, germanDay, type StoredAdvice } from './model.ts';

export interface AdvicePdfInput {
  advice: StoredAdvice;
  /** the insurer that pays (its address heads the page) */
  insurer: Insurer | undefined;
  portalName: string;
  /** when the document was made (printed small at the end) */
  createdAt: Date;
}

const LEFT = MARGIN;
const RIGHT = A4.width - MARGIN;
const WIDTH = RIGHT - LEFT;
const TOP = A4.height - MARGIN;
/** the footer (one line and the page label) needs this much above the bottom margin */
const BODY_BOTTOM = MARGIN + 34;

const SIZE = 8.5;
const LINE = 11;

interface Column {
  /** the header, in up to two lines */
  title: string[];
  width: number;
  align: 'left' | 'right';
}

const COLUMNS: Column[] = [
  { title: ['Pos.'], width: 26, align: 'right' },
  { title: ['Rechnungs-', 'nummer'], width: 96, align: 'left' },
  { title: ['Rechnungs-', 'datum'], width: 62, align: 'left' },
  { title: ['Rechnungs-', 'betrag'], width: 72, align: 'right' },
  { title: ['Abzug'], width: 64, align: 'right' },
  { title: ['Zahlbetrag'], width: 72, align: 'right' },
  { title: ['Referenz'], width: 0, align: 'left' },
];
COLUMNS[COLUMNS.length - 1]!.width = WIDTH - COLUMNS.slice(0, -1).reduce((n, c) => n + c.width, 0);
const PAD = 4;

function columnX(i: number): number {
  return LEFT + COLUMNS.slice(0, i).reduce((n, c) => n + c.width, 0);
}

function drawCell(page: PDFPage, i: number, text: string, y: number, font: Fonts['regular'], color = COLORS.text): void {
  const c = COLUMNS[i]!;
  if (c.align === 'right') drawTextRight(page, text, columnX(i) + c.width - PAD, y, { font, size: SIZE, color });
  else drawText(page, text, columnX(i) + PAD, y, { font, size: SIZE, color });
}

/** The table's header row; top edge at y; returns the y below it. */
function drawTableHeader(page: PDFPage, y: number, fonts: Fonts): number {
  const height = 2 * LINE + 8;
  page.drawRectangle({ x: LEFT, y: y - height, width: WIDTH, height, color: COLORS.fill });
  COLUMNS.forEach((c, i) => {
    c.title.forEach((line, k) => {
      const fit = fitText(line, fonts.bold, c.width - 2 * PAD, { maxSize: SIZE, minSize: 6.5, maxLines: 1 });
      const text = fit.lines[0]!;
      const x = c.align === 'right' ? columnX(i) + c.width - PAD - fonts.bold.widthOfTextAtSize(text, fit.size) : columnX(i) + PAD;
      drawText(page, text, x, y - LINE - 1 - k * LINE, { font: fonts.bold, size: fit.size });
    });
  });
  drawRule(page, LEFT, RIGHT, y - height, COLORS.line, 0.8);
  return y - height;
}

interface Row {
  cells: string[][];
  reason: string[];
  height: number;
}

function layoutRow(advice: StoredAdvice, index: number, fonts: Fonts): Row {
  const item = advice.items[index]!;
  const values = [
    String(item.position),
    cleanText(item.invoiceNumber),
    germanDay(item.invoiceDate),
    formatCents(item.invoicedCents),
    item.deductionCents ? formatCents(item.deductionCents) : '–',
    formatCents(item.paidCents),
    cleanText(item.reference ?? ''),
  ];
  const cells = values.map((v, i) => wrapText(v, fonts.regular, SIZE, COLUMNS[i]!.width - 2 * PAD, 2));
  const reason = item.deductionReason
    ? wrapText(`Abzugsgrund: ${cleanText(item.deductionReason)}`, fonts.regular, SIZE - 0.5, WIDTH - COLUMNS[0]!.width - 2 * PAD, 3)
    : [];
  const lines = Math.max(...cells.map((c) => c.length)) + reason.length;
  return { cells, reason, height: lines * LINE + 6 };
}

/** The grey box with the advice data; top edge at y; returns its bottom edge. */
function drawAdviceBox(page: PDFPage, rows: Array<[string, string, boolean?]>, y: number, fonts: Fonts): number {
  const labelWidth = 150;
  const valueWidth = WIDTH - 2 * 9 - labelWidth;
  const laid = rows.map(([label, value, bold]) => ({ label, bold, lines: wrapText(cleanText(value), bold ? fonts.bold : fonts.regular, 10, valueWidth, 2) }));
  const count = laid.reduce((n, r) => n + r.lines.length, 0);
  const height = 2 * 9 + (count - 1) * 14 + 12;
  page.drawRectangle({ x: LEFT, y: y - height, width: WIDTH, height, color: COLORS.fill, borderColor: COLORS.rule, borderWidth: 0.6 });
  let baseline = y - 9 - 9;
  for (const row of laid) {
    drawText(page, row.label, LEFT + 9, baseline, { font: fonts.regular, size: 10, color: COLORS.muted });
    for (const line of row.lines) {
      drawText(page, line, LEFT + 9 + labelWidth, baseline, { font: row.bold ? fonts.bold : fonts.regular, size: 10 });
      baseline -= 14;
    }
  }
  return y - height;
}

export async function renderAdvicePdf(input: AdvicePdfInput): Promise<Uint8Array> {
  const { advice, insurer } = input;
  const title = `Zahlungsavis ${advice.adviceNumber}`;
  const { doc, fonts } = await startReport(`${title} – IK ${advice.ik}`, {
    subject: `Zahlungsavis vom ${germanDay(advice.adviceDate)} für das IK ${advice.ik}`,
    author: insurer?.name ?? advice.payer,
  });
  const pages = reportPages(doc);

  // page 1: sender, title, the advice data
  let page = pages.add();
  let y = TOP;
  if (insurer) {
    drawText(page, cleanText(insurer.name), LEFT, y - 11, { font: fonts.bold, size: 11 });
    drawText(page, cleanText(insurer.street), LEFT, y - 25, { font: fonts.regular, size: 9.5, color: COLORS.muted });
    drawText(page, cleanText(`${insurer.postalCode} ${insurer.city}`), LEFT, y - 38, { font: fonts.regular, size: 9.5, color: COLORS.muted });
  }
  drawTextRight(page, cleanText(input.portalName), RIGHT, y - 11, { font: fonts.regular, size: 9, color: COLORS.muted });
  y -= 70;
  drawText(page, title, LEFT, y, { font: fonts.bold, size: 16 });
  y -= 14;
  y = drawAdviceBox(
    page,
    [
      ['Avisnummer', advice.adviceNumber, true],
      ['Avisdatum', germanDay(advice.adviceDate)],
      ['Valutadatum', germanDay(advice.valueDate)],
      ['Zahler', advice.payer],
      ['Zahlungsempfänger (IK)', advice.institution ? `${advice.ik} – ${advice.institution}` : advice.ik],
      ['Bankverbindung (IBAN)', advice.ibanMasked],
      ['Gesamtbetrag', formatEuro(advice.totalCents), true],
      ['Anzahl Positionen', String(advice.items.length)],
    ],
    y,
    fonts,
  );
  y -= 22;
  drawText(page, 'Positionen', LEFT, y, { font: fonts.bold, size: 11 });
  y = drawTableHeader(page, y - 6, fonts);

  let sumInvoiced = 0;
  let sumDeduction = 0;
  let sumPaid = 0;
  advice.items.forEach((item, index) => {
    const row = layoutRow(advice, index, fonts);
    if (y - row.height < BODY_BOTTOM) {
      page = pages.add();
      drawText(page, `${title} – Positionen (Fortsetzung)`, LEFT, TOP - 11, { font: fonts.bold, size: 11 });
      y = drawTableHeader(page, TOP - 20, fonts);
    }
    let baseline = y - LINE + 1;
    row.cells.forEach((lines, i) => lines.forEach((line, k) => drawCell(page, i, line, baseline - k * LINE, fonts.regular)));
    baseline -= Math.max(...row.cells.map((c) => c.length)) * LINE;
    for (const line of row.reason) {
      drawText(page, line, columnX(1) + PAD, baseline, { font: fonts.regular, size: SIZE - 0.5, color: COLORS.muted });
      baseline -= LINE;
    }
    y -= row.height;
    drawRule(page, LEFT, RIGHT, y + 2);
    sumInvoiced += item.invoicedCents;
    sumDeduction += item.deductionCents;
    sumPaid += item.paidCents;
  });

  // totals, then a short note
  if (y - 3 * LINE - 30 < BODY_BOTTOM) {
    page = pages.add();
    y = TOP;
  }
  drawRule(page, LEFT, RIGHT, y, COLORS.line, 0.8);
  const totals = y - LINE - 2;
  drawText(page, 'Summe', columnX(1) + PAD, totals, { font: fonts.bold, size: SIZE });
  drawCell(page, 3, formatCents(sumInvoiced), totals, fonts.bold);
  drawCell(page, 4, formatCents(sumDeduction), totals, fonts.bold);
  drawCell(page, 5, formatCents(sumPaid), totals, fonts.bold);
  y = totals - 24;
  drawText(page, `Überwiesener Gesamtbetrag: ${formatEuro(advice.totalCents)}`, LEFT, y, { font: fonts.bold, size: 10 });
  y -= 16;
  drawText(page, `Beträge in Euro. Abgerufen am ${formatGermanDate(input.createdAt)}.`, LEFT, y, { font: fonts.regular, size: SIZE, color: COLORS.muted });

  drawPageFooters(pages.pages, `${title} – IK ${advice.ik} – ${germanDay(advice.adviceDate)}`, fonts);
  return doc.save();
}
