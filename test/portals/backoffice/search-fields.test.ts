import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { signedInStaff } from '../../support/staff.ts';
import { de } from '../../../src/core/i18n/de.ts';

/** The back office's list pages with a search field `q`, and their titles. */
const SEARCH_PAGES = [
  ['/backoffice/versicherte', 'Versicherte'],
  ['/backoffice/ik-register', 'IK-Register'],
  ['/backoffice/zugaenge', 'Zugänge'],
  ['/backoffice/registrierungen', 'Registrierungen zur Prüfung'],
  ['/backoffice/stellenboerse-arbeitgeber', 'Jobmaster-Arbeitgeber'],
] as const;

for (const kind of databaseKinds) {
  describe(`Backoffice › the search fields (${kind})`, () => {
    const t = testSystemFor(kind);

    test('a control character in a search is refused at the field (400), an ordinary search answers', async () => {
      const admin = await signedInStaff(t, 'admin');
      for (const [path, title] of SEARCH_PAGES) {
        for (const q of ['Muster\u0000', '\u0007', 'a\tb', 'x\u202e']) {
          await admin.get(`${path}?${new URLSearchParams({ q }).toString()}`);
          assert.equal(admin.lastStatus, 400, `${path} ${JSON.stringify(q)}`);
          assert.equal(admin.fieldError('q'), de['field.invalid_chars'], path);
          assert.ok(admin.lastHtml.includes(`<title>Fehler: ${title}`), path);
        }
        await admin.get(`${path}?q=M%C3%BCller`);
        assert.equal(admin.lastStatus, 200, path);
        assert.equal(admin.fieldError('q'), null, path);
      }
    });
  });
}
