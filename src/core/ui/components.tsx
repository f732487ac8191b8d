import Html from '@kitajs/html';
import { t } from '../i18n/de.ts';

export interface FieldProps {
  name: string;
  label: string;
  value?: string;
  error?: string;
  type?: 'text' | 'email' | 'password' | 'tel' | 'date';
  autocomplete?: string;
  hint?: string;
  maxlength?: number;
  inputmode?: 'numeric' | 'text' | 'email';
  required?: boolean;
  /** for a page script that looks the value up (data-ik-lookup) */
  lookup?: string;
  /** the id of a live region that describes the value (e.g. the institution found) */
  describedBy?: string;
}

const fieldId = (name: string) => `f-${name}`;

function describedBy(name: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${fieldId(name)}-hint` : '', error ? `${fieldId(name)}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldMessages(props: { name: string; hint?: string; error?: string }) {
  return (
    <>
      {props.hint ? (
        <p class="hint" id={`${fieldId(props.name)}-hint`} safe>
          {props.hint}
        </p>
      ) : (
        ''
      )}
      {props.error ? (
        <p class="field-error" id={`${fieldId(props.name)}-error`}>
          <span class="visually-hidden">Fehler: </span>
          <span safe>{props.error}</span>
        </p>
      ) : (
        ''
      )}
    </>
  );
}

/** A field's frame: the error state, the label, the hint and the error message, then the control. */
function FieldFrame(props: { name: string; label: string; hint?: string; error?: string; children: Html.Children }) {
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <label for={fieldId(props.name)} safe>
        {props.label}
      </label>
      <FieldMessages name={props.name} hint={props.hint} error={props.error} />
      {props.children}
    </div>
  );
}

export function Field(props: FieldProps) {
  return (
    <FieldFrame name={props.name} label={props.label} hint={props.hint} error={props.error}>
      <input
        id={fieldId(props.name)}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.type === 'password' ? undefined : props.value}
        autocomplete={props.autocomplete}
        maxlength={props.maxlength ? String(props.maxlength) : undefined}
        inputmode={props.inputmode}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={[describedBy(props.name, props.hint, props.error), props.describedBy].filter(Boolean).join(' ') || undefined}
        data-ik-lookup={props.lookup}
      />
    </FieldFrame>
  );
}

const PASSWORD_HINT = 'Mindestens 12 Zeichen. Häufig verwendete Passwörter und Ihre E-Mail-Adresse sind nicht erlaubt.';

/** A new password and its repetition ("… wiederholen"), with the password rules as the hint. */
export function NewPasswordFields(props: { label: string; error?: string; repeatError?: string; hint?: string }) {
  return (
    <>
      <Field name="password" label={props.label} type="password" error={props.error} autocomplete="new-password" hint={props.hint ?? PASSWORD_HINT} required />
      <Field name="passwordRepeat" label={`${props.label} wiederholen`} type="password" error={props.repeatError} autocomplete="new-password" required />
    </>
  );
}

/** The e-mail and password of a login form; only the e-mail's label differs from portal to portal. */
export function LoginFields(props: { label: string; email?: string; error?: string }) {
  return (
    <>
      <Field name="email" label={props.label} type="email" value={props.email} error={props.error} autocomplete="username" maxlength={254} required />
      <Field name="password" label="Passwort" type="password" autocomplete="current-password" required />
    </>
  );
}

export function TextArea(props: { name: string; label: string; value?: string; error?: string; hint?: string; rows?: number; maxlength?: number; required?: boolean }) {
  return (
    <FieldFrame name={props.name} label={props.label} hint={props.hint} error={props.error}>
      <textarea
        id={fieldId(props.name)}
        name={props.name}
        rows={String(props.rows ?? 5)}
        maxlength={props.maxlength ? String(props.maxlength) : undefined}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, props.error)}
        safe
      >
        {props.value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

/** A file input; after a refused upload it says that the files must be chosen again (browsers forget them). */
export function FileField(props: { name: string; label: string; error?: string; hint?: string; accept?: string; multiple?: boolean; id?: string }) {
  const hint = props.error ? `${props.hint ? `${props.hint} ` : ''}Bitte wählen Sie die Dateien erneut aus.` : props.hint;
  return (
    <FieldFrame name={props.name} label={props.label} hint={hint} error={props.error}>
      <input
        type="file"
        id={fieldId(props.name)}
        name={props.name}
        multiple={props.multiple}
        accept={props.accept}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, hint, props.error)}
      />
    </FieldFrame>
  );
}

