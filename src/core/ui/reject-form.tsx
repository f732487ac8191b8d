import Html from '@kitajs/html';
import { t } from '../i18n/de.ts';
import { CsrfField, TextArea } from './components.tsx';

/** The back office's "Ablehnen" on a request it decides: a required reason, told to the one refused. */
export function RejectForm(props: { action: string; csrf: string; reasonLabel: string; reason?: string; error?: string }) {
  return (
    <>
      <h2>Ablehnen</h2>
      <form method="post" action={props.action} novalidate>
        <CsrfField token={props.csrf} />
        <TextArea
          name="reason"
          label={props.reasonLabel}
          value={props.reason}
          maxlength={1000}
          rows={3}
          required
          error={props.error === 'backoffice.reason_required' ? t(props.error) : undefined}
        />
        <button type="submit" class="button button--secondary">
          Ablehnen
        </button>
      </form>
    </>
  );
}
