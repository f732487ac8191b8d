import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../core/ui/layout.tsx';
import { Card } from '../../core/ui/card.tsx';
import { BASE } from './chrome.ts';

export function StartPage(props: { chrome: PortalChrome }) {
  return (
    <Layout title="Startseite" chrome={props.chrome}>
      <h1 safe>{props.chrome.name}</h1>
      <p class="lead">Online-Geschäftsstelle für Firmenkunden</p>
      <div class="cards">
        <Card id="reg-title" title="Registrierung" href={`${BASE}/registrierung`} label="Registrieren">
          <p>
            Zur sicheren Nutzung der Online-Geschäftsstelle für Firmenkunden ist eine Registrierung als
            Unternehmens-Administrator erforderlich.
          </p>
        </Card>
        <Card id="login-title" title="Anmeldung" href={`${BASE}/login`} label="Login" secondary>
          <p>Sie sind bereits registriert und wurden von Ihrer {props.chrome.registration?.brand ?? 'AOK'} freigeschaltet?</p>
        </Card>
      </div>
    </Layout>
  );
}
