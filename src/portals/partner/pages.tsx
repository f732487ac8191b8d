import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../core/ui/layout.tsx';
import { AccountCard, DashboardHead } from '../../modules/login/pages.tsx';
import { CsrfField, ErrorSummary, Field, TextArea } from '../../core/ui/components.tsx';
import { t } from '../../core/i18n/de.ts';
import { PostButton } from '../../core/ui/post-button.tsx';
import { BASE, type PartnerMember } from './context.ts';

/** the configured brand, which the pages say where manual 002 says "AOK" */
const brandOf = (chrome: PortalChrome) => chrome.registration?.brand ?? 'AOK';
import { PostboxCard } from '../../modules/postbox/pages.tsx';
import { PageHead } from '../../core/ui/page-head.tsx';

/** Manual 002 §1: "Bevor man Zutritt zu der Plattform erhält, sind die Cookies zu akzeptieren." */
export function CookieNoticePage(props: { chrome: PortalChrome; csrf: string; cookieName: string; next: string }) {
  return (
    <Layout title="Cookies" chrome={props.chrome}>
      <h1>Cookies</h1>
      <p>
        Die {brandOf(props.chrome)} verwendet die als Cookies bekannte Technologie. Cookies sind kleine Dateien, die Ihr Browser automatisch erstellt
        und die auf Ihrem Endgerät (Laptop, Tablet, Smartphone, etc.) abgelegt werden. Cookies richten auf Ihrem Endgerät keinen
        Schaden an, enthalten keine Viren, Trojaner oder sonstige Schadsoftware. In dem Cookie werden Informationen abgelegt, die
        sich jeweils im Zusammenhang mit dem spezifisch eingesetzten Endgerät ergeben. Dies bedeutet jedoch nicht, dass wir dadurch
        unmittelbar Kenntnis von Ihrer Identität erhalten. Auf dieser Webseite kommen sogenannte Session-Cookies (auf eine Sitzung
        bezogen) zum Einsatz.
      </p>
      <p>
        Bei den auf dieser Webseite eingesetzten Cookies handelt es sich um sog. First Party Cookies. Hierbei handelt es sich um
        Cookies, die direkt durch den Betreiber dieser Webseite platziert und nur durch diesen verwendet werden.
      </p>
      <p>
        Ihren Browser können Sie so einstellen, dass das Abspeichern von Cookies nicht erlaubt wird. Nähere Informationen zu diesen
        Funktionen finden Sie in der Dokumentation oder in der Hilfedatei Ihres Browsers. Bitte beachten Sie, dass Sie einige
        Webseiten oder Teile davon nur eingeschränkt oder gar nicht nutzen können, wenn Sie die Verwendung von Cookies ausschließen.
      </p>
      <p>Nachfolgend stellen wir dar, welche Cookies konkret bei der Nutzung dieser Webseite zum Einsatz kommen.</p>
      <p>
        Auf dieser Webseite kommen Cookies zum Einsatz, die notwendig sind, um die Webseite störungsfrei anbieten zu können. Diese
        technisch notwendigen Cookies werden bereits im Zeitpunkt des Aufrufens dieser Webseite auf Ihrem Endgerät abgelegt. Die
        Nutzung dieser Webseite ist ohne die Verwendung der nachfolgend aufgelisteten Cookies leider nicht möglich. Sofern im
        Zusammenhang mit diesen technisch notwendigen Cookies auch personenbezogene Daten verarbeitet werden, erfolgt dieses auf
        Grundlage von Art. 6 Abs. 1 lit. f DSGVO. Eine Webseite störungsfrei darstellen zu können, ist ein berechtigtes Interesse im
        Sinne dieser Vorschrift. Die gebotene pauschalierende Interessenabwägung kommt zu dem Ergebnis, dass überwiegende Interessen
        der Nutzer an einem Ausschluss dieser Datenverarbeitung nicht anzunehmen sind. Folgende technische notwendigen Cookies kommen
        auf dieser Webseite zum Einsatz:
      </p>
      <dl class="meta">
        <dt>Bezeichnung des Cookies</dt>
        <dd>
          <code safe>{props.cookieName}</code>
        </dd>
      </dl>
      <p>
        Dieses Cookie wird verwendet, um den Benutzer während der Dauer der Nutzung dieser Webseite wiedererkennen und die
        angefragten Inhalte dem richtigen Endgerät zuordnen zu können. Die Lebensdauer dieses Cookie entspricht der Dauer der
        Session, d.h. der Zeit, die Sie auf der Webseite verbringen, ohne zwischenzeitlich Ihren Browser zu schließen und wird nach
        Ablauf der Session automatisch gelöscht. Eine Sitzung endet außerdem nach 30 Minuten ohne Aktivität und spätestens nach 12
        Stunden. Ihre Zustimmung zu diesem Hinweis wird nur in dieser Sitzung gespeichert; weitere Cookies oder Tracking gibt es nicht.
      </p>
      <PostButton action={`${BASE}/cookies`} csrf={props.csrf} fields={{ weiter: props.next }}>
        Akzeptieren
      </PostButton>
    </Layout>
  );
}

