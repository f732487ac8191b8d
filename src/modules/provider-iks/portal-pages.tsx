import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../core/ui/layout.tsx';
import { CsrfField, ErrorSummary, Field, FileField, PageMessages, UPLOAD_ACCEPT, formatBytes, formatDate } from '../../core/ui/components.tsx';
import { t } from '../../core/i18n/de.ts';
import type { ProviderIks } from './service.ts';
import { Table } from '../../core/ui/table.tsx';
import { PageHead } from '../../core/ui/page-head.tsx';
import { PostButton } from '../../core/ui/post-button.tsx';

type Row = Awaited<ReturnType<ProviderIks['list']>>[number];
type Detail = Awaited<ReturnType<ProviderIks['get']>>;

/** the configured brand, which the pages say where manual 002 says "AOK" */
const brandOf = (chrome: PortalChrome) => chrome.registration?.brand ?? 'AOK';

const status = (brand: string): Record<string, string> => ({
  active: 'freigeschaltet',
  requested: `in Prüfung durch Ihre ${brand}`,
  rejected: 'abgelehnt',
});
const eavis = (brand: string): Record<string, string> => ({
  none: 'nicht beantragt',
  requested: `beantragt, wartet auf Bestätigung durch Ihre ${brand}`,
  active: 'aktiv',
  end_requested: 'Beendigung beantragt, wartet auf Bestätigung',
  ended: 'beendet',
});

function statusText(r: Row, brand: string): string {
  if (r.status === 'requested' && r.files === 0) return 'Arbeitgeberbescheinigung fehlt';
  return status(brand)[r.status] ?? r.status;
}

export function IkListPage(props: { chrome: PortalChrome; csrf: string; rows: Row[]; ik?: string; error?: string; notice?: string; info?: string }) {
  const BASE = props.chrome.base;
  const errors: Record<string, string> = props.error ? { ik: t(props.error) } : {};
  return (
    <Layout title={props.error ? 'Fehler: IK-Verwaltung' : 'IK-Verwaltung'} chrome={props.chrome} scripts={['/assets/build/ik-lookup.js']}>
      <PageHead back={{ href: `${BASE}/startseite`, label: 'Startseite' }} title="IK-Verwaltung" notice={props.notice} />
      <Table heads={['IK-Nummer', 'Institution', 'Status', 'Zahlungsavis (eAvis)', 'Aktionen']} caption="IK-Nummern Ihrer Einrichtung">
        {props.rows.map((r) => (
          <tr>
            <td safe>{r.ik}</td>
            <td safe>{r.name ?? '–'}</td>
            <td>
              {statusText(r, brandOf(props.chrome))}
              {r.status === 'rejected' && r.rejection_reason ? <span safe>{` (Grund: ${r.rejection_reason})`}</span> : ''}
            </td>
            <td>{r.status === 'active' ? eavis(brandOf(props.chrome))[r.eavis] ?? r.eavis : '–'}</td>
            <td>
              {r.status === 'active' && (r.eavis === 'none' || r.eavis === 'ended') ? (
                <PostButton action={`${BASE}/ik-verwaltung/${r.id}/eavis/beantragen`} csrf={props.csrf} inline>
                  Zahlungsavis beantragen
                </PostButton>
              ) : (
                ''
              )}
              {r.status === 'active' && r.eavis === 'active' ? (
                <PostButton action={`${BASE}/ik-verwaltung/${r.id}/eavis/beenden`} csrf={props.csrf} button="button button--secondary" inline>
                  Zahlungsavis beenden
                </PostButton>
              ) : (
                ''
              )}
              {r.status === 'requested' ? <a href={`${BASE}/ik-verwaltung/${r.id}`}>Arbeitgeberbescheinigung</a> : ''}{' '}
              <a href={`${BASE}/ik-verwaltung/${r.id}/entfernen`} aria-label={`IK-Nummer ${r.ik} entfernen`}>
                Entfernen
              </a>
            </td>
          </tr>
        ))}
      </Table>
      <h2>Weitere IK-Nummer hinzufügen</h2>
      <p>
        Für jede IK-Nummer ist eine Arbeitgeberbescheinigung vorzulegen. Nach dem Hinzufügen laden Sie die Bescheinigung herunter, lassen
        sie unterschreiben und laden sie wieder hoch; danach prüft Ihre {brandOf(props.chrome)} die IK-Nummer.
      </p>
      <ErrorSummary errors={errors} labels={{ ik: 'IK-Nummer' }} />
      <form method="post" action={`${BASE}/ik-verwaltung`} novalidate>
        <CsrfField token={props.csrf} />
        <Field name="ik" label="IK-Nummer" value={props.ik} error={errors.ik} hint="9 Ziffern" inputmode="numeric" autocomplete="off" maxlength={9} required lookup={`${BASE}/ik-register`} describedBy="ik-institution" />
        <p id="ik-institution" class="lookup" aria-live="polite">
          {props.info ? <span safe>{`Institution: ${props.info}`}</span> : ''}
        </p>
        <button type="submit" class="button">
          IK-Nummer hinzufügen
        </button>
      </form>
    </Layout>
  );
}

