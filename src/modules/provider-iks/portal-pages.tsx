import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../core/ui/layout.tsx';
import { CsrfField, ErrorSummary, Field, FileField, PageMessages, UPLOAD_ACCEPT, formatBytes, formatDate } from '../../core/ui/components.tsx';
import { t } from '../../core/i18n/de.ts';
import type { ProviderIks } from './service.ts';
import { BASE } from '../../portals/partner/context.ts';

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

function PostButton(props: { csrf: string; action: string; label: string; secondary?: boolean }) {
  return (
    <form method="post" action={props.action} class="inline">
      <CsrfField token={props.csrf} />
      <button type="submit" class={props.secondary ? 'button button--secondary' : 'button'}>
        {props.label}
      </button>
    </form>
  );
}

export function IkListPage(props: { chrome: PortalChrome; csrf: string; rows: Row[]; ik?: string; error?: string; notice?: string; info?: string }) {
  const errors: Record<string, string> = props.error ? { ik: t(props.error) } : {};
  return (
    <Layout title={props.error ? 'Fehler: IK-Verwaltung' : 'IK-Verwaltung'} chrome={props.chrome} scripts={['/assets/build/ik-lookup.js']}>
      <p>
        <a href={`${BASE}/startseite`}>← Startseite</a>
      </p>
      <h1>IK-Verwaltung</h1>
      <PageMessages notice={props.notice} />
      <table class="table">
        <caption class="visually-hidden">IK-Nummern Ihrer Einrichtung</caption>
        <thead>
          <tr>
            <th scope="col">IK-Nummer</th>
            <th scope="col">Institution</th>
            <th scope="col">Status</th>
            <th scope="col">Zahlungsavis (eAvis)</th>
            <th scope="col">Aktionen</th>
          </tr>
        </thead>
        <tbody>
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
                  <PostButton csrf={props.csrf} action={`${BASE}/ik-verwaltung/${r.id}/eavis/beantragen`} label="Zahlungsavis beantragen" />
                ) : (
                  ''
                )}
                {r.status === 'active' && r.eavis === 'active' ? (
                  <PostButton csrf={props.csrf} action={`${BASE}/ik-verwaltung/${r.id}/eavis/beenden`} label="Zahlungsavis beenden" secondary />
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
        </tbody>
      </table>
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
  const d = props.detail;
  return (
    <Layout title={props.error ? `Fehler: IK-Nummer ${d.ik}` : `IK-Nummer ${d.ik}`} chrome={props.chrome} scripts={['/assets/build/upload.js']}>
      <p>
        <a href={`${BASE}/ik-verwaltung`}>← IK-Verwaltung</a>
      </p>
      <h1 safe>{`IK-Nummer ${d.ik}`}</h1>
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
                <form method="post" action={`${BASE}/ik-verwaltung/${d.id}/dateien/${f.id}/loeschen`} class="inline">
                  <CsrfField token={props.csrf} />
                  <button type="submit" class="button button--link" aria-label={`${f.name} löschen`}>
                    löschen
                  </button>
                </form>
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
  const d = props.detail;
  return (
    <Layout title={`IK-Nummer ${d.ik} entfernen`} chrome={props.chrome}>
      <p>
        <a href={`${BASE}/ik-verwaltung`}>← IK-Verwaltung</a>
      </p>
      <h1 safe>{`IK-Nummer ${d.ik} entfernen?`}</h1>
      <PageMessages error={props.error} />
      <p>
        <span safe>{d.name ?? ''}</span> wird danach nicht mehr über dieses Portal verwaltet. Ein aktives Zahlungsavis für diese IK-Nummer
        endet damit. Bereits bereitgestellte Zahlungsavise sehen Sie danach nicht mehr.
      </p>
      <PostButton csrf={props.csrf} action={`${BASE}/ik-verwaltung/${d.id}/entfernen`} label="Entfernen" />{' '}
      <a class="button button--secondary" href={`${BASE}/ik-verwaltung`}>
        Abbrechen
      </a>
    </Layout>
  );
}
