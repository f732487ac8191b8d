import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../ui/layout.tsx';
import { CsrfField, Notice, formatDateTime } from '../../ui/components.tsx';
import type { DeviceResetView } from '../../mfa/device-reset.ts';

/** Before the reset: what happens and what follows, then one button. */
export function DeviceResetRequestPage(props: { chrome: PortalChrome; csrf: string; flowId: string; brand: string }) {
  const BASE = props.chrome.base;
  return (
    <Layout title="Authentifikations-Gerät zurücksetzen" chrome={props.chrome}>
      <h1>Keinen Zugriff auf Authentifikations-Gerät?</h1>
      <p>
        Wenn Sie Ihr Smartphone oder Ihren Computer mit der {props.brand} 2-Faktor App nicht mehr nutzen können oder Ihre PIN
        vergessen haben, setzen Sie Ihr Authentifikations-Gerät zurück. Das bisherige Gerät wird sofort gesperrt.
      </p>
      <h2>So geht es weiter</h2>
      <ol>
        <li>Laden Sie eine aktuelle, unterschriebene Arbeitgeberbescheinigung hoch.</li>
        <li>Ihre {props.brand} prüft die Bescheinigung und bestätigt das Zurücksetzen.</li>
        <li>Sie registrieren Ihr neues Authentifikations-Gerät mit einem neuen Aktivierungscode.</li>
      </ol>
      <form method="post" action={`${BASE}/geraet-zuruecksetzen?flow=${encodeURIComponent(props.flowId)}`}>
        <CsrfField token={props.csrf} />
        <div class="actions">
          <a class="button button--secondary" href={`${BASE}/login/sicherheitscode?flow=${encodeURIComponent(props.flowId)}`}>
            Zurück
          </a>
          <button type="submit" class="button">
            Gerät zurücksetzen
          </button>
        </div>
      </form>
    </Layout>
  );
}

/** The status page while a device reset runs: its own steps, each with its action. */
export function ResetStatusPage(props: { chrome: PortalChrome; brand: string; reset: DeviceResetView }) {
  const BASE = props.chrome.base;
  const r = props.reset;
  const approved = r.status === 'approved';
  const rows = [
    { label: 'Zurücksetzen des Authentifikations-Geräts beantragt', done: true, state: <span>{`Am ${formatDateTime(r.requestedAt)}`}</span> },
    {
      label: 'Upload Arbeitgeberbescheinigung',
      done: r.newUpload,
      state: <a href={`${BASE}/registrierung/bescheinigung#f-files`}>Dokument (erneut) hochladen</a>,
    },
    { label: `Prüfung durch ${props.brand}-Administrator`, done: approved, state: <span>{approved ? 'Erfolgreich abgeschlossen' : 'Steht noch aus'}</span> },
    {
      label: 'Geräteregistrierung',
      done: false,
      state: approved ? <a href={`${BASE}/registrierung/geraet`}>Authentifikations-Gerät hinzufügen</a> : <span>Nach der Prüfung möglich</span>,
    },
  ];
  return (
    <Layout title="Status Ihrer Registrierung" chrome={props.chrome}>
      <p class="eyebrow">Rücksetzung des Authentifikations-Gerätes</p>
      <h1>Status Ihrer Registrierung</h1>
      <Notice kind="info">
        <p>
          Ihr bisheriges Authentifikations-Gerät ist gesperrt. Im Rahmen der Rücksetzung des Authentifikations-Gerätes ist eine
          aktuelle Arbeitgeberbescheinigung erforderlich.
        </p>
      </Notice>
      <ul class="status-list">
        {rows.map((row) => (
          <li class={row.done ? 'status-list__item status-list__item--done' : 'status-list__item'}>
            <span class="status-list__icon" aria-hidden="true">
              {row.done ? '✔' : '○'}
            </span>
            <span class="status-list__label" safe>
              {row.label}
            </span>
            <span class="status-list__state">
              {row.done ? <span class="visually-hidden">Erledigt. </span> : ''}
              {row.state}
            </span>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
