import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../../core/ui/layout.tsx';
import { CsrfField, Notice, formatDateTime } from '../../../core/ui/components.tsx';
import { PostButton, SubmitActions } from '../../../core/ui/post-button.tsx';
import { StatusList } from '../../../core/ui/status-list.tsx';
import type { DeviceResetView } from '../../devices/device-reset.ts';

/** Before the reset: what happens and what follows, then one button. */
export function DeviceResetRequestPage(props: { chrome: PortalChrome; csrf: string; flowId: string; brand: string }) {
  const BASE = props.chrome.base;
  return (
    <Layout title="Authentifikations-Gerät zurücksetzen" chrome={props.chrome}>
      <h1>Keinen Zugriff auf Authentifikations-Gerät?</h1>
      <p>
        Wenn Sie Ihr Smartphone oder Ihren Computer mit der {props.brand} 2-Faktor App nicht mehr nutzen können oder Ihre PIN
        vergessen haben, setzen Sie Ihr Authentifikations-Gerät zurück. Das bisherige Gerät bleibt nutzbar, bis Ihre {props.brand}{' '}
        das Zurücksetzen bestätigt hat; erst dann wird es gesperrt.
      </p>
      <h2>So geht es weiter</h2>
      <ol>
        <li>Wir senden eine E-Mail an die Adresse Ihres Zugangs. Mit dem Link darin kann der Antrag abgebrochen werden.</li>
        <li>Laden Sie eine aktuelle, unterschriebene Arbeitgeberbescheinigung hoch.</li>
        <li>Ihre {props.brand} prüft die Bescheinigung und bestätigt das Zurücksetzen. Sie erhalten dazu eine E-Mail.</li>
        <li>Sie registrieren Ihr neues Authentifikations-Gerät mit einem neuen Aktivierungscode.</li>
      </ol>
      <form method="post" action={`${BASE}/geraet-zuruecksetzen?flow=${encodeURIComponent(props.flowId)}`}>
        <CsrfField token={props.csrf} />
        <SubmitActions label="Gerät zurücksetzen">
          <a class="button button--secondary" href={`${BASE}/login/sicherheitscode?flow=${encodeURIComponent(props.flowId)}`}>
            Zurück
          </a>
        </SubmitActions>
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
          {approved
            ? 'Ihr bisheriges Authentifikations-Gerät ist gesperrt. Bitte registrieren Sie jetzt Ihr neues Gerät.'
            : `Ihr bisheriges Authentifikations-Gerät bleibt nutzbar, bis Ihre ${props.brand} das Zurücksetzen bestätigt hat. Im Rahmen der Rücksetzung des Authentifikations-Gerätes ist eine aktuelle Arbeitgeberbescheinigung erforderlich.`}
        </p>
      </Notice>
      <StatusList rows={rows} />
    </Layout>
  );
}

/** The holder's cancel link: what it finds, and the button that cancels an open request. */
export function CancelResetPage(props: { chrome: PortalChrome; csrf: string; brand: string; token: string; state: 'open' | 'now' | 'cancelled' | 'decided' }) {
  const BASE = props.chrome.base;
  const s = props.state;
  return (
    <Layout title="Zurücksetzung abbrechen" chrome={props.chrome}>
      <h1>{s === 'open' ? 'Zurücksetzung abbrechen' : s === 'decided' ? 'Zurücksetzung bereits entschieden' : 'Zurücksetzung abgebrochen'}</h1>
      {s === 'open' ? (
        <>
          <p>
            Für Ihren Zugang wurde beantragt, Ihr Authentifikations-Gerät zurückzusetzen. Ihr bisheriges Gerät ist weiterhin nutzbar.
            Wenn Sie den Antrag nicht selbst gestellt haben, brechen Sie ihn hier ab.
          </p>
          <PostButton action={`${BASE}/geraet-zuruecksetzen/abbrechen`} csrf={props.csrf} fields={{ token: props.token }} actions>
            Zurücksetzung abbrechen
          </PostButton>
        </>
      ) : s === 'decided' ? (
        <Notice kind="warning">
          <p>
            Ihre {props.brand} hat über diesen Antrag bereits entschieden; der Link kann ihn nicht mehr abbrechen und hat nichts
            verändert. Wenn Sie das Zurücksetzen nicht selbst beantragt haben, wenden Sie sich bitte umgehend an den technischen
            Support.
          </p>
        </Notice>
      ) : (
        <Notice kind="success">
          <p>
            {s === 'now' ? 'Der Antrag wurde abgebrochen.' : 'Dieser Antrag wurde bereits abgebrochen.'} Ihr Authentifikations-Gerät
            bleibt unverändert nutzbar.
          </p>
        </Notice>
      )}
      {s === 'open' ? (
        ''
      ) : (
        <p>
          Haben Sie den Antrag nicht selbst gestellt, kennt eine andere Person Ihr Passwort. Bitte vergeben Sie ein neues:{' '}
          <a href={`${BASE}/passwort-vergessen`}>Passwort vergessen?</a>
        </p>
      )}
    </Layout>
  );
}