export const UPLOAD_ACCEPT = '.docx,.xlsx,.pptx,.pdf,.jpg,.jpeg,.png,.gif,.tif,.tiff,.heic,.txt';

export function Select(props: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  value?: string;
  error?: string;
  placeholder?: string;
  required?: boolean;
}) {
  return (
    <FieldFrame name={props.name} label={props.label} error={props.error}>
      <select
        id={fieldId(props.name)}
        name={props.name}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, undefined, props.error)}
      >
        {props.placeholder !== undefined ? (
          <option value="" safe>
            {props.placeholder}
          </option>
        ) : (
          ''
        )}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value} safe>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function Checkbox(props: { name: string; checked?: boolean; error?: string; children: Html.Children }) {
  return (
    <div class={props.error ? 'field field--check field--error' : 'field field--check'}>
      <FieldMessages name={props.name} error={props.error} />
      <input
        type="checkbox"
        id={fieldId(props.name)}
        name={props.name}
        value="ja"
        checked={props.checked}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, undefined, props.error)}
      />
      <label for={fieldId(props.name)}>{props.children}</label>
    </div>
  );
}

/** The summary at the top links each message to its field (WCAG 3.3.1). */
export function ErrorSummary(props: { errors: Record<string, string>; labels: Record<string, string> }) {
  const entries = Object.entries(props.errors);
  if (entries.length === 0) return '';
  return (
    <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" {...({ autofocus: true } as object)}>
      <h2 id="error-summary-title">Bitte korrigieren Sie Ihre Eingaben</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li>
            <a href={`#${fieldId(name)}`}>
              <span safe>{props.labels[name] ?? name}</span>: <span safe>{message}</span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Notice(props: { kind?: 'info' | 'success' | 'warning' | 'error'; title?: string; children: Html.Children }) {
  const kind = props.kind ?? 'info';
  return (
    <div class={`notice notice--${kind}`} role={kind === 'error' || kind === 'warning' ? 'alert' : 'status'}>
      {props.title ? (
        <p class="notice__title" safe>
          {props.title}
        </p>
      ) : (
        ''
      )}
      {props.children}
    </div>
  );
}

/** The outcome of the last action on a page: a success notice and/or an error (as its code, or as `errorText` when it is already in words, e.g. a service's message). */
export function PageMessages(props: { notice?: string; error?: string; errorText?: string }) {
  return (
    <>
      {props.notice ? (
        <Notice kind="success">
          <p safe>{props.notice}</p>
        </Notice>
      ) : (
        ''
      )}
      {props.error || props.errorText ? (
        <Notice kind="error">
          <p safe>{props.errorText ?? t(props.error!)}</p>
        </Notice>
      ) : (
        ''
      )}
    </>
  );
}

export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

export type StepState = 'done' | 'current' | 'open';

/** The wizard's progress bar: ✔ done, ● current, ○ open, with words for screen readers. */
export function Stepper(props: { steps: { label: string; state: StepState }[] }) {
  const spoken: Record<StepState, string> = { done: 'abgeschlossen', current: 'aktueller Schritt', open: 'offen' };
  const symbol: Record<StepState, string> = { done: '✔', current: '●', open: '○' };
  return (
    <nav aria-label="Fortschritt der Registrierung">
      <ol class="stepper">
        {props.steps.map((s, i) => (
          <li class={`stepper__step stepper__step--${s.state}`} aria-current={s.state === 'current' ? 'step' : undefined}>
            <span class="stepper__symbol" aria-hidden="true">
              {symbol[s.state]}
            </span>
            <span class="stepper__label">
              <span class="visually-hidden">{`Schritt ${i + 1}: `}</span>
              <span safe>{s.label}</span>
              <span class="visually-hidden">{` (${spoken[s.state]})`}</span>
            </span>
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} Byte`;
  if (size < 1024 * 1024) return `${(size / 1024).toLocaleString('de-DE', { maximumFractionDigits: 1 })} KB`;
  return `${(size / 1024 / 1024).toLocaleString('de-DE', { maximumFractionDigits: 1 })} MB`;
}

export function formatDate(date: Date): string {
  return date.toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' });
}

export function formatDateTime(date: Date): string {
  return date.toLocaleString('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' });
}

export { Html };
