import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../core/ui/layout.tsx';
import { Card } from '../../core/ui/card.tsx';
import { BASE } from './chrome.ts';

/** The offer kinds the search and the postings know, in the manual's order. */
export const OFFER_KINDS = [
  { value: 'ausbildung', label: 'Ausbildung' },
  { value: 'praktikum', label: 'Praktikum' },
  { value: 'duales_studium', label: 'Duales Studium' },
  { value: 'job', label: 'Job' },
] as const;

/** The start page: the search first (it needs no login), then registration and login for both sides. */
export function StartPage(props: { chrome: PortalChrome; brand: string }) {
  return (
    <Layout title="Startseite" chrome={props.chrome}>
      <h1 safe>{props.chrome.name}</h1>
      <p class="lead">Ausbildungsplätze, Praktika, duale Studienplätze und Jobs bei Arbeitgebern in Ihrer Nähe.</p>
      <section class="card" aria-labelledby="search-title">
        <h2 id="search-title">Stellenangebote suchen</h2>
        <form method="get" action={`${BASE}/suche`} class="search-form">
          <div class="field">
            <label for="was">Was</label>
            <input id="was" name="was" type="search" maxlength={200} placeholder="z. B. Kaufmann, Pflege, Informatik" />
          </div>
          <div class="field">
            <label for="wo">Wo (Ort oder PLZ)</label>
            <input id="wo" name="wo" type="text" maxlength={100} autocomplete="postal-code" />
          </div>
          <div class="field">
            <label for="art">Art</label>
            <select id="art" name="art">
              <option value="">Alle</option>
              {OFFER_KINDS.map((k) => (
                <option value={k.value} safe>
                  {k.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="button">
            Suchen
          </button>
        </form>
      </section>
      <div class="cards">
        <Card id="applicant-title" title="Für Berufsstarter" href={`${BASE}/registrierung`} label="Jetzt registrieren" secondary>
          <p>Registrieren Sie sich, um Stellenangebote auf Ihre Merkliste zu setzen und per Suchauftrag von neuen Angeboten zu erfahren.</p>
        </Card>
        <Card id="employer-title" title="Für Arbeitgeber" href={`${BASE}/login`} label="Login" secondary>
          <p safe>{`Bieten Sie freie Stellen an und finden Sie so Ihren beruflichen Nachwuchs. Nach der Freigabe durch Ihre ${props.brand} veröffentlichen Sie Ihre Stellenanzeigen selbst.`}</p>
        </Card>
      </div>
    </Layout>
  );
}

/** The support's phone number as a link that dials it (without the spaces that make it readable). */
function PhoneLink(props: { phone: string }) {
  return (
    <a href={`tel:${props.phone.replace(/\s+/g, '')}`} safe>
      {props.phone}
    </a>
  );
}

function MailLink(props: { email: string }) {
  return (
    <a href={`mailto:${props.email}`} safe>
      {props.email}
    </a>
  );
}

export function ContactPage(props: { chrome: PortalChrome; phone: string; email: string; brand: string }) {
  return (
    <Layout title="Kontakt" chrome={props.chrome}>
      <h1>Kontakt</h1>
      <p safe>{`Sie haben Fragen zum Jobmaster, zu Ihrer Registrierung oder zu einer Stellenanzeige? Ihre ${props.brand} hilft Ihnen gern.`}</p>
      <dl class="facts">
        <dt>Telefon</dt>
        <dd>
          <PhoneLink phone={props.phone} />
        </dd>
        <dt>E-Mail</dt>
        <dd>
          <MailLink email={props.email} />
        </dd>
      </dl>
      <p>
        Antworten auf häufige Fragen finden Sie in den <a href={`${BASE}/faq`}>FAQ</a>.
      </p>
    </Layout>
  );
}

/** The FAQ with the two "Anwenderhilfen" manual 004 points to: Stellenverwaltung and Hauptansprechpartner wechseln. */
export function FaqPage(props: { chrome: PortalChrome; brand: string }) {
  return (
    <Layout title="FAQ" chrome={props.chrome}>
      <h1>FAQ</h1>
      <h2 id="registrierung">Wie registriere ich mich als Arbeitgeber?</h2>
      <p>
        Klicken Sie in der Kopfzeile auf „Login“ und danach auf „Jetzt registrieren“, oder öffnen Sie direkt die{' '}
        <a href={`${BASE}/registrierung`}>Registrierungsseite</a>, und wählen Sie „Arbeitgeber“. Im ersten Teil geben Sie Firmenname, Betriebsnummer und
        Anschrift an, im zweiten Teil die Daten Ihres Ansprechpartners, das Passwort und eine Kennwortfrage mit Antwort.
      </p>
      <p safe>{`Nach der Bestätigung Ihrer E-Mail-Adresse prüft Ihre ${props.brand} Ihre Angaben und gibt die Registrierung frei. Danach erhalten Sie eine E-Mail und können Stellenanzeigen veröffentlichen.`}</p>

      <h2 id="stellenverwaltung">Anwenderhilfe Stellenverwaltung</h2>
      <ol>
        <li>Loggen Sie sich ein und wählen Sie in der Navigationsleiste „Stellenverwaltung“. Oben steht, wie viele Stellen Sie ausgeschrieben haben.</li>
        <li>Über „Hinzufügen“ erfassen Sie ein neues Stellenangebot: Titel, Art (Ausbildung, Praktikum, Duales Studium oder Job), Beginn, Ort mit PLZ, Beschreibung, Anforderungen, Bewerbungsschluss und den Ansprechpartner.</li>
        <li>Ein neues Angebot ist zunächst ein Entwurf. Mit „Aktivieren“ erscheint es in der Suche, mit „Deaktivieren“ nehmen Sie es heraus.</li>
        <li>„Kopieren“ legt einen Entwurf mit denselben Angaben an, ohne Termine. „Löschen“ entfernt das Angebot nach einer Rückfrage endgültig.</li>
        <li>Ist der Bewerbungsschluss vorbei, wird das Angebot automatisch deaktiviert. Sieben Tage vorher erinnern wir Sie per E-Mail; mit einem Klick können Sie verlängern.</li>
      </ol>

      <h2 id="hauptansprechpartner">Anwenderhilfe Hauptansprechpartner wechseln</h2>
      <p>
        Der Login bezieht sich auf die Person, die sich registriert hat, inklusive der Sicherheitsabfrage. Wechselt der Hauptansprechpartner in Ihrem Unternehmen,
        ist es unbedingt erforderlich, den Wechsel im Portal vorzunehmen.
      </p>
      <ol>
        <li>Loggen Sie sich ein, klicken Sie auf „Konto“ und dann auf „Persönliche Daten“.</li>
        <li>Wählen Sie „Hauptansprechpartner wechseln“ und beantworten Sie Ihre Kennwortfrage.</li>
        <li>Geben Sie die Daten des neuen Hauptansprechpartners ein. Er erhält eine E-Mail, bestätigt seine Adresse und vergibt Passwort und Kennwortfrage.</li>
        <li>Danach gilt der Login nur noch für den neuen Hauptansprechpartner; der bisherige wird per E-Mail informiert.</li>
      </ol>

      <h2 id="kennwortfrage">Wozu dient die Kennwortfrage?</h2>
      <p>
        Die Kennwortfrage wird zusätzlich zur E-Mail benötigt, wenn Sie Ihr Passwort vergessen haben oder den Hauptansprechpartner wechseln. Bewahren Sie die
        Antwort sorgfältig an einem sicheren Ort auf.
      </p>
    </Layout>
  );
}

export function ImprintPage(props: { chrome: PortalChrome; brand: string; phone: string; email: string }) {
  return (
    <Layout title="Impressum" chrome={props.chrome}>
      <h1>Impressum</h1>
      <p safe>{`Der Jobmaster ist ein Angebot Ihrer ${props.brand} – Die Gesundheitskasse, einer Körperschaft des öffentlichen Rechts.`}</p>
      <p>
        Telefon:{' '}
        <PhoneLink phone={props.phone} />
        <br />
        E-Mail:{' '}
        <MailLink email={props.email} />
      </p>
      <p>Für die Inhalte der Stellenanzeigen sind die jeweiligen Arbeitgeber verantwortlich.</p>
    </Layout>
  );
}

export function AccessibilityPage(props: { chrome: PortalChrome; email: string }) {
  return (
    <Layout title="Barrierefreiheit" chrome={props.chrome}>
      <h1>Erklärung zur Barrierefreiheit</h1>
      <p>
        Wir möchten den Jobmaster für alle Menschen nutzbar machen. Alle Seiten funktionieren ohne JavaScript, lassen sich mit der Tastatur bedienen und werden
        regelmäßig automatisiert auf Barrieren geprüft.
      </p>
      <p>
        Wenn Ihnen eine Barriere auffällt, schreiben Sie uns bitte an{' '}
        <MailLink email={props.email} />
        .
      </p>
    </Layout>
  );
}
