import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../core/ui/layout.tsx';
import { CsrfField, ErrorSummary, Field, LoginFields, Notice } from '../../core/ui/components.tsx';
import { t } from '../../core/i18n/de.ts';
import { BO } from '../../core/staff/shell.tsx';
import { SubmitActions } from '../../core/ui/post-button.tsx';

export function StaffLoginPage(props: { chrome: PortalChrome; csrf: string; flowId: string; email?: string; error?: string; notice?: string }) {
  const errors: Record<string, string> = props.error ? { email: t(props.error) } : {};
  return (
    <Layout title={props.error ? 'Fehler: Anmeldung Backoffice' : 'Anmeldung Backoffice'} chrome={props.chrome}>
      <h1>Anmeldung für Mitarbeitende</h1>
      {props.notice ? (
        <Notice kind="warning">
          <p safe>{props.notice}</p>
        </Notice>
      ) : (
        ''
      )}
      <ErrorSummary errors={errors} labels={{ email: 'E-Mail-Adresse' }} />
      <form method="post" action={`${BO}/login?flow=${encodeURIComponent(props.flowId)}`} novalidate>
        <CsrfField token={props.csrf} />
        <LoginFields label="E-Mail-Adresse" email={props.email} error={errors.email} />
        <SubmitActions label="Weiter" />
      </form>
    </Layout>
  );
}

export function StaffTotpPage(props: { chrome: PortalChrome; csrf: string; flowId: string; error?: string }) {
  const errors: Record<string, string> = props.error ? { code: t(props.error) } : {};
  return (
    <Layout title={props.error ? 'Fehler: Einmalcode' : 'Einmalcode'} chrome={props.chrome}>
      <h1>Einmalcode</h1>
      <p>Geben Sie den sechsstelligen Code aus Ihrer Authenticator-App ein.</p>
      <ErrorSummary errors={errors} labels={{ code: 'Einmalcode' }} />
      <form method="post" action={`${BO}/login/code?flow=${encodeURIComponent(props.flowId)}`} novalidate>
        <CsrfField token={props.csrf} />
        <Field name="code" label="Einmalcode" error={errors.code} inputmode="numeric" autocomplete="one-time-code" maxlength={6} required />
        <SubmitActions label="Anmelden" />
      </form>
    </Layout>
  );
}

