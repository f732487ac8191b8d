import Html from '@kitajs/html';
import { BRAND } from './product.ts';

/**
 * "Gesundheitswissen": short articles shipped with the client, so they can be read without a
 * connection. Written for insured persons; the facts follow the law on the ePA for everyone
 * (§§ 341 ff. SGB V, from 15 January 2025) and gematik's information for insured persons.
 */
export interface Article {
  slug: string;
  title: string;
  summary: string;
  body: () => JSX.Element;
}

export const ARTICLES: Article[] = [
  {
    slug: 'was-ist-die-epa',
    title: 'Was ist die elektronische Patientenakte (ePA)?',
    summary: 'Ihre Gesundheitsdaten an einem Ort – wofür die ePA gut ist und wie sie entsteht.',
    body: () => (
      <>
        <p>
          Die elektronische Patientenakte (ePA) ist ein persönlicher, geschützter Speicher für Ihre Gesundheitsdaten. Seit 2025 richtet jede gesetzliche
          Krankenkasse für alle Versicherten eine ePA ein, die nicht widersprochen haben („ePA für alle“). Die Nutzung ist freiwillig.
        </p>
        <h2>Was steht in der ePA?</h2>
        <ul>
          <li>Befundberichte, Arztbriefe und Laborbefunde, die Praxen und Krankenhäuser einstellen,</li>
          <li>die elektronische Medikationsliste: welche Arzneimittel Ihnen per E-Rezept verordnet und in der Apotheke abgegeben wurden,</li>
          <li>Abrechnungsdaten Ihrer Krankenkasse (welche Leistungen abgerechnet wurden),</li>
          <li>Dokumente, die Sie selbst hinzufügen, zum Beispiel ältere Befunde oder einen Impfpass als Scan.</li>
        </ul>
        <h2>Wozu das Ganze?</h2>
        <p>
          Wer Sie behandelt, sieht auf einen Blick, was andere Ärztinnen und Ärzte festgestellt haben. Doppelte Untersuchungen und gefährliche
          Wechselwirkungen von Arzneimitteln lassen sich so eher vermeiden. Und Sie selbst haben Ihre Unterlagen jederzeit zur Hand – mit der App auf dem
          Smartphone oder mit diesem Desktop Client am Computer.
        </p>
        <h2>Wo liegen die Daten?</h2>
        <p>
          Die Akte liegt verschlüsselt auf Servern in Deutschland, die besonderen Sicherheitsanforderungen der gematik und des BSI genügen. Ihre {BRAND} stellt
          die Akte bereit, kann die medizinischen Inhalte aber nicht lesen.
        </p>
      </>
    ),
  },
  {
    slug: 'wer-sieht-was',
    title: 'Wer darf was in Ihrer ePA sehen?',
    summary: 'Praxen, Krankenhäuser, Apotheken, Ihre Krankenkasse – und wie Sie den Zugriff steuern.',
    body: () => (
      <>
        <p>Auf Ihre ePA greift nur zu, wer Sie gerade behandelt, und nur für begrenzte Zeit. Sie können jeden Zugriff im Protokoll nachvollziehen.</p>
        <h2>Praxen, Krankenhäuser und Apotheken</h2>
        <p>
          Stecken Sie Ihre Gesundheitskarte in der Praxis oder Apotheke, erhält diese Zugriff auf Ihre ePA: Arzt- und Zahnarztpraxen sowie Krankenhäuser in der
          Regel für 90 Tage, Apotheken und der Öffentliche Gesundheitsdienst für 3 Tage. In der ePA-App oder im Desktop Client können Sie den Zeitraum
          verkürzen, verlängern oder einer Einrichtung den Zugriff ganz entziehen.
        </p>
        <h2>Einzelne Dokumente verbergen</h2>
        <p>
          Dokumente, die nicht jede Praxis sehen soll, können Sie verbergen. Sie bleiben in Ihrer Akte und für Sie sichtbar, werden den Einrichtungen aber
          nicht angezeigt. Auch löschen können Sie Dokumente jederzeit.
        </p>
        <h2>Ihre Krankenkasse</h2>
        <p>
          Ihre {BRAND} darf Dokumente in Ihre ePA einstellen (etwa Abrechnungsdaten oder auf Ihren Wunsch eingescannte ältere Befunde), sie aber nicht lesen.
        </p>
        <h2>Vertretung</h2>
        <p>
          Sie können Angehörige oder andere Vertrauenspersonen als Vertretung benennen. Sie sehen und verwalten Ihre ePA dann in Ihrem Namen; jede ihrer
          Handlungen wird protokolliert, und Sie können die Vertretung jederzeit beenden.
        </p>
      </>
    ),
  },
  {
    slug: 'widerspruch',
    title: 'Widerspruch: So entscheiden Sie selbst',
    summary: 'Gegen die ganze ePA oder einzelne Funktionen widersprechen – jederzeit, ohne Begründung.',
    body: () => (
      <>
        <p>
          Die ePA ist freiwillig. Sie müssen nicht begründen, warum Sie sie nicht möchten, und es entstehen Ihnen keine Nachteile bei Ihrer Behandlung oder
          Ihrer Versicherung.
        </p>
        <h2>Gegen die ePA insgesamt</h2>
        <p>
          Sie können der Einrichtung Ihrer ePA jederzeit bei Ihrer {BRAND} widersprechen – schriftlich, über die Ombudsstelle Ihrer Krankenkasse oder in der
          App. Besteht bereits eine Akte, wird sie mit allen Inhalten gelöscht. Ein Widerspruch lässt sich später zurücknehmen; gelöschte Inhalte kommen dann
          aber nicht zurück.
        </p>
        <h2>Gegen einzelne Funktionen</h2>
        <ul>
          <li>gegen den Zugriff einer bestimmten Praxis, Apotheke oder eines Krankenhauses,</li>
          <li>gegen die elektronische Medikationsliste und den digital gestützten Medikationsprozess,</li>
          <li>gegen das Einstellen Ihrer Abrechnungsdaten durch die Krankenkasse,</li>
          <li>gegen die Weitergabe pseudonymisierter Daten an das Forschungsdatenzentrum Gesundheit.</li>
        </ul>
        <h2>Besonders sensible Befunde</h2>
        <p>
          Bei Befunden zu psychischen Erkrankungen, sexuell übertragbaren Infektionen und Schwangerschaftsabbrüchen weist Ihre Praxis Sie auf Ihr Recht hin,
          dem Einstellen in die ePA zu widersprechen. Ergebnisse genetischer Untersuchungen werden nur mit Ihrer ausdrücklichen Einwilligung eingestellt.
        </p>
      </>
    ),
  },
  {
    slug: 'sicher-nutzen',
    title: 'Den Desktop Client sicher nutzen',
    summary: 'Bildschirmsperre, eigenes Kennwort, eigener Benutzer – fünf Regeln für Ihren Computer.',
    body: () => (
      <>
        <p>Ihre Gesundheitsdaten verdienen denselben Schutz wie Ihr Online-Banking. Diese Regeln helfen dabei:</p>
        <ol>
          <li>
            <strong>Bildschirmsperre einschalten.</strong> Schützen Sie Ihren Computer mit einem Passwort oder PIN und lassen Sie ihn sich nach wenigen Minuten
            selbst sperren.
          </li>
          <li>
            <strong>Ein eigener lokaler Benutzer für jede Person.</strong> Teilen Sie sich den Computer, legt jede Person ihren eigenen lokalen Benutzer an. Die
            Daten eines Benutzers sind mit dessen Kennwort verschlüsselt; die anderen sehen davon nichts.
          </li>
          <li>
            <strong>Ein Kennwort nur für diesen Zweck.</strong> Verwenden Sie ein langes Kennwort, das Sie nirgendwo sonst nutzen. Ein Passwort-Manager hilft,
            es sich nicht merken zu müssen.
          </li>
          <li>
            <strong>Abmelden, wenn Sie fertig sind.</strong> Melden Sie sich über „Abmelden“ ab, bevor Sie den Computer anderen überlassen.
          </li>
          <li>
            <strong>System aktuell halten.</strong> Installieren Sie Updates für Betriebssystem, Browser und diesen Client zeitnah. Laden Sie den Client nur
            von den Seiten Ihrer {BRAND} herunter.
          </li>
        </ol>
        <p>
          Der Desktop Client zeigt seine Seiten nur auf diesem Computer an (Adresse 127.0.0.1) und nimmt keine Verbindungen aus dem Netz an. Niemand von Ihrer{' '}
          {BRAND} wird Sie je nach Ihrem Kennwort oder Ihrem GesundheitsID-Code fragen.
        </p>
      </>
    ),
  },
];

export function articleBySlug(slug: string): Article | undefined {
  return ARTICLES.find((a) => a.slug === slug);
}
