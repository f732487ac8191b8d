import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether poppler-utils' pdftotext is there; without it the PDF tests check less and say so. */
export const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;

/** pdftotext of a file, with runs of whitespace collapsed. */
export function pdfFileText(file: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/** The same for a PDF in memory. */
export function pdfText(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'pforte-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, bytes);
    return pdfFileText(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
