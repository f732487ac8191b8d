import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import type { Db } from '../../core/db/database.ts';
import { A4, MARGIN, drawParagraph, drawText, embedFonts } from '../../core/pdf/draw.ts';
import type { EpaRecords, NewDocument } from './service.ts';

/** A one-page PDF with a heading and a few paragraphs, as a practice's letter would be. */
async function letterPdf(title: string, author: string, paragraphs: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts = await embedFonts(doc);
  doc.setTitle(title);
  doc.setAuthor(author);
  doc.setCreator('Pforte (Demo)');
  const page = doc.addPage([A4.width, A4.height]);
  let y = A4.height - MARGIN - 12;
  drawText(page, author, MARGIN, y, { font: fonts.regular, size: 9 });
  y -= 40;
  drawText(page, title, MARGIN, y, { font: fonts.bold, size: 16 });
  y -= 28;
  for (const text of paragraphs) y = drawParagraph(page, text, MARGIN, y, { font: fonts.regular, size: 10.5, width: A4.width - 2 * MARGIN }) - 8;
  drawText(page, 'Demo-Dokument – keine echten Gesundheitsdaten.', MARGIN, MARGIN, { font: fonts.regular, size: 8 });
  return doc.save();
}

/** A grey picture with a light shape, standing in for an X-ray (PNG) or a photo (JPEG). */
async function picture(kind: 'png' | 'jpeg', label: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="360"><rect width="480" height="360" fill="#1d1d1f"/><ellipse cx="240" cy="180" rx="70" ry="140" fill="#d8d8d8" opacity="0.85"/><rect x="215" y="40" width="50" height="280" rx="20" fill="#f4f4f4" opacity="0.6"/><text x="16" y="340" font-family="sans-serif" font-size="16" fill="#ffffff">${label}</text></svg>`;
  const image = sharp(Buffer.from(svg));
  return kind === 'png' ? image.png().toBuffer() : image.jpeg({ quality: 80 }).toBuffer();
}

const day = (iso: string) => new Date(`${iso}T09:30:00Z`);

/** The demo documents of each record: the manual's three own uploads (§4.4) and some of practices, a hospital and the AOK. */
async function demoDocuments(insurerName: string): Promise<NewDocument[]> {
  return [
    { title: 'image001', classCode: 'BIL', fileName: 'image001.png', bytes: await picture('png', 'image001'), ownUpload: true, createdAt: day('2025-03-19') },
    { title: 'röntgenaufnahme', classCode: 'BIL', fileName: 'roentgenaufnahme.jpg', bytes: await picture('jpeg', 'Röntgen Thorax'), ownUpload: true, createdAt: day('2025-03-11') },
    { title: 'Demo PDF', classCode: 'DOK', fileName: 'Demo.pdf', bytes: await letterPdf('Demo PDF', 'Eigene Notiz', ['Ein Dokument, das die versicherte Person selbst in ihre Patientenakte geladen hat.']), ownUpload: true, createdAt: day('2025-03-05') },
    {
      title: 'Laborbefund Blutbild',
      classCode: 'LAB',
      fileName: 'Laborbefund.pdf',
      institution: 'Hausarztpraxis Dr. Sommer',
      createdAt: day('2025-02-20'),
      bytes: await letterPdf('Laborbefund: kleines Blutbild', 'Hausarztpraxis Dr. Sommer', ['Leukozyten, Erythrozyten, Hämoglobin und Thrombozyten im Referenzbereich.', 'Keine weitere Abklärung erforderlich.']),
    },
    {
      title: 'Entlassbrief',
      classCode: 'BRI',
      fileName: 'Entlassbrief.pdf',
      institution: 'Städtisches Klinikum',
      createdAt: day('2024-11-08'),
      bytes: await letterPdf('Entlassbrief', 'Städtisches Klinikum, Klinik für Innere Medizin', ['Stationärer Aufenthalt vom 04.11. bis 08.11.2024.', 'Entlassung in gutem Allgemeinzustand; Weiterbehandlung durch die Hausärztin.']),
    },
    {
      title: 'Medikationsplan',
      classCode: 'MED',
      fileName: 'Medikationsplan.pdf',
      institution: 'Hausarztpraxis Dr. Sommer',
      createdAt: day('2025-01-15'),
      bytes: await letterPdf('Bundeseinheitlicher Medikationsplan', 'Hausarztpraxis Dr. Sommer', ['Ramipril 5 mg: 1-0-0', 'Simvastatin 20 mg: 0-0-1']),
    },
    {
      title: 'Bewilligung Hilfsmittel',
      classCode: 'ADM',
      fileName: 'Bewilligung.pdf',
      institution: insurerName,
      createdAt: day('2024-09-30'),
      bytes: await letterPdf('Bewilligung eines Hilfsmittels', insurerName, ['Die Kosten für die beantragten Einlagen werden übernommen.']),
    },
  ];
}

/**
 * Documents for the demo persons' records, only with the embedded database: a person's record that
 * has no documents yet gets them; one that has any (a restart, or the person's own uploads) is left as
 * it is, so a restart adds nothing.
 */
export async function seedEpaRecordsDemo(deps: { db: Db; epaRecords: EpaRecords }, persons: readonly { kvnr: string }[], insurerName: string): Promise<number> {
  let added = 0;
  let documents: Awaited<ReturnType<typeof demoDocuments>> | undefined;
  for (const { kvnr } of persons) {
    const record = await deps.db
      .selectFrom('insured_persons')
      .innerJoin('epa_records', 'epa_records.insured_id', 'insured_persons.id')
      .select(['insured_persons.id', 'epa_records.id as record_id'])
      .where('kvnr', '=', kvnr)
      .executeTakeFirst();
    if (!record) continue;
    const any = await deps.db.selectFrom('epa_documents').select('id').where('record_id', '=', record.record_id).limit(1).executeTakeFirst();
    if (any) continue;
    documents ??= await demoDocuments(insurerName);
    for (const doc of documents) {
      await deps.epaRecords.add({ actor: { kind: 'system' } }, record.id, doc);
      added += 1;
    }
  }
  return added;
}
