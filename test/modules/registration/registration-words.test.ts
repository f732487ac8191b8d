import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { waitForMail } from '../../support/mailbox.ts';
import { person, registerAndConfirm } from '../../support/journeys.ts';
import { activatedProvider, completedProviderRegistration, partnerClient, provider, registerProviderAndConfirm, withDemoRegister } from '../../support/partner-journeys.ts';
import { signedInStaff } from '../../support/staff.ts';

/**
 * Each portal speaks its own manual on the shared registration pages: the employer manual 000,
 * the provider manual 002. Every sentence of one manual that the other does not share must appear
 * in its portal only.
 */
const M000 = {
  stepper: 'Arbeitgeberbescheinigung Download',
  certificate: [
    'Laden Sie bitte das vollständig ausgefüllte und von Ihrem Arbeitgeber unterschriebene PDF Formular im Anschluss hoch. Sie können das Formular auch zu einem späteren Zeitpunkt hochladen. Sie gelangen über die E-Mail „Bestätigung Ihrer E-Mail-Adresse und Status der Registrierung für „Arbeitgeberservice“ als Firmenkunde (Administrator)“ zum Registrierungsstatus, um die Registrierung später fortzusetzen.',
    'Neben der Geschäftsführung sind auch Prokuristen und Handlungsbevollmächtigte unterschriftsberechtigt.',
    'Upload Arbeitgeberbescheinigung',
    'Tipp: Sie können bis zu zwei Dateien zeitgleich oder nacheinander hochladen (z.B. Arbeitgeberbescheinigung und Handlungsvollmacht).',
  ],
  device: [
    'Die Zwei-Faktor-Authentifizierung bezeichnet den Identitätsnachweis eines Nutzers mittels einer Kombination zweier unterschiedlicher und insbesondere unabhängiger Komponenten. Aus Sicherheitsgründen ist das unabdingbar.',
    'Hintergrund: Eine Authentifizierung mittels mehrerer Faktoren beginnt mit der gewöhnlichen Eingabe eines guten Passworts.',
  ],
  app: [
    'Neben einer Desktop-Variante für Windows und MacOS steht auch eine mobile App-Variante für Android und Apple zur Verfügung.',
    'Die Apps unterscheiden sich hauptsächlich im Design. Aufgrund der Usability wird jedoch die Verwendung eines Smartphones und somit die mobile App-Variante empfohlen.',
  ],
  footer: 'Bei technischen Problemen auf der Website erreichen Sie uns unter 0800 00 01 692 und mein-aok-arbeitgeberservice@itscare.de',
};

