import type { PDFPage } from 'pdf-lib';
import { COLORS, drawText, type Fonts } from '../../core/pdf/draw.ts';
import { LAYOUT } from '../../core/pdf/certificate.ts';

/** Minimum number of empty rows in the table of further IK numbers. */
export const FURTHER_IK_MIN_ROWS = 10;
const FURTHER_IK_MAX_ROWS = 14;

/**
 * Table "Nr. | IK-Nummer (9 Ziffern) | Bezeichnung der Institution" with empty
 * rows to fill in by hand; top edge at `top`, as many rows as fit above
 * `bottomMin` (between FURTHER_IK_MIN_ROWS and FURTHER_IK_MAX_ROWS; rows get
 * lower rather than fewer than the minimum). Returns the bottom edge.
 */
export function drawIkTable(page: PDFPage, top: number, bottomMin: number, fonts: Fonts): number {
  const { left, width } = LAYOUT;
  const headerHeight = 20;
  const preferredRow = 24;
  const space = top - headerHeight - bottomMin;
  const rowCount = Math.max(FURTHER_IK_MIN_ROWS, Math.min(FURTHER_IK_MAX_ROWS, Math.floor(space / preferredRow)));
  const rowHeight = Math.max(16, Math.min(preferredRow, space / rowCount));
  const columns = [34, 150, width - 34 - 150];
  const headers = ['Nr.', 'IK-Nummer (9 Ziffern)', 'Bezeichnung der Institution'];
  const bottom = top - headerHeight - rowCount * rowHeight;
  const border = { color: COLORS.line, thickness: 0.6 };

  page.drawRectangle({ x: left, y: top - headerHeight, width, height: headerHeight, color: COLORS.fill });
  let x = left;
  for (const [index, header] of headers.entries()) {
    drawText(page, header, x + 6, top - headerHeight + 6.5, { font: fonts.bold, size: 9 });
    x += columns[index]!;
  }

  // Rows: number, nine digit cells marked with short ticks, the institution's name.
  const digitStart = left + columns[0]! + 8;
  const digitWidth = (columns[1]! - 16) / 9;
  for (let row = 0; row < rowCount; row += 1) {
    const rowBottom = top - headerHeight - (row + 1) * rowHeight;
    drawText(page, `${row + 1}.`, left + 6, rowBottom + 7, {
      font: fonts.regular,
      size: 9,
      color: COLORS.muted,
    });
    const tickBase = rowBottom + 5;
    page.drawLine({ start: { x: digitStart, y: tickBase }, end: { x: digitStart + 9 * digitWidth, y: tickBase }, thickness: 0.4, color: COLORS.rule });
    for (let digit = 0; digit <= 9; digit += 1) {
      const tx = digitStart + digit * digitWidth;
      page.drawLine({ start: { x: tx, y: tickBase }, end: { x: tx, y: tickBase + 4 }, thickness: 0.4, color: COLORS.rule });
    }
  }

  // Grid.
  for (let row = 0; row <= rowCount + 1; row += 1) {
    const ry = row === 0 ? top : top - headerHeight - (row - 1) * rowHeight;
    page.drawLine({ start: { x: left, y: ry }, end: { x: left + width, y: ry }, ...border });
  }
  x = left;
  for (let column = 0; column <= columns.length; column += 1) {
    page.drawLine({ start: { x, y: top }, end: { x, y: bottom }, ...border });
    x += columns[column] ?? 0;
  }
  return bottom;
}
