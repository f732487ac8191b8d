import { PDFDocument, PDFName, PDFPage, type PDFImage, type PDFRef } from 'pdf-lib';
import sharp, { type Sharp } from 'sharp';
import { A4, COLORS, MARGIN, cleanText, drawRule, drawText, formatGermanDate, wrapText, type Fonts } from '../../core/pdf/draw.ts';
import { drawFacts, drawPageFooters, plainTable, startReport } from '../../core/pdf/report.ts';
import { berlinDateTime } from '../insured/letter.ts';
import type { EpaContentType } from '../../core/db/epa-records-schema.ts';
import { documentClassLabel } from './classes.ts';
import { MAX_IMAGE_PIXELS, MAX_PLACED_SIDE, MAX_TIFF_PAGES } from './limits.ts';
import { loadPdf } from './pdf-decode-budget.ts';

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

/** The selected documents have more pages together than one export may have: nothing is made. */
export class ExportTooLarge extends Error {
  constructor(readonly maxPages: number) {
    super(`more than ${maxPages} pages`);
    this.name = 'ExportTooLarge';
  }
}

/** sharp refuses to decode an image larger than a document may have (one stored before that rule, or a bomb). */
const SHARP_LIMIT = { limitInputPixels: MAX_IMAGE_PIXELS } as const;

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

/** A new A4 page, not yet in the document's page tree (see pageTree). */
function newPage(doc: PDFDocument): PDFPage {
  const page = PDFPage.create(doc);
  page.setSize(A4.width, A4.height);
  return page;
}

/** An image on its own A4 page under its caption, as large as fits without changing its proportions. */
function placeImage(doc: PDFDocument, image: PDFImage, item: ExportItem, fonts: Fonts, part?: string): PDFPage {
  const page = newPage(doc);
  const top = drawCaption(page, item, fonts, part);
  const boxHeight = top - MARGIN;
  const scale = Math.min(WIDTH / image.width, boxHeight / image.height);
  const width = image.width * scale;
  const height = image.height * scale;
  page.drawImage(image, { x: LEFT + (WIDTH - width) / 2, y: top - height, width, height });
  return page;
}

/**
 * A JPEG or PNG as pdf-lib embeds it: a JPEG as it is (pdf-lib only reads its header), anything else
 * (a PNG, a turned or very large JPEG, one pdf-lib cannot read) through sharp.
 */
async function embedPicture(doc: PDFDocument, bytes: Uint8Array, type: 'image/jpeg' | 'image/png'): Promise<PDFImage> {
  const meta = await sharp(bytes, SHARP_LIMIT).metadata();
  if (!meta.width || !meta.height) throw new Error('no image');
  const turned = (meta.orientation ?? 1) > 1;
  if (type === 'image/jpeg' && !turned && Math.max(meta.width, meta.height) <= MAX_PLACED_SIDE) {
    try {
      return await doc.embedJpg(bytes);
    } catch {
      // a JPEG variant pdf-lib does not read (arithmetic coding, an unusual marker): sharp converts it below
    }
  }
  return doc.embedJpg(await toJpeg(sharp(bytes, SHARP_LIMIT).rotate()));
}

/**
 * A sharp image as a JPEG whose longer side is at most MAX_PLACED_SIDE, on white where it was
 * transparent. A JPEG because pdf-lib embeds one without decoding it: a PNG it would inflate and
 * deflate again in JavaScript, seconds for one scanned page. The export is a copy to read and print;
 * the original stays in the record as it was added.
 */