const M002 = {
  stepper: 'Arbeitgeberbescheinigung',
  personal: [
    'Geben Sie hier eine IK-Nummer und Ihre persönlichen Daten ein:',
    'Wichtig: Sollen zukünftig mehrere IK-Nummern verwaltet werden, können diese nach Abschluss der Erstregistrierung über den Menüpunkt "IK-Verwaltung" im Portal hinzugefügt werden.',
    'Nach Eingabe der IK-Nummer wird automatisch die Bezeichnung der Institution eingeblendet, wie sie der IK-Vergabestelle mitgeteilt wurde.',
    'Nach Eingabe der persönlichen Daten müssen sowohl die Nutzungsbedingungen als auch die Datenverarbeitungsbedingungen durch Klick bestätigt werden. Zur Fortsetzung der Registrierung klicken Sie auf Weiter.',
  ],
  certificate: [
    'Die Arbeitgeberbescheinigung dient dem Nachweis Ihres Beschäftigungsverhältnisses sowie Ihrer Legitimation als LE-Admin. Sie ist für jede zu registrierende IK-Nummer vorzulegen.',
    'Laden Sie das PDF-Formular herunter, drucken Sie es aus und ergänzen die erforderlichen Daten.',
    'Wichtig: Die Arbeitgeberbescheinigung muss vollständig ausgefüllt werden. Auf Seite 2 können Sie weitere IK-Nummern, die ebenfalls über "Mein AOK Gesundheitspartnerservice" verwaltet werden sollen, eintragen. Beide Seiten der Bescheinigung sind durch einen juristischen Vertreter des Leistungserbringers zu unterschreiben. Ein Abdruck des Firmenstempels sollte erfolgen.',
    'Dateianhang',
    'Hier können Sie Ihre Unterlagen hochladen. Bitte beachten Sie, dass Ihre Anhänge insgesamt nicht mehr als 10 MB groß sein dürfen und einem der folgenden Formate entsprechen: docx, xlsx, heic, text, jpg, gif, tiff, png, pptx, jpeg, tif, pdf.',
    'Sofern eine falsche Datei hochgeladen wurde, können Sie diese über den Button "löschen" entfernen und eine neue Datei auswählen.',
    'Wichtig: Die Arbeitgeberbescheinigung kann auch zu einem späteren Zeitpunkt hochgeladen werden. Der Registrierungsprozess (z. B. die Geräteregistrierung) kann trotzdem fortgesetzt werden.',
  ],
  device: [
    'Die Geräteregistrierung ist Bestandteil der Zwei-Faktor-Authentifizierung. Sie gewährleistet eine sichere Nutzung von "Mein AOK Gesundheitspartnerservice" und schützt Ihre persönlichen Daten vor nicht autorisierten Zugriffen.',
  ],
  app: [
    'Die App steht für verschiedene Betriebssysteme zur Verfügung (Windows, MacOS, Android, iOS).',
    'Die Apps sind sicherheitsgeprüft und können daher auf Ihrem Endgerät installiert werden. Führen Sie bitte zuerst die Installation vollständig durch, bevor Sie mit der Registrierung fortfahren. Nach der abgeschlossenen Installation klicken Sie auf "Weiter".',
  ],
  done: [
    'Damit ist die Registrierung Ihrerseits abgeschlossen. Das Einloggen ist jedoch erst nach Freischaltung durch die AOK möglich.',
    'Nach erfolgreicher Registrierung (Bestätigung E-Mail-Adresse, Upload der Arbeitgeberbescheinigung und Geräteregistrierung), erhält die regional zuständige AOK einen Auftrag zur Freischaltung.',
    'Die Freischaltung erfolgt im Anschluss an die Prüfung der Arbeitgeberbescheinigung. Sobald die Prüfung abgeschlossen und die Freigabe erfolgt ist, erhalten Sie erneut eine E-Mail an Ihre persönliche E-Mail-Adresse.',
  ],
  pending:
    'Wenn die Registrierung noch nicht beendet ist, können Sie über die E-Mail "Status Ihrer Registrierung: Aktivierung Ihres Zugangs" oder "Ihre Registrierung" zum Registrierungsstatus abspringen und den Registrierungsprozess fortsetzen.',
  footer: 'Mein AOK Gesundheitspartnerservice Bei technischen Problemen wenden Sie sich bitte an unseren technischen Support: E-Mail: Support-OSLE@itscare.de Hotline: 0800/7236598',
};

const says = (c: FormClient, sentence: string) => c.text().includes(sentence);

function assertSays(c: FormClient, sentences: string[], where: string) {
  for (const s of sentences) assert.ok(says(c, s), `${where} says: ${s}\n--- page:\n${c.text().slice(0, 3000)}`);
}
function assertSaysNot(c: FormClient, sentences: string[], where: string) {
  for (const s of sentences) assert.ok(!says(c, s), `${where} must not say: ${s}`);
}

/** Opens a page and checks it speaks its own manual's sentences and none of the other portal's. */
async function pageReads(c: FormClient, path: string, own: string[], other: string[], where: string) {
  await c.get(path);
  assertSays(c, own, where);
  assertSaysNot(c, other, where);
}

