import Html from '@kitajs/html';
import { CsrfField, ErrorSummary, Field } from './components.tsx';
import { SubmitActions } from './post-button.tsx';

/** "Passwort vergessen": the account's e-mail address for a reset link; each portal keeps its own words for the field and the button. */
export function ForgotPasswordForm(props: { base: string; csrf: string; label: string; submit: string; email?: string; error?: string }) {
  return (
    <>
      <ErrorSummary errors={props.error ? { email: props.error } : {}} labels={{ email: props.label }} />
      <form method="post" action={`${props.base}/passwort-vergessen`} novalidate>
        <CsrfField token={props.csrf} />
        <Field name="email" label={props.label} type="email" value={props.email} error={props.error} autocomplete="username" maxlength={254} required />
        <SubmitActions label={props.submit} />
      </form>
    </>
  );
}
