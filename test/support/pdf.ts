import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';

/** Whether poppler-utils' pdftotext is there; without it the PDF tests check less and say so. */
export const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;

/** pdftotext of a file, with runs of whitespace collapsed; `args` go before the file (e.g. a crop: -r 72 -x … -W …). */
export function pdfFileText(file: string, args: string[] = []): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', ...args, file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/** The same for a PDF in memory. */
export function pdfText(bytes: Uint8Array, args: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'pforte-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, bytes);
    return pdfFileText(file, args);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of a PDF in memory, or undefined once the test is marked skipped because pdftotext is missing. */
export function pdfTextOrSkip(t: { skip(message?: string): void }, bytes: Uint8Array): string | undefined {
  if (!hasPdftotext) {
    t.skip('pdftotext (poppler-utils) is not installed');
    return undefined;
  }
  return pdfText(bytes);
}

/** Checks that the bytes are a PDF of that many A4 portrait pages and returns it loaded, its metadata as written. */
export async function loadA4Pdf(bytes: Uint8Array, pages: number): Promise<PDFDocument> {
  assert.equal(Buffer.from(bytes.subarray(0, 5)).toString('latin1'), '%PDF-');
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  assert.equal(doc.getPageCount(), pages);
  for (const page of doc.getPages()) {
    const { width, height } = page.getSize();
    assert.ok(Math.abs(width - 595.28) < 0.1 && Math.abs(height - 841.89) < 0.1, `${width}×${height}`);
  }
  return doc;
}

/** A document's information dictionary, to compare as one record. */
export function pdfInfo(doc: PDFDocument) {
  return { title: doc.getTitle(), subject: doc.getSubject(), creator: doc.getCreator(), producer: doc.getProducer() };
}

/** The text of a PDF once it is checked to hold every expected phrase, or undefined once the test is skipped for want of pdftotext. */
export function pdfTextWith(t: { skip(message?: string): void }, bytes: Uint8Array, expected: string[]): string | undefined {
  const text = pdfTextOrSkip(t, bytes);
  if (text !== undefined) for (const phrase of expected) assert.ok(text.includes(phrase), `missing "${phrase}" in: ${text}`);
  return text;
}