function toJpeg(image: Sharp): Promise<Buffer> {
  return image
    .resize({ width: MAX_PLACED_SIDE, height: MAX_PLACED_SIDE, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** A document's pages, ready to be attached, or why it is not included. */
type Converted = { pages: PDFPage[] } | { reason: NotIncludedReason };

/**
 * One document's pages, made but not yet in the page tree: a document that fails halfway adds none.
 * `count` learns how many pages it will have before they are made (PDFs: after reading; TIFF: from
 * its header), so an export over its cap stops before the work.
 */
async function convertDocument(doc: PDFDocument, item: ExportItem, bytes: Uint8Array, fonts: Fonts, count: (pages: number) => void): Promise<Converted> {
  if (item.content_type === 'application/pdf') {
    let source: PDFDocument;
    let indices: number[];
    try {
      // an encrypted PDF is refused by pdf-lib (EncryptedPDFError): it cannot be copied unopened; one
      // that inflates beyond its budget (stored before that was checked) is not read to the end
      source = await loadPdf(bytes);
      indices = source.getPageIndices();
    } catch {
      return { reason: 'pdf_unreadable' };
    }
    if (indices.length === 0) return { reason: 'pdf_unreadable' };
    count(indices.length);
    try {
      // all its pages in one call: the copier visits each shared object (fonts, images) once
      return { pages: await doc.copyPages(source, indices) };
    } catch {
      return { reason: 'pdf_unreadable' };
    }
  }
  let images: PDFImage[];
  try {
    if (item.content_type === 'image/tiff') {
      const meta = await sharp(bytes, SHARP_LIMIT).metadata();
      const pages = Math.min(meta.pages ?? 1, MAX_TIFF_PAGES);
      count(pages);
      images = [];
      for (let i = 0; i < pages; i++) images.push(await doc.embedJpg(await toJpeg(sharp(bytes, { ...SHARP_LIMIT, page: i }).rotate())));
    } else {
      count(1);
      images = [await embedPicture(doc, bytes, item.content_type)];
    }
  } catch (error) {
    if (error instanceof ExportTooLarge) throw error;
    return { reason: 'image_unreadable' };
  }
  return { pages: images.map((image, i) => placeImage(doc, image, item, fonts, images.length > 1 ? `Seite ${i + 1} von ${images.length}` : undefined)) };
}

/**
 * Appends pages at the end of the document's page tree. pdf-lib's addPage walks the tree from its
 * first page to find the end, so adding n pages took n²/2 steps (a 40,000-page PDF over a minute of CPU);
 * here each page is one step. pdf-lib's own page count is computed from the tree when first asked,
 * so nothing asks it (addPage, getPageCount) before the tree is complete.
 */
function pageTree(doc: PDFDocument) {
  const root = doc.catalog.Pages();
  const rootRef = doc.catalog.get(PDFName.of('Pages')) as PDFRef;
  return {
    attach(pages: readonly PDFPage[]) {
      for (const page of pages) {
        root.pushLeafNode(page.ref);
        page.node.setParent(rootRef);
      }
    },
  };
}

/**
 * "Als PDF speichern" (manual 003 §4.4): one PDF of the selected documents. First a cover listing
 * them (Typ, Titel, Autor, Erstelldatum and the page each starts on), then each document: PDFs page
 * by page, JPEG and PNG placed on A4 pages scaled to fit, TIFF converted by sharp (every page). What
 * cannot be converted (an encrypted or broken PDF, an unreadable image) is on the cover as "nicht
 * enthalten". Bytes are asked for one document at a time, so only one is held besides the result.
 * More than `maxPages` pages of documents throw ExportTooLarge as soon as they are counted. This
 * runs in a worker thread (worker.ts), never on the server's event loop.
 */
export async function renderDocumentsPdf(input: {
  person: { name: string; kvnr: string };
  items: readonly ExportItem[];
  load: (item: ExportItem) => Promise<Uint8Array>;
  madeAt: Date;
  maxPages: number;
}): Promise<ExportResult> {
  const { doc, fonts } = await startReport('Dokumente aus Ihrer elektronischen Patientenakte');
  const tree = pageTree(doc);
  const cover = layoutCover(input.items, fonts);
  // the cover's pages first (how many is known from the titles), drawn once the documents' pages are known
  const pages = Array.from({ length: cover.pageCount }, () => newPage(doc));
  tree.attach(pages);

  let documentPages = 0;
  const count = (n: number) => {
    documentPages += n;
    if (documentPages > input.maxPages) throw new ExportTooLarge(input.maxPages);
  };
  const firstPage: (number | null)[] = [];
  const included: string[] = [];
  const notIncluded: ExportResult['notIncluded'] = [];
  let total = cover.pageCount;
  for (const item of input.items) {
    const converted = await convertDocument(doc, item, await input.load(item), fonts, count);
    if ('reason' in converted) {
      firstPage.push(null);
      notIncluded.push({ id: item.id, reason: converted.reason });
    } else {
      tree.attach(converted.pages);
      firstPage.push(total + 1);
      total += converted.pages.length;
      included.push(item.id);
    }
  }

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
  return { bytes, included, notIncluded, pages: total };
}
