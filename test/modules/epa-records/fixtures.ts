import assert from 'node:assert/strict';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { crc32, createDeflate, deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFPage, type PDFRef } from 'pdf-lib';
import sharp from 'sharp';
import type { TestSystem } from '../../support/system.ts';
import { SYSTEM_ACTOR } from '../../../src/modules/insured/service.ts';
import type { RecordAccess } from '../../../src/modules/epa-records/service.ts';
import { documentAad } from '../../../src/modules/epa-records/record-keys.ts';
import { workerTasks } from '../../../src/modules/epa-records/worker.ts';
import { encryptFile } from '../../../src/core/files/encryption.ts';
import { newId } from '../../../src/core/ids/secrets.ts';
import { freshKvnr } from '../insured/kvnr.ts';

const ACTOR = { ...SYSTEM_ACTOR, actor: 'operator:cli' };

/** A person registered for the ePA through the service, as staff would register them. */
export async function registeredPerson(t: TestSystem, insurerId = 'bw', firstName = 'Erika') {
  const kvnr = freshKvnr('E');
  // the postal address is given as a person's form has it; a service without addresses ignores it
  const fields: Record<string, string> = { kvnr, lastName: 'Mustermann', firstName, birthDate: '12.08.1964', email: 'erika@example.org', insurerId, street: 'Hauptstraße 1', postalCode: '70173', city: 'Stuttgart' };
  const created = await t.system.deps.insured.create(ACTOR, fields);
  assert.ok(created.ok, JSON.stringify(created));
  await t.system.deps.insured.registerForEpa(ACTOR, created.id, 'in_person');
  return { id: created.id, kvnr };
}

/** The person themself, from their ePA client's device. */
export const self = (insuredId: string): RecordAccess => ({ actor: { kind: 'insured', id: insuredId }, device: { id: 'device-1', name: 'Laptop' }, ip: '203.0.113.9' });

/** A small PDF whose bytes carry `text` in clear (a comment and a text object), as a scanned letter's would. */
export function pdfWith(text: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n` +
      `3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n` +
      `4 0 obj << /Length 44 >> stream\nBT /F1 12 Tf 72 720 Td (${text}) Tj ET\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

export const png = () => sharp({ create: { width: 4, height: 4, channels: 3, background: '#3a7' } }).png().toBuffer();
export const tiff = () => sharp({ create: { width: 4, height: 4, channels: 3, background: '#a37' } }).tiff().toBuffer();
export const jpeg = () => sharp({ create: { width: 4, height: 4, channels: 3, background: '#37a' } }).jpeg().toBuffer();

/**
 * A real PDF of `pages` small empty pages, written with object streams: 40,000 pages are about half
 * a megabyte. Its pages are put in the page tree directly, as pdf-lib's addPage would take minutes.
 */
export async function pdfOfPages(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const root = doc.catalog.Pages();
  const rootRef = doc.catalog.get(PDFName.of('Pages')) as PDFRef;
  for (let i = 0; i < pages; i++) {
    const page = PDFPage.create(doc);
    page.setSize(200, 200);
    root.pushLeafNode(page.ref);
    page.node.setParent(rootRef);
  }
  return doc.save({ useObjectStreams: true });
}

/**
 * A valid grey PNG of side × side black pixels: its IDAT is deflated zeros, so 14,000 × 14,000 (196
 * megapixels) are under 200 KB, and a decoder would need 196 MB for them.
 */
export function blankPng(side: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const framed = Buffer.alloc(body.length + 8);
    framed.writeUInt32BE(data.length, 0);
    body.copy(framed, 4);
    framed.writeUInt32BE(crc32(body), body.length + 4);
    return framed;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 8; // 8 bits, grey (colour type 0), deflate, no filter set, not interlaced
  const rows = Buffer.alloc((side + 1) * side); // each row: filter byte 0 and its pixels
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * A PDF of one page whose object stream is `megabytes` MB of zeros, deflated: 300 MB are 0.3 MB of
 * file; deflated `twice` (/Filter [/FlateDecode /FlateDecode]), under 1 KB. pdf-lib inflates an
 * object stream as it reads the file, before it can tell that the objects in it are none. Deflated a
 * megabyte at a time, so the test itself never holds the zeros.
 */
export async function objectStreamBomb(megabytes: number, options: { twice?: boolean } = {}): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (part: Buffer) => parts.push(part));
  const ended = once(deflate, 'end');
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < megabytes; i++) if (!deflate.write(zeros)) await once(deflate, 'drain');
  deflate.end();
  await ended;
  const deflated = Buffer.concat(parts);
  const data = options.twice ? deflateSync(deflated, { level: 9 }) : deflated;
  const filter = options.twice ? '[/FlateDecode /FlateDecode]' : '/FlateDecode';
  return Buffer.concat([
    Buffer.from(
      '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
        '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n' +
        `4 0 obj << /Type /ObjStm /N 1 /First 4 /Filter ${filter} /Length ${data.length} >> stream\n`,
      'latin1',
    ),
    data,
    Buffer.from('\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1'),
  ]);
}

/**
 * A PDF in the person's record as an upload stored it before a check existed: written to the
 * record, encrypted as the service writes it, without any check. Its id.
 */
export async function storedUnchecked(t: TestSystem, insuredId: string, title: string, bytes: Uint8Array): Promise<string> {
  const { db, epaRecords } = t.system.deps;
  const record = await db.selectFrom('epa_records').select('id').where('insured_id', '=', insuredId).executeTakeFirstOrThrow();
  const id = newId();
  const sealed = encryptFile(await epaRecords.recordKey(record.id), bytes, documentAad(record.id, id));
  await db
    .insertInto('epa_documents')
    .values({ id, record_id: record.id, class_code: 'BEF', title, author_kind: 'insured', author: 'von mir', created_at: new Date(), content_type: 'application/pdf', file_name: 'alt.pdf', size: bytes.length, added_by: `insured:${insuredId}`, iv: sealed.iv, tag: sealed.tag, content: sealed.ciphertext })
    .execute();
  return id;
}

/** Waits (up to ten seconds) until the worker's line of page checks or exports runs and holds as many tasks as given. */
export async function lineHolds(line: 'check' | 'export', expected: { running: number; waiting: number }): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    const now = workerTasks()[line];
    if (now.running === expected.running && now.waiting === expected.waiting) return;
    await delay(10);
  }
  assert.fail(`the ${line} line holds ${JSON.stringify(workerTasks()[line])}, not ${JSON.stringify(expected)}`);
}

/** The highest resident memory of this process (the worker threads are in it) while `work` runs, and before it; in MB. */
export async function residentMemory<T>(work: () => Promise<T>): Promise<{ result: T; beforeMb: number; peakMb: number }> {
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampling = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  try {
    const result = await work();
    return { result, beforeMb: mb(before), peakMb: mb(Math.max(peak, process.memoryUsage.rss())) };
  } finally {
    clearInterval(sampling);
  }
}

/** The first bytes of a Windows program ("MZ", the PE header's offset, "PE\0\0"). */
export function windowsProgram(): Buffer {
  const bytes = Buffer.alloc(512);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  bytes.writeUInt16LE(0x14c, 0x84);
  return bytes;
}

/** The error code and status a call is refused with (or 'ok'). */
export async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    const e = error as { status?: number; code?: string };
    if (e.code && e.status) return `${e.status} ${e.code}`;
    throw error;
  }
}
