import { PDFDocument, type PDFImage, type PDFPage } from 'pdf-lib';
import sharp, { type Sharp } from 'sharp';
import { A4, COLORS, MARGIN, cleanText, drawRule, drawText, formatGermanDate, wrapText, type Fonts } from '../../core/pdf/draw.ts';
import { drawFacts, drawPageFooters, plainTable, startReport } from '../../core/pdf/report.ts';
import { berlinDateTime } from '../insured/letter.ts';
import type { EpaContentType } from '../../core/db/epa-records-schema.ts';
import { documentClassLabel } from './classes.ts';

/** A document of "Als PDF speichern", as the cover lists it; its bytes are loaded one at a time. */
export interface ExportItem {
  id: string;
  class_code: string;
  title: string;
  author: string;
  created_at: Date;
  content_type: EpaContentType;
}

/** Why a document is not in the PDF (the cover says "nicht enthalten"). */
export type NotIncludedReason = 'pdf_unreadable' | 'image_unreadable';

export interface ExportResult {
  bytes: Uint8Array;
  /** the documents whose pages are in the PDF */
  included: string[];
  notIncluded: { id: string; reason: NotIncludedReason }[];
  pages: number;
}

/** Images larger than this many pixels are scaled down by sharp before they are placed (a decompression bomb never reaches pdf-lib). */
const MAX_PLACED_PIXELS = 40_000_000;
/** A TIFF's pages beyond this many are not converted (a fax of a whole file has fewer). */
const MAX_TIFF_PAGES = 100;
/** sharp refuses to decode anything larger (its default is 268 MP). */
const SHARP_LIMIT = { limitInputPixels: 200_000_000 } as const;

const LINE = 11;
const LEFT = MARGIN;
const WIDTH = A4.width - 2 * MARGIN;
const TOP = A4.height - MARGIN;
const BOTTOM = MARGIN + 44;
/** Nr., Typ, Titel, Autor, Erstelldatum, Seite */
const TABLE = plainTable({ left: LEFT, width: WIDTH, shares: [0.05, 0.18, 0.29, 0.19, 0.13, 0.16], heads: ['Nr.', 'Typ', 'Titel', 'Autor', 'Erstellt', 'Seite'], size: 8.5, line: LINE });
/** The first page's heading and facts take this much before the table starts. */
const INTRO_HEIGHT = 110;
const NOT_INCLUDED = 'nicht enthalten';
const FOOTER =
  '„nicht enthalten“: Das Dokument ließ sich nicht in diese PDF-Datei übernehmen (z. B. eine verschlüsselte oder beschädigte PDF-Datei). ' +
  'Sie können es in Ihrer ePA einzeln öffnen.';

interface CoverRow {
  cells: string[][];
  height: number;
}

/** The cover's rows laid out (wrapped cells, heights) and the pages they take: known before any document is read. */
function layoutCover(items: readonly ExportItem[], fonts: Fonts): { rows: CoverRow[]; pageOf: number[]; pageCount: number } {
  const rows = items.map((item, n) => {
    const cells = TABLE.wrap([String(n + 1), documentClassLabel(item.class_code), item.title, item.author, formatGermanDate(item.created_at)], fonts);
    return { cells, height: Math.max(...cells.map((c) => c.length)) * LINE + 4 };
  });
  const pageOf: number[] = [];
  let page = 0;
  let y = TOP - INTRO_HEIGHT - LINE;
  for (const row of rows) {
    if (y - row.height < BOTTOM) {
      page += 1;
      y = TOP - 10 - LINE;
    }
    pageOf.push(page);
    y -= row.height;
  }
  return { rows, pageOf, pageCount: page + 1 };
}

/** A caption above a placed image: what the document is. */
function drawCaption(page: PDFPage, item: ExportItem, fonts: Fonts, part?: string): number {
  let y = TOP - 4;
  for (const line of wrapText(cleanText(item.title) + (part ? ` (${part})` : ''), fonts.bold, 11, WIDTH, 2)) {
    drawText(page, line, LEFT, y, { font: fonts.bold, size: 11 });
    y -= 14;
  }
  const facts = `${documentClassLabel(item.class_code)} · ${cleanText(item.author)} · ${formatGermanDate(item.created_at)}`;
  drawText(page, wrapText(facts, fonts.regular, 8.5, WIDTH, 1)[0] ?? '', LEFT, y, { font: fonts.regular, size: 8.5, color: COLORS.muted });
  return y - 12;
}

/** An image on its own A4 page under its caption, as large as fits without changing its proportions. */
function placeImage(doc: PDFDocument, image: PDFImage, item: ExportItem, fonts: Fonts, part?: string) {
  const page = doc.addPage([A4.width, A4.height]);
  const top = drawCaption(page, item, fonts, part);
  const boxHeight = top - MARGIN;
  const scale = Math.min(WIDTH / image.width, boxHeight / image.height);
  const width = image.width * scale;
  const height = image.height * scale;
  page.drawImage(image, { x: LEFT + (WIDTH - width) / 2, y: top - height, width, height });
}

/** A JPEG or PNG as pdf-lib can embed it: as it is, or through sharp when it is turned (EXIF), very large, or of a kind pdf-lib cannot read. */
async function embedPicture(doc: PDFDocument, bytes: Uint8Array, type: 'image/jpeg' | 'image/png'): Promise<PDFImage> {
  const meta = await sharp(bytes, SHARP_LIMIT).metadata();
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (!pixels) throw new Error('no image');
  const turned = (meta.orientation ?? 1) > 1;
  if (!turned && pixels <= MAX_PLACED_PIXELS) {
    try {
      return type === 'image/jpeg' ? await doc.embedJpg(bytes) : await doc.embedPng(bytes);
    } catch {
      // a variant pdf-lib does not read (16-bit PNG, an unusual JPEG): sharp converts it below
    }
  }
  return doc.embedPng(await toPng(sharp(bytes, SHARP_LIMIT).rotate()));
}

