import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { TestSystem } from '../../support/system.ts';
import { loggedInPerson, unlock } from '../epa-access/support.ts';
import { createRecordApi, dpopProofs, type ApiResult, type RecordApi } from '../../../src/apps/epa-desktop/record-api.ts';
import type { RecordAccess } from '../../../src/modules/epa-records/service.ts';

/** A person on a desktop client whose device is unlocked, with the client's typed record API. */
export interface ApiPerson {
  insuredId: string;
  kvnr: string;
  deviceId: string;
  api: RecordApi;
  /** the person themself from that device, for adding fixtures through the service */
  access: RecordAccess;
}

/** Logged in with the Ident app, "Endgerät freischalten" done with the mailed code; the client's calls through `fetch` when given. */
export async function personWithDevice(t: TestSystem, redirectUri: string, options: { fetch?: typeof fetch } = {}): Promise<ApiPerson> {
  const person = await loggedInPerson(t, redirectUri);
  const deviceId = await unlock(t, person, 'Laptop Küche');
  const api = createRecordApi({ server: t.baseUrl, accessToken: () => person.session.accessToken, proof: dpopProofs(person.session.keys), fetch: options.fetch });
  return { insuredId: person.insuredId, kvnr: person.kvnr, deviceId, api, access: { actor: { kind: 'insured', id: person.insuredId }, device: { id: deviceId, name: 'Laptop Küche' } } };
}

/** The value of a call that must succeed. */
export function ok<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** The refusal of a call that must fail, as "status code". */
export function refusal(result: ApiResult<unknown>): string {
  if (result.ok) throw new Error('the call was not refused');
  return `${result.error.status} ${result.error.code}`;
}

/** A real PDF (pdf-lib) of `pages` pages, each saying its title and number. */
export async function letter(title: string, pages = 1): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(`${title} - Seite ${i}`, { x: 72, y: 760, size: 14, font });
  }
  return doc.save();
}

/** A PDF that says it is encrypted (a trailer with /Encrypt): it cannot be copied unopened. */
export function encryptedPdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n' +
      '5 0 obj << /Filter /Standard /V 1 /R 2 /O (0123456789abcdef0123456789abcdef) /U (0123456789abcdef0123456789abcdef) /P -4 >> endobj\n' +
      'trailer << /Root 1 0 R /Encrypt 5 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] >>\n%%EOF\n',
    'latin1',
  );
}

/** A PDF cut off after its header: the bytes say PDF, nothing in them is a page. */
export function brokenPdf(): Buffer {
  return Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pa', 'latin1');
}