export function IkDetailPage(props: { chrome: PortalChrome; csrf: string; detail: Detail; error?: string; notice?: string }) {
  const BASE = props.chrome.base;
  const d = props.detail;
  return (
    <Layout title={props.error ? `Fehler: IK-Nummer ${d.ik}` : `IK-Nummer ${d.ik}`} chrome={props.chrome} scripts={['/assets/build/upload.js']}>
      <PageHead back={{ href: `${BASE}/ik-verwaltung`, label: 'IK-Verwaltung' }} title={`IK-Nummer ${d.ik}`} />
      <dl class="meta">
        <dt>Institution</dt>
        <dd safe>{d.name ?? '–'}</dd>
        <dt>Anschrift</dt>
        <dd safe>{d.address || '–'}</dd>
        <dt>Status</dt>
        <dd>{status(brandOf(props.chrome))[d.status] ?? d.status}</dd>
      </dl>
      <PageMessages notice={props.notice} error={props.error} />
      <h2>Arbeitgeberbescheinigung</h2>
      <p>
        Die Arbeitgeberbescheinigung ist für jede zu registrierende IK-Nummer vorzulegen. Laden Sie das PDF-Formular herunter, drucken
        Sie es aus und ergänzen Sie die erforderlichen Daten. Beide Seiten der Bescheinigung sind durch einen juristischen Vertreter des
        Leistungserbringers zu unterschreiben. Ein Abdruck des Firmenstempels sollte erfolgen.
      </p>
      <p>
        <a class="button button--secondary" href={`${BASE}/ik-verwaltung/${d.id}/bescheinigung.pdf`} download="">
          PDF herunterladen
        </a>
      </p>
      {d.files.length ? (
        <ul class="file-list">
          {d.files.map((f) => (
            <li>
              <span safe>{f.name}</span> ({formatBytes(f.size)}, {formatDate(f.createdAt)})
              {d.status === 'requested' ? (
                <PostButton action={`${BASE}/ik-verwaltung/${d.id}/dateien/${f.id}/loeschen`} csrf={props.csrf} button="button button--link" label={`${f.name} löschen`} inline>
                  löschen
                </PostButton>
              ) : (
                ''
              )}
            </li>
          ))}
        </ul>
      ) : (
        ''
      )}
      {d.status === 'requested' ? (
        <form method="post" action={`${BASE}/ik-verwaltung/${d.id}/upload`} enctype="multipart/form-data" class="upload" novalidate>
          <CsrfField token={props.csrf} />
          <FileField
            name="files"
            label="Dateianhang"
            accept={UPLOAD_ACCEPT}
            multiple
            error={props.error?.startsWith('upload.') ? t(props.error) : undefined}
            hint="Hier können Sie Ihre Unterlagen hochladen. Bitte beachten Sie, dass Ihre Anhänge insgesamt nicht mehr als 10 MB groß sein dürfen und einem der folgenden Formate entsprechen: docx, xlsx, heic, text, jpg, gif, tiff, png, pptx, jpeg, tif, pdf."
          />
          <progress class="upload__progress" max="100" value="0" hidden></progress>
          <p class="upload__status" aria-live="polite"></p>
          <button type="submit" class="button">
            Hochladen
          </button>
        </form>
      ) : (
        ''
      )}
    </Layout>
  );
}

export function IkRemovePage(props: { chrome: PortalChrome; csrf: string; detail: Detail; error?: string }) {
  const BASE = props.chrome.base;
  const d = props.detail;
  return (
    <Layout title={`IK-Nummer ${d.ik} entfernen`} chrome={props.chrome}>
      <PageHead back={{ href: `${BASE}/ik-verwaltung`, label: 'IK-Verwaltung' }} title={`IK-Nummer ${d.ik} entfernen?`} error={props.error} />
      <p>
        <span safe>{d.name ?? ''}</span> wird danach nicht mehr über dieses Portal verwaltet. Ein aktives Zahlungsavis für diese IK-Nummer
        endet damit. Bereits bereitgestellte Zahlungsavise sehen Sie danach nicht mehr.
      </p>
      <PostButton action={`${BASE}/ik-verwaltung/${d.id}/entfernen`} csrf={props.csrf} inline>
        Entfernen
      </PostButton>{' '}
      <a class="button button--secondary" href={`${BASE}/ik-verwaltung`}>
        Abbrechen
      </a>
    </Layout>
  );
}