export function StartPage(props: { chrome: PortalChrome }) {
  return (
    <Layout title="Startseite" chrome={props.chrome}>
      <h1 safe>{props.chrome.name}</h1>
      <p class="lead">Das Onlineportal Ihrer {brandOf(props.chrome)} für Leistungserbringer: Nutzerverwaltung, IK-Verwaltung und elektronische Zahlungsavise.</p>
      <div class="cards">
        <section class="card" aria-labelledby="reg-title">
          <h2 id="reg-title">Registrierung</h2>
          <p>
            Als erster Nutzer muss ein Leistungserbringer-Administrator (LE-Admin) registriert werden. Dieser LE-Admin hat
            erweiterte Rechte und ist für die Verwaltung des Postfachs verantwortlich.
          </p>
          <a class="button" href={`${BASE}/registrierung`}>
            Registrierung Leistungserbringer (Administrator)
          </a>
        </section>
        <section class="card" aria-labelledby="login-title">
          <h2 id="login-title">Anmeldung</h2>
          <p>Sie sind bereits registriert und wurden von Ihrer {brandOf(props.chrome)} freigeschaltet?</p>
          <a class="button button--secondary" href={`${BASE}/login`}>
            Login
          </a>
        </section>
      </div>
      <p>
        Weitere Informationen bzw. Antworten zu häufig gestellten Fragen finden Sie unter <a href={`${BASE}/hilfe`}>Hilfe</a>.
      </p>
    </Layout>
  );
}

export function AccessibilityPage(props: { chrome: PortalChrome; brand: string }) {
  return (
    <Layout title="Erklärung zur Barrierefreiheit" chrome={props.chrome}>
      <h1>Erklärung zur Barrierefreiheit</h1>
      <p>
        Die {props.brand} ist bemüht, „{props.chrome.name}“ im Einklang mit den Bestimmungen des Behindertengleichstellungsgesetzes
        (BGG) sowie der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) barrierefrei zugänglich zu machen.
      </p>
      <h2>Stand der Vereinbarkeit mit den Anforderungen</h2>
      <p>
        Dieses Portal ist mit der BITV 2.0 und der Norm EN 301 549 (WCAG 2.1, Konformitätsstufe AA) weitgehend vereinbar. Alle
        Formulare funktionieren ohne JavaScript, Fehlermeldungen sind den Eingabefeldern zugeordnet, alle Funktionen sind mit der
        Tastatur bedienbar.
      </p>
      <h2>Nicht barrierefreie Inhalte</h2>
      <ul>
        <li>
          Die herunterladbare Arbeitgeberbescheinigung (PDF) ist ein Formular zum Ausdrucken und Unterschreiben; sie ist nicht als
          barrierefreies PDF ausgezeichnet.
        </li>
        <li>Zahlungsavise im PDF-Format sind nicht barrierefrei; dieselben Angaben stehen als Tabelle im Portal und als CSV-Datei bereit.</li>
      </ul>
      <h2>Erstellung dieser Erklärung</h2>
      <p>Diese Erklärung wurde am 1. Januar 2025 erstellt und beruht auf einer Selbstbewertung.</p>
      <h2>Feedback und Kontakt</h2>
      <p>
        Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen? Dann können Sie uns diese über das Formular{' '}
        <a href={`${BASE}/barriere-melden`}>Barriere melden</a> mitteilen.
      </p>
      <h2>Schlichtungsverfahren</h2>
      <p>
        Wenn auch nach Ihrem Feedback keine zufriedenstellende Lösung gefunden wurde, können Sie sich an die Schlichtungsstelle nach
        § 16 BGG wenden (Schlichtungsstelle beim Beauftragten der Bundesregierung für die Belange von Menschen mit Behinderungen,
        Mauerstraße 53, 10117 Berlin, www.schlichtungsstelle-bgg.de).
      </p>
    </Layout>
  );
}

