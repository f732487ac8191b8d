/**
 * What the reports Pforte makes with pdf-lib share (the payment advice, the ePA Protokoll, the
 * cover of "Als PDF speichern"): a German A4 document with the shipped fonts and Pforte's document
 * information, pages counted in their footers ("Seite x von y"), a block of facts (label, value)
 * and a plain table whose heads repeat on every page it runs over.
 */
import { PDFDocument, type PDFPage } from 'pdf-lib';
import { A4, COLORS, cleanText, drawFooter, drawRule, drawText, embedFonts, wrapText, type Fonts } from './draw.ts';

/** A new document with the fonts embedded, titled, in German, made by Pforte. */
export async function startReport(title: string, info: { subject?: string; author?: string } = {}): Promise<{ doc: PDFDocument; fonts: Fonts }> {
  const doc = await PDFDocument.create();
  const fonts = await embedFonts(doc);
  doc.setTitle(title);
  if (info.subject !== undefined) doc.setSubject(info.subject);
  if (info.author !== undefined) doc.setAuthor(cleanText(info.author));
  doc.setCreator('Pforte');
  doc.setProducer('Pforte');
  doc.setLanguage('de-DE');
  return { doc, fonts };
}

/** The A4 pages a report adds, in order, so that its footers can count them at the end. */
export function reportPages(doc: PDFDocument): { pages: PDFPage[]; add: () => PDFPage } {
  const pages: PDFPage[] = [];
  return {
    pages,
    add() {
      const page = doc.addPage([A4.width, A4.height]);
      pages.push(page);
      return page;
    },
  };
}

/** The same footer text on every page, with "<label> x von y" at its right. */
export function drawPageFooters(pages: readonly PDFPage[], text: string, fonts: Fonts, label = 'Seite'): void {
  pages.forEach((page, i) => drawFooter(page, text, { fonts, pageLabel: `${label} ${i + 1} von ${pages.length}` }));
}

/** Lines of a label (muted) and its value `valueOffset` to the right; returns the baseline after the last. */
export function drawFacts(page: PDFPage, facts: readonly (readonly [string, string])[], x: number, y: number, fonts: Fonts, valueOffset: number): number {
  for (const [label, value] of facts) {
    drawText(page, label, x, y, { font: fonts.regular, size: 9.5, color: COLORS.muted });
    drawText(page, cleanText(value), x + valueOffset, y, { font: fonts.regular, size: 9.5 });
    y -= 14;
  }
  return y;
}

/**
 * A plain table: columns at shares of `width` from `left`, bold heads over a rule, each cell's text
 * wrapped into its column (at most `maxLines` lines), the lines `line` apart.
 */
export function plainTable(spec: { left: number; width: number; shares: readonly number[]; heads: readonly string[]; size: number; line: number }) {
  const { left, size, line } = spec;
  const widths = spec.shares.map((share) => share * spec.width);
  const columnX = (i: number) => left + widths.slice(0, i).reduce((a, b) => a + b, 0);
  return {
    /** The heads at baseline y with their rule; returns the first row's baseline. */
    drawHeads(page: PDFPage, y: number, fonts: Fonts): number {
      spec.heads.forEach((head, i) => drawText(page, head, columnX(i), y, { font: fonts.bold, size }));
      drawRule(page, left, left + spec.width, y - 4, COLORS.line, 0.8);
      return y - 4 - line;
    },
    /** A row's texts, each cleaned and wrapped into its column. */
    wrap(texts: readonly string[], fonts: Fonts, maxLines = 3): string[][] {
      return texts.map((text, i) => wrapText(cleanText(text), fonts.regular, size, widths[i]! - 6, maxLines));
    },
    /** A row's lines, the first at baseline y. */
    drawRow(page: PDFPage, cells: readonly (readonly string[])[], y: number, fonts: Fonts): void {
      cells.forEach((lines, i) => lines.forEach((text, k) => drawText(page, text, columnX(i), y - k * line, { font: fonts.regular, size })));
    },
  };
}