/** A sharp image as an 8-bit PNG no larger than MAX_PLACED_PIXELS. */
function toPng(image: Sharp): Promise<Buffer> {
  const side = Math.floor(Math.sqrt(MAX_PLACED_PIXELS));
  return image.resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true }).png({ compressionLevel: 6 }).toBuffer();
}

/** Appends one document's pages; false when it cannot be converted. */
async function appendDocument(doc: PDFDocument, item: ExportItem, bytes: Uint8Array, fonts: Fonts): Promise<NotIncludedReason | null> {
  if (item.content_type === 'application/pdf') {
    try {
      // an encrypted PDF is refused by pdf-lib (EncryptedPDFError): it cannot be copied unopened
      const source = await PDFDocument.load(bytes, { updateMetadata: false });
      const indices = source.getPageIndices();
      if (indices.length === 0) return 'pdf_unreadable';
      const pages = await doc.copyPages(source, indices);
      for (const page of pages) doc.addPage(page);
      return null;
    } catch {
      return 'pdf_unreadable';
    }
  }
  try {
    if (item.content_type === 'image/tiff') {
      const meta = await sharp(bytes, SHARP_LIMIT).metadata();
      const count = Math.min(meta.pages ?? 1, MAX_TIFF_PAGES);
      // converted first, placed after: a TIFF that fails halfway adds no page
      const images: PDFImage[] = [];
      for (let i = 0; i < count; i++) images.push(await doc.embedPng(await toPng(sharp(bytes, { ...SHARP_LIMIT, page: i }).rotate())));
      images.forEach((image, i) => placeImage(doc, image, item, fonts, count > 1 ? `Seite ${i + 1} von ${count}` : undefined));
      return null;
    }
    placeImage(doc, await embedPicture(doc, bytes, item.content_type), item, fonts);
    return null;
  } catch {
    return 'image_unreadable';
  }
}

/**
 * "Als PDF speichern" (manual 003 §4.4): one PDF of the selected documents. First a cover listing
 * them (Typ, Titel, Autor, Erstelldatum and the page each starts on), then each document: PDFs page
 * by page, JPEG and PNG placed on A4 pages scaled to fit, TIFF converted by sharp (every page). What
 * cannot be converted (an encrypted or broken PDF, an unreadable image) is on the cover as "nicht
 * enthalten". Bytes are asked for one document at a time, so only one is held besides the result.
 */
export async function renderDocumentsPdf(input: {
  person: { name: string; kvnr: string };
  items: readonly ExportItem[];
  load: (item: ExportItem) => Promise<Uint8Array>;
  madeAt: Date;
}): Promise<ExportResult> {
  const { doc, fonts } = await startReport('Dokumente aus Ihrer elektronischen Patientenakte');
  const cover = layoutCover(input.items, fonts);

  const firstPage: (number | null)[] = [];
  const included: string[] = [];
  const notIncluded: ExportResult['notIncluded'] = [];
  for (const item of input.items) {
    const before = doc.getPageCount();
    const reason = await appendDocument(doc, item, await input.load(item), fonts);
    if (reason) {
      // a document that failed halfway leaves none of its pages
      while (doc.getPageCount() > before) doc.removePage(doc.getPageCount() - 1);
      firstPage.push(null);
      notIncluded.push({ id: item.id, reason });
    } else {
      firstPage.push(cover.pageCount + before + 1);
      included.push(item.id);
    }
  }

  const pages: PDFPage[] = [];
  for (let i = 0; i < cover.pageCount; i++) pages.push(doc.insertPage(i, [A4.width, A4.height]));
  let page = pages[0]!;
  let y = TOP - 16;
  drawText(page, 'Dokumente aus Ihrer elektronischen Patientenakte (ePA)', LEFT, y, { font: fonts.bold, size: 14 });
  y -= 22;
  const documents = `${input.items.length} ausgewählt, ${included.length} enthalten${notIncluded.length ? `, ${notIncluded.length} nicht enthalten` : ''}`;
  drawFacts(page, [['Versicherte Person', `${input.person.name} (${input.person.kvnr})`], ['Dokumente', documents], ['Erstellt', berlinDateTime(input.madeAt)]], LEFT, y, fonts, 130);
  y = TABLE.drawHeads(page, TOP - INTRO_HEIGHT, fonts);
  cover.rows.forEach((row, n) => {
    if (pages[cover.pageOf[n]!] !== page) {
      page = pages[cover.pageOf[n]!]!;
      y = TABLE.drawHeads(page, TOP - 10, fonts);
    }
    const where = firstPage[n] === null ? NOT_INCLUDED : String(firstPage[n]);
    TABLE.drawRow(page, [...row.cells, [where]], y, fonts);
    y -= row.height;
    drawRule(page, LEFT, LEFT + WIDTH, y + LINE - 4);
  });
  drawPageFooters(pages, notIncluded.length ? FOOTER : 'Zusammengestellt aus Ihrer elektronischen Patientenakte.', fonts, 'Übersicht');

  const bytes = await doc.save();
  return { bytes, included, notIncluded, pages: doc.getPageCount() };
}
