import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../core/ui/layout.tsx';
import { BASE } from './chrome.ts';

export function StartPage(props: { chrome: PortalChrome }) {
  return (
    <Layout title="Startseite" chrome={props.chrome}>
      <h1 safe>{props.chrome.name}</h1>
      <p class="lead">Online-Geschäftsstelle für Firmenkunden</p>
      <div class="cards">
        <section class="card" aria-labelledby="reg-title">
          <h2 id="reg-title">Registrierung</h2>
          <p>
            Zur sicheren Nutzung der Online-Geschäftsstelle für Firmenkunden ist eine Registrierung als
            Unternehmens-Administrator erforderlich.
          </p>
          <a class="button" href={`${BASE}/registrierung`}>
            Registrieren
          </a>
        </section>
        <section class="card" aria-labelledby="login-title">
          <h2 id="login-title">Anmeldung</h2>
          <p>Sie sind bereits registriert und wurden von Ihrer {props.chrome.registration?.brand ?? 'AOK'} freigeschaltet?</p>
          <a class="button button--secondary" href={`${BASE}/login`}>
            Login
          </a>
        </section>
      </div>
    </Layout>
  );
}
