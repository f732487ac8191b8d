import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../../core/ui/layout.tsx';
import { Notice, Stepper, formatDate, type StepState } from '../../../core/ui/components.tsx';
import { StatusList } from '../../../core/ui/status-list.tsx';
import type { RegistrationView } from '../service.ts';
import type { RegistrationStep, StepDates } from '../steps.ts';
import { Blocks } from './blocks.tsx';
import { wizard } from './progress.ts';

type StepRow = {
  step: RegistrationStep;
  label: string;
  done: boolean;
  action?: { href: string; label: string };
  pendingText?: string;
};

/** The rows of "Status Ihrer Registrierung" (manual 000 steps 5 and 13), with the action that does each step. */
function statusRows(base: string, brand: string, s: StepDates): StepRow[] {
  return [
    { step: 'email_confirmed', label: 'Bestätigung Ihrer E-Mail-Adresse', done: Boolean(s.email_confirmed), pendingText: 'Bitte bestätigen Sie Ihre E-Mail-Adresse über den Link in der E-Mail.' },
    { step: 'certificate_downloaded', label: 'Download Arbeitgeberbescheinigung', done: Boolean(s.certificate_downloaded), action: { href: `${base}/registrierung/bescheinigung.pdf`, label: 'Dokument (erneut) herunterladen' } },
    { step: 'certificate_uploaded', label: 'Upload Arbeitgeberbescheinigung', done: Boolean(s.certificate_uploaded), action: { href: `${base}/registrierung/bescheinigung#f-files`, label: 'Dokument (erneut) hochladen' } },
    { step: 'device_registered', label: 'Geräteregistrierung', done: Boolean(s.device_registered), action: s.device_registered ? undefined : { href: `${base}/registrierung/geraet`, label: 'Authentifikations-Gerät hinzufügen' } },
    { step: 'activated', label: `Aktivierung durch ${brand}-Administrator`, done: Boolean(s.activated), pendingText: 'Steht noch aus' },
  ];
}

/** ✔ or ○ per step, and each step's action once the e-mail is confirmed. */
function StepList(props: { rows: StepRow[]; confirmed: boolean }) {
  const rows = props.rows.map((r) => ({
    label: r.label,
    done: r.done,
    spokenDone: Boolean(r.done && r.action && props.confirmed),
    state:
      r.done && !r.action ? (
        <span>Erfolgreich abgeschlossen</span>
      ) : r.action && props.confirmed ? (
        <a href={r.action.href} safe>
          {r.action.label}
        </a>
      ) : (
        <span safe>{r.pendingText ?? 'Steht noch aus'}</span>
      ),
  }));
  return <StatusList rows={rows} />;
}

export function StatusPage(props: { chrome: PortalChrome; brand: string; registration: RegistrationView }) {
  const s = props.registration.steps;
  return (
    <Layout title="Status Ihrer Registrierung" chrome={props.chrome}>
      <p class="eyebrow">{props.chrome.registration?.title}</p>
      <h1>Status Ihrer Registrierung</h1>
      {props.registration.rejectionReason ? (
        <Notice kind="warning" title={`Ihre ${props.brand} konnte die Registrierung nicht freischalten.`}>
          <p>
            Grund: <span safe>{props.registration.rejectionReason}</span>
          </p>
          <p>Bitte laden Sie eine korrigierte Arbeitgeberbescheinigung hoch; danach wird Ihre Registrierung erneut geprüft.</p>
        </Notice>
      ) : (
        ''
      )}
      <p>
        <strong>Nächster Schritt:</strong> Bitte führen Sie alle Registrierungsschritte durch. Ob ein Registrierungsschritt
        erfolgreich abgeschlossen wurde, erkennen Sie an dem grünen Haken.
      </p>
      <StepList rows={statusRows(props.chrome.base, props.brand, s)} confirmed={Boolean(s.email_confirmed)} />
      <p class="small">
        Registriert für <span safe>{props.registration.insurer.name}</span>, {props.chrome.registration?.identifierLabel}{' '}
        <span safe>{props.registration.identifier}</span>. Bitte schließen Sie die Registrierung bis zum{' '}
        {formatDate(props.registration.expiresAt)} ab, anderenfalls werden Ihre Registrierungsdaten gelöscht.
      </p>
    </Layout>
  );
}

/**
 * "Abschluss" (manual 000 step 13, 002 §2.4): the status list, and "vollständig" only when the
 * insurer has all it needs (see `missingSteps`); otherwise what is missing, each with its action.
 */
export function CompletionPage(props: { chrome: PortalChrome; brand: string; registration: RegistrationView }) {
  const BASE = props.chrome.base;
  const r = props.registration;
  const rows = statusRows(BASE, props.brand, r.steps);
  const missing = rows.filter((row) => (r.missing as readonly RegistrationStep[]).includes(row.step));
  const complete = missing.length === 0;
  const words = props.chrome.registration?.completion;
  const done = words?.done ?? [
    `Der Login ist erst nach Prüfung durch Ihre ${props.brand} möglich. Sie erhalten eine E-Mail, sobald Ihr Zugang aktiviert wurde. Bitte warten Sie diese E-Mail ab, bevor Sie sich das erste Mal einloggen. Dies kann wenige Tage in Anspruch nehmen.`,
  ];
  // the stepper shows the certificate and device steps as they are, not as passed
  const open = (i: number) => (i === 1 && !r.steps.certificate_uploaded) || (i === 2 && !r.steps.device_registered);
  const steps = wizard(3, props.chrome.registration?.steps).map((step, i) => (open(i) ? { ...step, state: 'open' as StepState } : step));
  return (
    <Layout title={complete ? 'Abschluss' : 'Abschluss – Registrierung noch nicht vollständig'} chrome={props.chrome}>
      <h1>{props.chrome.registration?.title}</h1>
      <Stepper steps={steps} />
      <h2>Abschluss</h2>
      <h3>Status Ihrer Registrierung</h3>
      <StepList rows={rows} confirmed={Boolean(r.steps.email_confirmed)} />
      {complete ? (
        <Notice kind="success" title="Ihre Registrierung ist vollständig.">
          <Blocks blocks={done} />
        </Notice>
      ) : (
        <>
          <Notice kind="warning" title="Ihre Registrierung ist noch nicht vollständig.">
            <p>Ihre {props.brand} kann Ihren Zugang erst prüfen und freischalten, wenn alle Schritte erledigt sind. Es fehlt noch:</p>
            <ul class="missing-steps">
              {missing.map((m) => (
                <li>
                  <span safe>{m.label}</span>:{' '}
                  {m.action ? (
                    <a href={m.action.href} safe>
                      {m.action.label}
                    </a>
                  ) : (
                    <span safe>{m.pendingText ?? 'Steht noch aus'}</span>
                  )}
                </li>
              ))}
            </ul>
          </Notice>
          <Blocks blocks={words?.pending} />
        </>
      )}
      <p>
        <a href={`${BASE}/registrierung/status`}>Zum Registrierungsstatus</a>
      </p>
    </Layout>
  );
}
