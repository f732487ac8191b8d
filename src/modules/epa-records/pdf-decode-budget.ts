import { PDFContext, PDFDocument, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import { MAX_PDF_DECODED_BYTES, MAX_PDF_DECODE_RATIO } from './limits.ts';

/**
 * Reading a PDF with pdf-lib inflates its object and cross-reference streams, in JavaScript into
 * buffers that double as they fill and know no limit: a PDF of 0.3 MB whose one object stream is
 * compressed zeros took 700 MB, one of 1 MB 1.6 GB, and a worker's heap limit does not hold them
 * (typed arrays live outside the heap). The bytes cannot be judged from the file beforehand: a
 * stream may be compressed twice over (/Filter [/FlateDecode /FlateDecode]), with LZW, and its
 * dictionary may hide what it is; zlib and pdf-lib's own inflater do not even agree on what is
 * broken. So the budget is kept where the memory is taken. Every decoder of pdf-lib (Flate, LZW,
 * RunLength, ASCII85, ASCIIHex, each link of a chain) grows its buffer through one method,
 * DecodeStream's ensureBuffer; while loadPdf reads a PDF, each byte asked for there counts against
 * that PDF's budget, and the request that would pass it is refused before anything is allocated.
 * pdf-lib takes such an error as one broken object and reads on, so loadPdf asks afterwards and
 * refuses the whole document. Images and page contents are not inflated by reading or copying
 * pages, so they cost nothing here, however well they compress.
 */

/** A PDF whose streams inflate to more than its budget: refused as too complex, whatever else it is. */
export class PdfDecodeBudgetExceeded extends Error {
  constructor() {
    super('the PDF inflates to more than its budget');
    this.name = 'PdfDecodeBudgetExceeded';
  }
}

/** What one PDF of `size` bytes may inflate: MAX_PDF_DECODED_BYTES, and at most MAX_PDF_DECODE_RATIO times its size. */
export function pdfDecodeBudget(size: number, maxDecodedBytes = MAX_PDF_DECODED_BYTES): number {
  return Math.min(maxDecodedBytes, MAX_PDF_DECODE_RATIO * size);
}

interface Reading {
  left: number;
  over: boolean;
  /** how far each decoder's buffer was allowed to grow */
  grown: WeakMap<object, number>;
}

/** The PDF being read (a worker reads one at a time); null outside loadPdf, where nothing is counted. */
let reading: Reading | null = null;

type Grow = (this: object, requested: number) => Uint8Array;

/**
 * DecodeStream's prototype, found through pdf-lib's exported decodePDFRawStream (the class itself is
 * not exported). Should a release of pdf-lib name it differently, the worker fails at its start
 * rather than read PDFs without a budget.
 */
function decoderPrototype(): { ensureBuffer: Grow } {
  const probe = decodePDFRawStream(PDFRawStream.of(PDFContext.create().obj({ Filter: 'ASCIIHexDecode' }), new Uint8Array()));
  for (let proto = Object.getPrototypeOf(probe); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    if (Object.hasOwn(proto, 'ensureBuffer') && typeof proto.ensureBuffer === 'function') return proto;
  }
  throw new Error('pdf-lib: DecodeStream.ensureBuffer not found, a PDF cannot be read within a budget');
}

const decoder = decoderPrototype();
const grow = decoder.ensureBuffer;
decoder.ensureBuffer = function (this: object, requested: number) {
  const current = reading;
  if (current) {
    const before = current.grown.get(this) ?? 0;
    if (requested > before) {
      // once over, every further stream is refused at its first byte: nothing more is inflated
      if (current.over || requested - before > current.left) {
        current.over = true;
        throw new PdfDecodeBudgetExceeded();
      }
      current.left -= requested - before;
      current.grown.set(this, requested);
    }
  }
  return grow.call(this, requested);
};

/**
 * PDFDocument.load (metadata untouched) within the budget of pdfDecodeBudget: throws
 * PdfDecodeBudgetExceeded when its streams would inflate to more, and whatever pdf-lib throws for a
 * PDF it cannot read.
 */
export async function loadPdf(bytes: Uint8Array, maxDecodedBytes = MAX_PDF_DECODED_BYTES): Promise<PDFDocument> {
  if (reading) throw new Error('loadPdf: one PDF at a time');
  const mine: Reading = { left: pdfDecodeBudget(bytes.length, maxDecodedBytes), over: false, grown: new WeakMap() };
  reading = mine;
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    if (mine.over) throw new PdfDecodeBudgetExceeded();
    return doc;
  } finally {
    reading = null;
  }
}