export const barrierLabels = { description: 'Beschreibung der Barriere', page: 'Betroffene Seite (Adresse oder Name)', name: 'Ihr Name (freiwillig)', email: 'Ihre E-Mail-Adresse (freiwillig, für eine Antwort)' };

export function BarrierReportPage(props: { chrome: PortalChrome; csrf: string; values?: Record<string, string>; errors?: Record<string, string>; sent?: boolean }) {
  const v = props.values ?? {};
  const e = Object.fromEntries(Object.entries(props.errors ?? {}).map(([k, code]) => [k, t(code)]));
  return (
    <Layout title={Object.keys(e).length ? 'Fehler: Barriere melden' : 'Barriere melden'} chrome={props.chrome}>
      <PageHead title="Barriere melden" notice={props.sent ? `Vielen Dank für Ihre Meldung. Sie wurde an Ihre ${brandOf(props.chrome)} übermittelt; wir prüfen sie und melden uns, wenn Sie eine E-Mail-Adresse angegeben haben.` : undefined} />
      <p>Beschreiben Sie bitte, wo und wie Sie auf eine Barriere gestoßen sind. Pflichtfeld ist nur die Beschreibung.</p>
      <ErrorSummary errors={e} labels={barrierLabels} />
      <form method="post" action={`${BASE}/barriere-melden`} novalidate>
        <CsrfField token={props.csrf} />
        <TextArea name="description" label={barrierLabels.description} value={v.description} error={e.description} maxlength={4000} rows={6} required />
        <Field name="page" label={barrierLabels.page} value={v.page} error={e.page} maxlength={300} />
        <Field name="name" label={barrierLabels.name} value={v.name} error={e.name} maxlength={200} autocomplete="name" />
        <Field name="email" label={barrierLabels.email} type="email" value={v.email} error={e.email} maxlength={254} autocomplete="email" />
        <button type="submit" class="button">
          Meldung senden
        </button>
      </form>
    </Layout>
  );
}

const faq = (brand: string): [string, string][] => [
  ['Wer muss sich zuerst registrieren?', 'Als erster Nutzer muss ein Leistungserbringer-Administrator (LE-Admin) registriert werden. Es besteht die Möglichkeit, mehrere LE-Admins zu registrieren.'],
  ['Was brauche ich für die Registrierung?', `Ihre IK-Nummer, eine persönliche E-Mail-Adresse (sie ist zugleich Ihr Benutzername), ein Smartphone oder einen Computer für die ${brand} 2-Faktor App und die ausgefüllte, von einer juristischen Vertreterin oder einem juristischen Vertreter unterschriebene und gestempelte Arbeitgeberbescheinigung.`],
  ['Meine IK-Nummer wird nicht gefunden.', 'Die Bezeichnung der Institution wird aus dem IK-Register übernommen, wie sie der IK-Vergabestelle mitgeteilt wurde. Prüfen Sie die neun Ziffern. Ist die IK-Nummer neu, wenden Sie sich bitte an den technischen Support.'],
  ['Wie verwalte ich mehrere IK-Nummern?', `Weitere IK-Nummern fügen Sie nach Abschluss der Erstregistrierung über den Menüpunkt „IK-Verwaltung“ hinzu. Für jede IK-Nummer ist eine Arbeitgeberbescheinigung hochzuladen; Ihre ${brand} prüft sie.`],
  ['Wie erhalte ich Zahlungsavise elektronisch?', `Ein LE-Admin beantragt das elektronische Zahlungsavis in der IK-Verwaltung je IK-Nummer („Zahlungsavis beantragen“). Nach der Bestätigung durch Ihre ${brand} stehen neue Zahlungsavise im Portal bereit; Sie erhalten dazu eine E-Mail ohne Inhalte.`],
  ['Ich habe keinen Zugriff mehr auf mein Authentifikations-Gerät.', 'Wählen Sie bei der Eingabe des Sicherheitscodes „Keinen Zugriff auf Authentifikations-Gerät?“. Nach Prüfung einer aktuellen Arbeitgeberbescheinigung registrieren Sie ein neues Gerät. Nutzer wenden sich an ihren LE-Admin.'],
  ['Wann kann ich mich anmelden?', `Das Einloggen ist erst nach Freischaltung durch die ${brand} möglich. Sie erhalten eine E-Mail, sobald die Prüfung abgeschlossen ist.`],
];

