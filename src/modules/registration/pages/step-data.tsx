import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../../core/ui/layout.tsx';
import { Checkbox, CsrfField, ErrorSummary, Field, NewPasswordFields, Notice, Stepper } from '../../../core/ui/components.tsx';
import type { ConsentDocument } from '../../../core/consents/documents.ts';
import type { CompanyFields } from '../../../core/portal/definition.ts';
import { formLabels, personalLabels, type FormValues } from '../form.ts';
import { SubmitActions } from '../../../core/ui/post-button.tsx';
import { Blocks } from './blocks.tsx';
import { SalutationTitleSelects } from './person-fields.tsx';
import { messages, wizard } from './progress.ts';

/** Step 1, "Persönliche Daten": the portal's company fields, the person, the password and the consents. */
export function RegistrationFormPage(props: {
  chrome: PortalChrome;
  csrf: string;
  flowId: string;
  company: CompanyFields;
  consents: { terms: ConsentDocument; privacy: ConsentDocument };
  values?: FormValues;
  errors?: Record<string, string>;
  /** what the portal found for the typed company values */
  info?: Record<string, string>;
  expired?: boolean;
}) {
  const BASE = props.chrome.base;
  const v = props.values ?? {};
  const e = messages(props.errors ?? {});
  return (
    <Layout title={Object.keys(e).length ? `Fehler: Persönliche Daten` : 'Persönliche Daten'} chrome={props.chrome} scripts={props.company.script ? [props.company.script] : undefined}>
      <h1>{props.chrome.registration?.title}</h1>
      <Stepper steps={wizard(0, props.chrome.registration?.steps)} />
      {props.expired ? (
        <Notice kind="warning">
          <p>Das Formular war abgelaufen. Bitte geben Sie Ihre Daten erneut ein.</p>
        </Notice>
      ) : (
        ''
      )}
      <ErrorSummary errors={e} labels={formLabels(props.company, props.consents)} />
      <form method="post" action={`${BASE}/registrierung?flow=${encodeURIComponent(props.flowId)}`} novalidate>
        <CsrfField token={props.csrf} />
        <h2>Persönliche Daten</h2>
        <Blocks blocks={props.chrome.registration?.personal.intro} />
        {props.company.render({ values: v, errors: e, base: BASE, info: props.info ?? {} })}
        <fieldset>
          <legend>Persönliche Informationen</legend>
          <div class="row">
            <SalutationTitleSelects values={v} errors={e} titleLabel={personalLabels.title!} />
          </div>
          <Field name="firstName" label="Vorname" value={v.firstName} error={e.firstName} autocomplete="given-name" maxlength={100} required />
          <Field name="lastName" label="Nachname" value={v.lastName} error={e.lastName} autocomplete="family-name" maxlength={100} required />
          <Field name="email" label="E-Mail-Adresse" type="email" value={v.email} error={e.email} autocomplete="email" maxlength={254} required />
          <NewPasswordFields label="Passwort" error={e.password} repeatError={e.passwordRepeat} />
        </fieldset>
        <fieldset>
          <legend>Einwilligungen</legend>
          <Blocks blocks={props.chrome.registration?.personal.consents} />
          <Checkbox name="termsAccepted" checked={v.termsAccepted === 'ja'} error={e.termsAccepted}>
            <>
              Ich habe die <a href={`${BASE}/${props.consents.terms.id}`} target="_blank">Nutzungsbedingungen</a> gelesen und akzeptiere sie.
            </>
          </Checkbox>
          <Checkbox name="privacyAccepted" checked={v.privacyAccepted === 'ja'} error={e.privacyAccepted}>
            <>
              Ich habe die{' '}
              <a href={`${BASE}/${props.consents.privacy.id}`} target="_blank" safe>
                {props.consents.privacy.title}
              </a>{' '}
              {props.consents.privacy.acceptance}
            </>
          </Checkbox>
        </fieldset>
        <SubmitActions label="Weiter" />
      </form>
    </Layout>
  );
}

