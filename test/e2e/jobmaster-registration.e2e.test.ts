import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { journeyDatabase } from '../support/databases.ts';
import { browsers, chromiumSkipReason } from './steps/browser.ts';
import { systemAndChromium } from './steps/suite.ts';
import { clerkOf } from './steps/staff.ts';
import { confirmRegistrationFromMail, loginFromReleaseMail, openReleaseMail, registerAsArbeitgeber, releaseAsClerk, type EmployerRegistration } from './steps/jobmaster.ts';

/**
 * Manual 004 "Registrierung" for an employer, without JavaScript and with it: "Arbeitgeber", both
 * parts, the mail to confirm it, the AOK clerk's release in the back office, the release mail
 * ("… dass Sie ab sofort Stellenanzeigen in Ihrem Profil hochladen können") and its login link,
 * up to the Stellenverwaltung.
 */
const skip = chromiumSkipReason();

const employer = (email: string): EmployerRegistration => ({
  company: 'Gärtnerei Grünwald', betriebsnummer: '98094032', street: 'Kasernenstraße', houseNumber: '61', postalCode: '40213', city: 'Düsseldorf',
  salutation: 'Herr', firstName: 'Gustav', lastName: 'Grünwald', phone: '0211 987654', email,
  password: 'Stellen-Finden-2026!', question: 'Wie hieß Ihr erstes Haustier?', answer: 'Waldi',
});

for (const kind of journeyDatabase('pglite')) {
  describe(`Jobmaster registration in Chromium (${kind})`, { skip, timeout: 120_000 }, () => {
    const { t, browser } = systemAndChromium(kind);

    for (const javaScriptEnabled of [false, true]) {
      test(`an employer registers in both parts, confirms from the mailbox, is released and logs in from the release mail (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
        const open = browsers(browser());
        try {
          const [page, office, clerk] = await Promise.all([open.page({ javaScriptEnabled }), open.page(), clerkOf(t, t.system.deps.config.JOBMASTER_INSURER)]);
          const e = employer(`arbeitgeber.js-${javaScriptEnabled ? 'an' : 'aus'}.${Date.now()}@firma.example`);
          await registerAsArbeitgeber(page, t.baseUrl, e);
          await confirmRegistrationFromMail(page, t.baseUrl, e.email);
          assert.match(await page.locator('main').innerText(), /Ein AOK-Mitarbeiter überprüft zeitnah Ihre Eingaben/);

          await releaseAsClerk(t, office, clerk, e);
          const mail = await openReleaseMail(page, t.baseUrl, e.email);
          await loginFromReleaseMail(page, t.baseUrl, mail, e);
          assert.match(await page.locator('main').innerText(), /0 ausgeschriebene Stellen/);
        } finally {
          await open.close();
        }
      });
    }
  });
}