export function HelpPage(props: { chrome: PortalChrome }) {
  return (
    <Layout title="Hilfe" chrome={props.chrome}>
      <h1>Hilfe</h1>
      <p>Antworten auf häufig gestellte Fragen zu „{props.chrome.name}“.</p>
      {faq(brandOf(props.chrome)).map(([q, a]) => (
        <details class="faq">
          <summary safe>{q}</summary>
          <p safe>{a}</p>
        </details>
      ))}
    </Layout>
  );
}

export function DashboardPage(props: { chrome: PortalChrome; csrf: string; member: PartnerMember; insurer: string; lastLogin: Date | null; iks: { ik: string; name: string | null; status: string }[]; unread: number }) {
  const m = props.member;
  const admin = m.role === 'admin';
  return (
    <Layout title="Startseite" chrome={props.chrome}>
      <DashboardHead chrome={props.chrome} csrf={props.csrf} />
      <p>
        Willkommen, <strong safe>{`${m.firstName} ${m.lastName}`}</strong> ({admin ? 'LE-Admin' : 'Nutzer'}).
      </p>
      <div class="cards">
        <PostboxCard base={BASE} unread={props.unread} />
        {m.adviceAccess ? (
          <section class="card" aria-labelledby="eavis-title">
            <h2 id="eavis-title">Zahlungsavise</h2>
            <p>Abruf und Verwaltung der auf dem Portal bereitgestellten Zahlungsavise (Download, Archivierung, Löschung).</p>
            <a class="button" href={`${BASE}/zahlungsavise`}>
              Zu den Zahlungsavisen
            </a>
          </section>
        ) : (
          ''
        )}
        {admin ? (
          <section class="card" aria-labelledby="users-title">
            <h2 id="users-title">Nutzerverwaltung</h2>
            <p>Einrichten, sperren und löschen weiterer Nutzer; Vergabe von Administrationsrechten.</p>
            <a class="button button--secondary" href={`${BASE}/nutzer`}>
              Nutzer verwalten
            </a>
          </section>
        ) : (
          ''
        )}
        {admin ? (
          <section class="card" aria-labelledby="iks-title">
            <h2 id="iks-title">IK-Verwaltung</h2>
            <p>Weitere IK-Nummern hinzufügen, Zahlungsavis beantragen und beenden.</p>
            <a class="button button--secondary" href={`${BASE}/ik-verwaltung`}>
              Zur IK-Verwaltung
            </a>
          </section>
        ) : (
          ''
        )}
      </div>
      <AccountCard
        email={m.email}
        identifier={{ label: 'IK-Nummern', value: props.iks.filter((i) => i.status === 'active').map((i) => (i.name ? `${i.ik} (${i.name})` : i.ik)).join(', ') || m.company }}
        brand={brandOf(props.chrome)}
        insurer={props.insurer}
        lastLogin={props.lastLogin}
      />
    </Layout>
  );
}
