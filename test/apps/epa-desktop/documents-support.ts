import assert from 'node:assert/strict';
import type { TestSystem } from '../../support/system.ts';
import { codeFromMail, lastMailId } from '../../modules/epa-access/support.ts';
import { terminalPerson } from '../../modules/ident-login/support.ts';
import { letter } from '../../modules/epa-records/api-support.ts';
import { approveOnPage, localLogin, newLocalUser, type RunningDesktop } from './epa-login-support.ts';

const EMAIL = 'erika@example.org';

/**
 * Manual 003 §1–§4.3 done in the program without JavaScript: a new local user, Kasse and KVNR, the
 * Ident login approved with `pforte-ident`, "Endgerät freischalten" with the mailed code, "Erneut
 * einloggen"; the browser is then on "Dokumente". With `known`, that person on another device of theirs.
 */
export async function signedInToRecord(t: TestSystem, app: RunningDesktop, name = 'Erika', known?: Awaited<ReturnType<typeof terminalPerson>>) {
  const person = known ?? (await terminalPerson(t));
  const browser = app.browser;
  await newLocalUser(app, browser, name);
  await browser.get(app.at('/epa'));
  const mailBefore = await lastMailId(t, EMAIL);
  await browser.postForm({ kasse: 'bw', kvnr: person.kvnr }, '/epa');
  await approveOnPage(browser, person.data);
  const { code } = await codeFromMail(t, EMAIL, mailBefore);
  await browser.get(app.at('/epa/freischalten'));
  await browser.postForm({ code }, '/epa/freischalten');
  await localLogin(app, browser, name);
  await browser.get(app.at('/epa'));
  await approveOnPage(browser, person.data);
  await browser.get(app.at('/epa'));
  assert.equal(browser.lastUrl, app.at('/epa/dokumente'), browser.text().slice(0, 300));
  return person;
}

/** The documents of manual 003 §4.4's picture (the person's own uploads), and two letters of a practice, added through the record service. */
export async function manualDocuments(t: TestSystem, insuredId: string) {
  const add = async (title: string, classCode: string, day: string, extra: { institution?: string; ownUpload?: boolean } = { ownUpload: true }) =>
    t.system.deps.epaRecords.add({ actor: { kind: 'system' } }, insuredId, { title, classCode, fileName: `${title}.pdf`, bytes: await letter(`Inhalt ${title}`), createdAt: new Date(`${day}T09:00:00Z`), ...extra });
  await add('Demo PDF', 'DOK', '2025-03-05');
  await add('röntgenaufnahme', 'BIL', '2025-03-11');
  await add('image001', 'BIL', '2025-03-19');
  await add('Befund Kardiologie', 'BEF', '2025-01-20', { institution: 'Praxis Dr. Weber' });
  await add('Arztbrief Entlassung', 'BRI', '2024-11-02', { institution: 'Klinikum Mitte' });
}

/** The table's rows as their cells' text (the checkbox and "Löschen" cells left out). */
export function tableRows(html: string): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<td(?: class="([^"]*)")?>([\s\S]*?)<\/td>/g)]
      .filter((cell) => cell[1] !== 'docs-check' && cell[1] !== 'docs-actions')
      .map((cell) => cell[2]!.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').trim()),
  );
}

/** The titles of the table, top to bottom. */
export const titles = (html: string) => tableRows(html).map((row) => row[1]!);

/** The link of a column head (its sort). */
export function headLink(html: string, label: string): string {
  const href = new RegExp(`<a href="([^"]*)"><span>${label}</span>`).exec(html)?.[1];
  assert.ok(href, `no head ${label}`);
  return href.replace(/&amp;/g, '&');
}

/** The id of the document titled so (its checkbox's value). */
export function documentId(html: string, title: string): string {
  const id = new RegExp(`value="([^"]+)" id="d-[^"]+" aria-label="${title} auswählen"`).exec(html)?.[1];
  assert.ok(id, `no document ${title}`);
  return id;
}
