import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../platform/ui/layout.tsx';
import { Notice } from '../../platform/ui/components.tsx';
import { BASE } from './chrome.ts';

/** Until staff can activate registrations, nobody can log in: the page says so plainly. */
export function LoginPendingPage(props: { chrome: PortalChrome }) {
  return (
    <Layout title="Login" chrome={props.chrome}>
      <h1>Login</h1>
      <Notice kind="info">
        <p>
          Der Login ist erst nach Prüfung durch Ihre AOK möglich. Sie erhalten eine E-Mail, sobald Ihr Zugang aktiviert wurde.
          Bitte warten Sie diese E-Mail ab, bevor Sie sich das erste Mal einloggen.
        </p>
      </Notice>
      <p>
        Noch nicht registriert? <a href={`${BASE}/registrierung`}>Registrieren</a>
      </p>
    </Layout>
  );
}
