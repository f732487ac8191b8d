import { PDFDocument, StandardFonts } from 'pdf-lib';

/** Real, small files of each kind a user uploads. */
export async function samplePdf(text = 'Arbeitgeberbescheinigung unterschrieben'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText(text, { x: 50, y: 780, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  return doc.save();
}

/** A 1×1 baseline JPEG. */
export const sampleJpeg = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

/** The start of a Windows executable: what a renamed .exe looks like inside. */
export function sampleExe(): Buffer {
  const b = Buffer.alloc(512);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
}

/** An insurer whose every line is as long as real ones get, to see a certificate still fits its page. */
export const longInsurer = {
  name: 'AOK Rheinland/Hamburg – Die Gesundheitskasse, Regionaldirektion Düsseldorf-Mettmann und Umgebung',
  street: 'Kasernenstraße 61 (Eingang über den Innenhof, Gebäude C, 3. Obergeschoss, Zimmer 312)',
  postalCode: '40213',
  city: 'Düsseldorf',
};
