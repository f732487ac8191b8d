/**
 * Small drawing helpers for the forms Pforte generates with pdf-lib
 * (employer certificate, later the provider certificate with its IK page).
 *
 * Coordinates are pdf-lib's: points, origin bottom-left. Every helper takes the
 * baseline (or bottom edge) it draws at and returns what a caller needs to go on
 * (the next y, or the width used), so the layout code can keep one cursor.
 *
 * The fonts ship with the product (assets/fonts, DejaVu Sans); nothing here reads
 * system fonts. The bytes are read once per process and embedded as a subset
 * into each document, so umlauts, ß and „…“ render in every PDF viewer.
 */
import { readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import { PageSizes, rgb, type PDFDocument, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { fromProjectRoot } from '../paths.ts';

/** One millimetre in PDF points. */
export const MM = 72 / 25.4;

/** A4 portrait in points. */
export const A4 = { width: PageSizes.A4[0], height: PageSizes.A4[1] } as const;

/** Page margin used by all forms: 2 cm on every side. */
export const MARGIN = 20 * MM;

export const COLORS = {
  text: rgb(0, 0, 0),
  muted: rgb(0.34, 0.34, 0.34),
  line: rgb(0.15, 0.15, 0.15),
  rule: rgb(0.72, 0.72, 0.72),
  fill: rgb(0.955, 0.955, 0.955),
} as const;

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

const FONT_FILES = {
  regular: fromProjectRoot('assets/fonts/DejaVuSans.ttf'),
  bold: fromProjectRoot('assets/fonts/DejaVuSans-Bold.ttf'),
} as const;

let fontBytes: Promise<{ regular: Uint8Array; bold: Uint8Array }> | undefined;

/** Reads the shipped font files once per process (a failed read is retried next time). */
export function loadFontBytes(): Promise<{ regular: Uint8Array; bold: Uint8Array }> {
  if (!fontBytes) {
    fontBytes = Promise.all([readFile(FONT_FILES.regular), readFile(FONT_FILES.bold)]).then(
      ([regular, bold]) => ({ regular: new Uint8Array(regular), bold: new Uint8Array(bold) }),
    );
    fontBytes.catch(() => {
      fontBytes = undefined;
    });
  }
  return fontBytes;
}

/** Registers fontkit and embeds DejaVu Sans (regular + bold) as subsets. */
export async function embedFonts(doc: PDFDocument): Promise<Fonts> {
  const bytes = await loadFontBytes();
  doc.registerFontkit(fontkit);
  const [regular, bold] = await Promise.all([
    doc.embedFont(bytes.regular, { subset: true }),
    doc.embedFont(bytes.bold, { subset: true }),
  ]);
  return { regular, bold };
}

/**
 * Makes user-supplied text safe to draw on one line: control and bidi
 * formatting characters are dropped, whitespace runs become one space.
 */
export function cleanText(value: string): string {
  return value
    .normalize('NFC')
    .replace(/[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** German date dd.mm.yyyy in the given time zone (default Europe/Berlin). */
export function formatGermanDate(date: Date, timeZone = 'Europe/Berlin'): string {
  const parts = new Intl.DateTimeFormat('de-DE', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}.${part('month')}.${part('year')}`;
}

function breakLongWord(word: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const ch of word) {
    if (current && font.widthOfTextAtSize(current + ch, size) > maxWidth) {
      pieces.push(current);
      current = ch;
    } else {
      current += ch;
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

/**
 * Greedy word wrap. Explicit "\n" starts a new line; words wider than the line
 * are broken between characters (long e-mail addresses). With maxLines the
 * last kept line ends in "…".
 */
export function wrapText(
  text: string,
  font: PDFFont,
  size: number,
  maxWidth: number,
  maxLines = Number.POSITIVE_INFINITY,
): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      if (font.widthOfTextAtSize(word, size) <= maxWidth) {
        line = word;
      } else {
        const pieces = breakLongWord(word, font, size, maxWidth);
        line = pieces.pop() ?? '';
        lines.push(...pieces);
      }
    }
    lines.push(line);
  }
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[kept.length - 1]!;
  while (last && font.widthOfTextAtSize(`${last}…`, size) > maxWidth) last = last.slice(0, -1);
  kept[kept.length - 1] = `${last}…`;
  return kept;
}

export interface TextStyle {
  font: PDFFont;
  size: number;
  color?: RGB;
}

/**
 * Fits text into a width: one line at the largest size from maxSize down to
 * minSize (0.5 pt steps); if even minSize is too wide, wrapped at minSize into
 * at most maxLines lines (the last one ending in "…" if cut).
 */
export function fitText(
  text: string,
  font: PDFFont,
  width: number,
  options: { maxSize: number; minSize: number; maxLines?: number },
): { size: number; lines: string[] } {
  for (let size = options.maxSize; size >= options.minSize; size -= 0.5) {
    if (font.widthOfTextAtSize(text, size) <= width) return { size, lines: [text] };
  }
  const size = options.minSize;
  return { size, lines: wrapText(text, font, size, width, options.maxLines ?? 2) };
}

/** Draws one line at baseline y; returns its width. */
export function drawText(page: PDFPage, text: string, x: number, y: number, style: TextStyle): number {
  page.drawText(text, { x, y, font: style.font, size: style.size, color: style.color ?? COLORS.text });
  return style.font.widthOfTextAtSize(text, style.size);
}

/** Draws one line right-aligned so that it ends at xRight. */
export function drawTextRight(page: PDFPage, text: string, xRight: number, y: number, style: TextStyle): void {
  drawText(page, text, xRight - style.font.widthOfTextAtSize(text, style.size), y, style);
}

export interface ParagraphOptions extends TextStyle {
  width: number;
  /** Distance between baselines; default 1.4 × size. */
  lineHeight?: number;
  maxLines?: number;
}

/**
 * Draws wrapped text whose first baseline is y. Returns the baseline the next
 * line would have, i.e. y minus (number of lines × lineHeight).
 */
export function drawParagraph(page: PDFPage, text: string, x: number, y: number, options: ParagraphOptions): number {
  const lineHeight = options.lineHeight ?? options.size * 1.4;
  const lines = wrapText(text, options.font, options.size, options.width, options.maxLines);
  for (const line of lines) {
    drawText(page, line, x, y, options);
    y -= lineHeight;
  }
  return y;
}

export function drawRule(page: PDFPage, x1: number, x2: number, y: number, color: RGB = COLORS.rule, thickness = 0.6): void {
  page.drawLine({ start: { x: x1, y }, end: { x: x2, y }, thickness, color });
}

export interface FieldOptions {
  fonts: Fonts;
  /** Total width from x: label column plus the writing line. */
  width: number;
  /** Width of the label column; the writing line starts after it. */
  labelWidth: number;
  size?: number;
  /** Pre-filled value, printed on the line (bold); omitted → blank line for handwriting. */
  value?: string;
}

/**
 * A form field: label on the left, a line to write on to the right. y is the
 * text baseline; the line lies 3 pt below it so handwriting sits on it.
 */
export function drawField(page: PDFPage, label: string, x: number, y: number, options: FieldOptions): void {
  const size = options.size ?? 10;
  drawText(page, label, x, y, { font: options.fonts.regular, size });
  const lineStart = x + options.labelWidth;
  drawRule(page, lineStart, x + options.width, y - 3, COLORS.line, 0.7);
  if (options.value) {
    const [line] = wrapText(cleanText(options.value), options.fonts.bold, size, options.width - options.labelWidth - 4, 1);
    drawText(page, line ?? '', lineStart + 2, y, { font: options.fonts.bold, size });
  }
}

export interface CheckboxOptions {
  fonts: Fonts;
  size?: number;
  checked?: boolean;
}

/** An empty (or ticked) square followed by its label; returns the width used. */
export function drawCheckbox(page: PDFPage, label: string, x: number, y: number, options: CheckboxOptions): number {
  const size = options.size ?? 10;
  const box = size * 1.05;
  const gap = size * 0.55;
  page.drawRectangle({ x, y: y - size * 0.18, width: box, height: box, borderColor: COLORS.line, borderWidth: 0.8 });
  if (options.checked) {
    const b = y - size * 0.18;
    page.drawLine({ start: { x: x + 2, y: b + 2 }, end: { x: x + box - 2, y: b + box - 2 }, thickness: 1, color: COLORS.text });
    page.drawLine({ start: { x: x + 2, y: b + box - 2 }, end: { x: x + box - 2, y: b + 2 }, thickness: 1, color: COLORS.text });
  }
  const textWidth = drawText(page, label, x + box + gap, y, { font: options.fonts.regular, size });
  return box + gap + textWidth;
}

/** A signature line with its caption underneath (y = the line). */
export function drawSignatureLine(page: PDFPage, caption: string, x: number, y: number, width: number, fonts: Fonts, size = 8.5): void {
  drawRule(page, x, x + width, y, COLORS.line, 0.8);
  drawText(page, caption, x, y - size - 3, { font: fonts.regular, size, color: COLORS.muted });
}

/** A framed box (e.g. for the company stamp) with a caption in its top-left corner; y = bottom edge. */
export function drawFramedBox(
  page: PDFPage,
  caption: string,
  x: number,
  y: number,
  width: number,
  height: number,
  fonts: Fonts,
  size = 8.5,
): void {
  page.drawRectangle({ x, y, width, height, borderColor: COLORS.line, borderWidth: 0.8 });
  drawText(page, caption, x + 6, y + height - size - 5, { font: fonts.regular, size, color: COLORS.muted });
}

/** A section heading in bold with an optional muted note after it; returns the width used. */
export function drawHeading(page: PDFPage, text: string, x: number, y: number, fonts: Fonts, size = 11, note?: string): number {
  let width = drawText(page, text, x, y, { font: fonts.bold, size });
  if (note) {
    width += drawText(page, ` ${note}`, x + width, y, { font: fonts.regular, size: size - 1.5, color: COLORS.muted });
  }
  return width;
}

export interface FooterOptions {
  fonts: Fonts;
  size?: number;
  /** e.g. "Seite 1 von 2"; printed right-aligned on the footer's last line. */
  pageLabel?: string;
}

/**
 * Footer between the margins at the bottom of the page: a rule, then wrapped
 * text. Returns the y of the rule, i.e. the lowest y the page body may use.
 */
export function drawFooter(page: PDFPage, text: string, options: FooterOptions): number {
  const size = options.size ?? 8.5;
  const lineHeight = size * 1.4;
  const x = MARGIN;
  const width = page.getWidth() - 2 * MARGIN;
  const reserve = options.pageLabel ? options.fonts.regular.widthOfTextAtSize(options.pageLabel, size) + 12 : 0;
  const lines = wrapText(text, options.fonts.regular, size, width - reserve);
  let y = MARGIN + (lines.length - 1) * lineHeight;
  const ruleY = y + size + 6;
  drawRule(page, x, x + width, ruleY);
  for (const line of lines) {
    drawText(page, line, x, y, { font: options.fonts.regular, size, color: COLORS.muted });
    y -= lineHeight;
  }
  if (options.pageLabel) {
    drawTextRight(page, options.pageLabel, x + width, MARGIN, { font: options.fonts.regular, size, color: COLORS.muted });
  }
  return ruleY;
}
