import sharp from 'sharp';
import type { EpaContentType } from '../../core/db/epa-records-schema.ts';
import type { EpaRecordCode } from './messages.ts';
import { CHECK_LIMITS, MAX_IMAGE_PIXELS, MAX_IMAGE_TOTAL_PIXELS, MAX_PDF_PAGES, MAX_TIFF_PAGES, type CheckLimits } from './limits.ts';
import { WorkerLimit, countPdfPages, type TaskOptions } from './worker.ts';

type BudgetCode = Extract<EpaRecordCode, 'epa_record.too_many_pages' | 'epa_record.image_too_large' | 'epa_record.too_complex'>;

/**
 * Whether an added document stays within what one document may cost (limits.ts): the code to refuse
 * it with, or null. Nothing is decoded: a PDF's pages are counted by pdf-lib in the worker thread
 * (a PDF it cannot read, encrypted or broken, is accepted as before; the export lists it as "nicht
 * enthalten" and converts nothing of it), an image's pixels come from its header. Too complex: a
 * PDF not read within its time or the worker's memory, or whose streams inflate beyond their budget.
 * A check that did not get its turn throws WorkerBusy: that is the server's state, not the document's.
 */
export async function documentBudget(bytes: Uint8Array, type: EpaContentType, options: Partial<CheckLimits> & TaskOptions = {}): Promise<BudgetCode | null> {
  if (type === 'application/pdf') {
    const { timeoutMs, maxDecodedBytes, ...task } = { ...CHECK_LIMITS, ...options };
    try {
      const pages = await countPdfPages(bytes, { timeoutMs, maxDecodedBytes }, task);
      return pages !== null && pages > MAX_PDF_PAGES ? 'epa_record.too_many_pages' : null;
    } catch (error) {
      if (error instanceof WorkerLimit) return 'epa_record.too_complex';
      throw error;
    }
  }
  return imageBudget(bytes);
}

/** Each page's pixels and their sum, from the headers (sharp's metadata, its own pixel limit off so that it reports rather than refuses). */
async function imageBudget(bytes: Uint8Array): Promise<BudgetCode | null> {
  const header = (page: number) => sharp(bytes, { limitInputPixels: false, page }).metadata();
  let first;
  try {
    first = await header(0);
  } catch {
    // not readable as an image: the export cannot convert it either ("nicht enthalten")
    return null;
  }
  const pages = first.pages ?? 1;
  if (pages > MAX_TIFF_PAGES) return 'epa_record.too_many_pages';
  let total = 0;
  for (let page = 0; page < pages; page++) {
    const meta = page === 0 ? first : await header(page).catch(() => null);
    const pixels = meta ? (meta.width ?? 0) * (meta.height ?? 0) : 0;
    if (pixels > MAX_IMAGE_PIXELS) return 'epa_record.image_too_large';
    total += pixels;
  }
  return total > MAX_IMAGE_TOTAL_PIXELS ? 'epa_record.image_too_large' : null;
}