/** The current step of the stepper, as a screen reader announces it. */
function currentStep(c: FormClient): string {
  const m = c.lastHtml.match(/<li[^>]*aria-current="step"[^>]*>([\s\S]*?)<\/li>/);
  assert.ok(m, 'a current step');
  return m[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}

for (const kind of databaseKinds) {
  describe(`registration pages in each portal's words (${kind})`, () => {
    const t = testSystemFor(kind, withDemoRegister);

    it('Persönliche Daten › the provider form speaks manual 002 §2.1, the employer form has none of it', async () => {
      const p = await partnerClient(t);
      await p.get('/partner/registrierung');
      assertSays(p, M002.personal, 'provider step 1');
      assert.match(currentStep(p), /Persönliche Daten/);
      // the notes are boxes with their title, as in the manual
      assert.match(p.lastHtml, /<p class="notice__title">Wichtig:<\/p>/);

      const e = new FormClient(t.baseUrl);
      await e.get('/arbeitgeber/registrierung');
      assertSaysNot(e, M002.personal, 'employer step 1');
      assert.doesNotMatch(e.text(), /IK-Nummer|Leistungserbringer/);
    });

    it('Arbeitgeberbescheinigung › each portal its manual: 002 §2.2 for the provider, 000 step 6/7 for the employer', async () => {
      const { client: p } = await registerProviderAndConfirm(t, provider());
      await p.get('/partner/registrierung/bescheinigung');
      assert.equal(p.lastStatus, 200);
      assertSays(p, M002.certificate, 'provider certificate page');
      assertSaysNot(p, M000.certificate, 'provider certificate page');
      assert.match(currentStep(p), /Schritt 2: Arbeitgeberbescheinigung \(aktueller Schritt\)/);
      assert.doesNotMatch(p.text(), /Arbeitgeberbescheinigung Download|Firmenkunde|Unternehmensleitung|Arbeitgeberservice/);

      const { client: e } = await registerAndConfirm(t, person());
      await e.get('/arbeitgeber/registrierung/bescheinigung');
      assert.equal(e.lastStatus, 200);
      assertSays(e, M000.certificate, 'employer certificate page');
      assertSaysNot(e, M002.certificate, 'employer certificate page');
      assert.match(currentStep(e), /Arbeitgeberbescheinigung Download/);
      assert.doesNotMatch(e.text(), /LE-Admin|IK-Nummer|Leistungserbringer|Gesundheitspartnerservice/);
    });

    it('Geräteregistrierung › 002 §2.3 for the provider (intro, app page), 000 steps 8/9 for the employer', async () => {
      const { client: p } = await registerProviderAndConfirm(t, provider());
      await pageReads(p, '/partner/registrierung/geraet', M002.device, M000.device, 'provider device intro');
      await pageReads(p, '/partner/registrierung/geraet/app', M002.app, M000.app, 'provider app page');
      await p.get('/partner/registrierung/geraet/aktivierungscode');
      assert.match(p.text(), /Benutzername\/E-Mail-Adresse/);

      const { client: e } = await registerAndConfirm(t, person());
      await pageReads(e, '/arbeitgeber/registrierung/geraet', M000.device, M002.device, 'employer device intro');
      await pageReads(e, '/arbeitgeber/registrierung/geraet/app', M000.app, M002.app, 'employer app page');
    });

    it('Abschluss › the provider reads 002 §2.3/§2.4 once all is done, and how to come back while a step is open', async () => {
      const open = await registerProviderAndConfirm(t, provider());
      await open.client.get('/partner/registrierung/abschluss');
      assert.ok(says(open.client, M002.pending), open.client.text().slice(0, 2000));
      assertSaysNot(open.client, M002.done, 'an unfinished provider registration');

      const done = await completedProviderRegistration(t, provider());
      await done.client.get('/partner/registrierung/abschluss');
      assert.equal(done.client.lastStatus, 200, done.client.text().slice(0, 2000));
      assertSays(done.client, M002.done, 'provider Abschluss');
      assert.match(currentStep(done.client), /Abschluss/);
      assert.doesNotMatch(done.client.text(), /Arbeitgeberbescheinigung Download/);

      const { client: e } = await registerAndConfirm(t, person());
      await e.get('/arbeitgeber/registrierung/abschluss');
      assertSaysNot(e, [...M002.done, M002.pending], 'employer Abschluss');
    });

    it('mails › the provider confirmation is "Ihre Registrierung", the insurer\'s correction request "Status Ihrer Registrierung: Aktivierung Ihres Zugangs"; the employer keeps manual 000\'s subject', async () => {
      const fields = provider();
      const reg = await completedProviderRegistration(t, fields);
      const confirmation = await waitForMail(t.baseUrl, fields.email, { subject: 'Ihre Registrierung' });
      assert.equal(confirmation.subject, 'Ihre Registrierung');
      assert.match(confirmation.text, /Zum Registrierungsstatus →/);
      const insurerId = (await t.system.deps.ikRegister.lookup(fields.ik))!.insurerId!;
      const staff = await signedInStaff(t, 'clerk', insurerId);
      await staff.get(`/backoffice/registrierungen/${reg.registrationId}`);
      await staff.postForm({ reason: 'Stempel fehlt' }, `/backoffice/registrierungen/${reg.registrationId}/ablehnen`);
      const rejection = await waitForMail(t.baseUrl, fields.email, { subject: 'Status Ihrer Registrierung' });
      assert.equal(rejection.subject, 'Status Ihrer Registrierung: Aktivierung Ihres Zugangs');
      assert.match(rejection.text, /Grund: Stempel fehlt/);
      assert.match(rejection.text, /Zum Registrierungsstatus →/);

      const employer = person();
      await registerAndConfirm(t, employer);
      const employerMail = await waitForMail(t.baseUrl, employer.email, { subject: 'Bestätigung Ihrer E-Mail-Adresse' });
      assert.equal(employerMail.subject, 'Bestätigung Ihrer E-Mail-Adresse und Status der Registrierung für „Arbeitgeberservice“ als Firmenkunde (Administrator)');
    });

    it('footer › 002\'s support sentence with the portal\'s name for the provider, 000\'s for the employer', async () => {
      const p = await partnerClient(t);
      await p.get('/partner/registrierung');
      assert.ok(says(p, M002.footer), p.text().slice(-1200));
      assert.doesNotMatch(p.text(), /Bei technischen Problemen auf der Website/);
      const e = new FormClient(t.baseUrl);
      await e.get('/arbeitgeber/registrierung');
      assert.ok(says(e, M000.footer), e.text().slice(-800));
      assert.doesNotMatch(e.text(), /unseren technischen Support:/);
    });
  });
}

describe('the configured brand where the manuals say "AOK", never "Krankenkasse"', () => {
  const t = testSystemFor(databaseKinds[0]!, { env: { INSURER_BRAND: 'Musterkasse' }, ...withDemoRegister });

  const noKrankenkasse = (c: FormClient, where: string) => assert.doesNotMatch(c.text(), /Krankenkasse/, where);

  it('provider › start page, cookie notice, consents, registration steps and Abschluss name the brand', async () => {
    const first = new FormClient(t.baseUrl);
    await first.get('/partner/');
    assert.match(first.text(), /Die Musterkasse verwendet die als Cookies bekannte Technologie\./);
    const done = await completedProviderRegistration(t, provider());
    const c = done.client;
    for (const path of ['/partner/', '/partner/hilfe', '/partner/nutzungsbedingungen', '/partner/datenverarbeitungsbedingungen']) {
      await c.get(path);
      noKrankenkasse(c, path);
      assert.match(c.text(), /Musterkasse/, path);
      assert.doesNotMatch(c.text(), /Ihre[rn]? AOK\b|die AOK\b/, path);
    }
    await c.get('/partner/registrierung/abschluss');
    assert.match(c.text(), /Das Einloggen ist jedoch erst nach Freischaltung durch die Musterkasse möglich\./);
    assert.match(c.text(), /erhält die regional zuständige Musterkasse einen Auftrag zur Freischaltung\./);
    assert.match(c.text(), /Aktivierung durch Musterkasse-Administrator/);
    await c.get('/partner/registrierung/bescheinigung');
    assert.match(c.text(), /über "Mein Musterkasse Gesundheitspartnerservice" verwaltet werden sollen/);
    for (const path of ['/partner/registrierung/bescheinigung', '/partner/registrierung/geraet', '/partner/registrierung/geraet/app', '/partner/registrierung/abschluss']) {
      await c.get(path);
      noKrankenkasse(c, path);
    }
  });

  it('provider › IK-Verwaltung names the brand that checks', async () => {
    const a = await activatedProvider(t, provider({ ik: '510145219' }));
    await a.client.get('/partner/ik-verwaltung');
    assert.match(a.client.text(), /danach prüft Ihre Musterkasse die IK-Nummer\./);
    await a.client.get('/partner/startseite');
    assert.match(a.client.text(), /Ihre Musterkasse/);
    noKrankenkasse(a.client, '/partner/startseite');
  });

  it('employer › start page, form, consents and status name the brand', async () => {
    const c = new FormClient(t.baseUrl);
    await c.get('/arbeitgeber/');
    assert.match(c.text(), /wurden von Ihrer Musterkasse freigeschaltet\?/);
    await c.get('/arbeitgeber/registrierung');
    assert.match(c.lastHtml, /<label for="f-insurerId">Ihre Musterkasse<\/label>/);
    for (const path of ['/arbeitgeber/', '/arbeitgeber/registrierung', '/arbeitgeber/nutzungsbedingungen', '/arbeitgeber/datenschutzhinweise']) {
      await c.get(path);
      noKrankenkasse(c, path);
    }
    await c.get('/arbeitgeber/datenschutzhinweise');
    assert.match(c.text(), /die von Ihnen gewählte Musterkasse/);
  });
});
