import type { TestSystem } from '../../support/system.ts';
import type { FormClient } from '../../support/browser-client.ts';
import { ADDRESS, freshKvnr } from './kvnr.ts';

/** The back office's "Versicherte", and the import file's required header. */
export const PATH = '/backoffice/versicherte';
export const HEADER = 'KVNR;Name;Vorname;Geburtsdatum;E-Mail';

export const takeKvnr = () => freshKvnr('S');

/** The create form's fields for a person, with the test address; `extra` replaces or adds fields. */
export const person = (kvnr: string, extra: Record<string, string> = {}) => ({ kvnr, lastName: 'Mustermann', firstName: 'Erika', birthDate: '12.08.1964', email: 'erika@example.org', ...ADDRESS, ...extra });

/** Fills in "Versicherte Person anlegen"; gives the new person's id, or undefined when the form was refused. */
export async function create(c: FormClient, fields: Record<string, string>) {
  await c.get(`${PATH}/neu`);
  await c.postForm(fields, `${PATH}/neu`);
  return c.lastUrl.match(/versicherte\/([0-9a-f-]{36})/)?.[1];
}

export const count = async (t: TestSystem) => Number((await t.system.deps.db.selectFrom('insured_persons').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

/** Uploads a CSV text on "Versicherte importieren". */
export async function upload(c: FormClient, text: string, fields: Record<string, string> = {}) {
  await c.get(`${PATH}/import`);
  const form = new FormData();
  form.set('_csrf', c.csrf());
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.append('datei', new Blob([Buffer.from(text, 'utf8')], { type: 'text/csv' }), 'versicherte.csv');
  return c.request('POST', `${PATH}/import`, form);
}

/** Posts a letter form of the detail page; the answer is the PDF. */
export async function letter(c: FormClient, id: string, path: 'epa-registrieren' | 'aktivierungsbrief', identityCheck: string) {
  await c.get(`${PATH}/${id}`);
  const response = await c.postForm({ identityCheck }, `${PATH}/${id}/${path}`);
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}
