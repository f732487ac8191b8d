/**
 * What one document and one "Als PDF speichern" may cost (issue 15: a record is not a lever to stop
 * the server). 25 MB say little about the work inside: a PDF of 0.5 MB can hold 40,000 pages, a PNG
 * of 0.6 MB a blank image of 196 megapixels. So a document's pages and pixels are checked when it is
 * added, from its structure and headers without decoding anything, and an export is capped in pages
 * and bytes and runs in a worker thread that is stopped after EXPORT_TIMEOUT_MS.
 */

/**
 * Pages of one PDF. A scanned page is about 50 KB, so 25 MB of scans are about 500 pages; a hospital
 * stay's file, the longest paper a record holds, is a few hundred. More pages in 25 MB are pages with
 * next to nothing on them, and each one costs at every export.
 */
export const MAX_PDF_PAGES = 500;
/** Pages of one TIFF: a fax of a whole file has fewer (a fax page is about 4 megapixels). */
export const MAX_TIFF_PAGES = 100;
/**
 * Pixels of one image or TIFF page: an A4 page scanned at 600 dpi is 35 megapixels, a phone's photo
 * 12 to 50. Decoding one takes about 3 bytes a pixel, so this bounds a decode at about 150 MB.
 */
export const MAX_IMAGE_PIXELS = 50_000_000;
/** Pixels of all pages of one TIFF: a 100-page fax (about 400 megapixels) fits, three 196-megapixel pages do not. */
export const MAX_IMAGE_TOTAL_PIXELS = 400_000_000;

/**
 * The pages of all documents of one export: four reams of paper, more than anyone prints or reads in
 * one file. Copying a PDF's page takes well under a millisecond, so 2,000 of them take a few seconds
 * even on a busy machine, well within the timeout.
 */
export const MAX_EXPORT_PAGES = 2_000;
/** The stored bytes of all documents of one export (the PDF is about as large): four full documents' worth. */
export const MAX_EXPORT_BYTES = 100 * 1024 * 1024;
/** An export still running after this long is stopped (its worker terminated) and refused. */
export const EXPORT_TIMEOUT_MS = 30_000;
/** Counting a PDF's pages when it is added (pdf-lib reads the whole file) is stopped after this long. */
export const CHECK_TIMEOUT_MS = 10_000;
/**
 * What pdf-lib may inflate while it reads one PDF (its object and cross-reference streams, where the
 * objects of a compressed PDF are): 0.3 MB of compressed zeros are 300 MB inflated, 25 MB are 25 GB,
 * and those buffers are outside the worker's heap limit. An ordinary PDF's object streams hold a few
 * hundred bytes a page (the 40,000 pages of the page bomb are about 4 MB), so 64 MB are far more than
 * any real document and little enough for the server to hold beside its other work.
 */
export const MAX_PDF_DECODED_BYTES = 64 * 1024 * 1024;
/**
 * And at most this many times the PDF's own size: objects compress five to ten times, so a small
 * file that inflates a hundredfold is made to (0.3 MB may inflate 30 MB, not 64).
 */
export const MAX_PDF_DECODE_RATIO = 100;
/**
 * A task (a page check, an export) still waiting for its turn after this long is refused as "busy"
 * (503, try again), never as too complex: the wait says how busy the server is, not what the
 * document costs.
 */
export const WORKER_WAIT_MS = 20_000;
/** Tasks that may wait behind the running one, each line: more are refused at once as "busy". */
export const WORKER_QUEUE_LENGTH = 8;
/** Retry-After of a "busy" answer, in seconds: about one task's time. */
export const BUSY_RETRY_AFTER_S = 30;
/** Retry-After when the caller's own task is still running, in seconds. */
export const RUNNING_RETRY_AFTER_S = 10;
/**
 * An image whose longer side is longer is scaled down before it is placed on its A4 page: 3,508
 * pixels are A4's long side at 300 dpi, as sharp as a print needs; more only makes the PDF larger
 * and slower to make.
 */
export const MAX_PLACED_SIDE = 3_508;

/** How long a task may wait for its turn and how many may wait; a call may lower them (the tests do, to fill the line). */
export interface QueueLimits {
  waitMs: number;
  maxQueued: number;
}

/** The caps of one page check when a PDF is added; a call may lower them (the tests do). */
export interface CheckLimits extends QueueLimits {
  timeoutMs: number;
  maxDecodedBytes: number;
}

export const CHECK_LIMITS: CheckLimits = { timeoutMs: CHECK_TIMEOUT_MS, maxDecodedBytes: MAX_PDF_DECODED_BYTES, waitMs: WORKER_WAIT_MS, maxQueued: WORKER_QUEUE_LENGTH };

/** The caps of one export; a call may lower them (the tests do, to reach the timeout). */
export interface ExportLimits extends QueueLimits {
  maxPages: number;
  maxBytes: number;
  timeoutMs: number;
}

export const EXPORT_LIMITS: ExportLimits = { maxPages: MAX_EXPORT_PAGES, maxBytes: MAX_EXPORT_BYTES, timeoutMs: EXPORT_TIMEOUT_MS, waitMs: WORKER_WAIT_MS, maxQueued: WORKER_QUEUE_LENGTH };
