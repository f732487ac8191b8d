import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../core/ui/layout.tsx';
import { NoticePage } from '../../core/ui/notice-page.tsx';
import { CsrfField, ErrorSummary, Field, FileField, Notice, PageMessages, Select } from '../../core/ui/components.tsx';
import { PostButton, SubmitActions } from '../../core/ui/post-button.tsx';
import { t } from '../../core/i18n/de.ts';
import type { Selectable } from 'kysely';
import type { JobmasterContactsTable, JobmasterEmployersTable } from '../../core/db/jobmaster-schema.ts';
import { salutations, titles } from '../registration/form.ts';

export const LOGO_RULES = 'Erlaubte Dateiformate sind JPEG, PNG und GIF. Die Datei darf maximal 1 MB groß sein.';

/** What the profile shows of an employer and its contacts: their rows as the database gives them. */
export type EmployerView = Pick<
  Selectable<JobmasterEmployersTable>,
  'id' | 'company_name' | 'betriebsnummer' | 'street' | 'house_number' | 'postal_code' | 'city' | 'logo_file_id'
>;

export type ContactView = Omit<Selectable<JobmasterContactsTable>, 'employer_id' | 'created_at'>;

/** "Herr Dr. Test Ansprechpartner"; "keine Angabe" is no word of the name. */
export function contactName(c: Pick<ContactView, 'salutation' | 'title' | 'first_name' | 'last_name'>): string {
  return [c.salutation === 'keine Angabe' ? '' : c.salutation, c.title, c.first_name, c.last_name].filter(Boolean).join(' ');
}

const texts = (errors: Record<string, string> | undefined) => Object.fromEntries(Object.entries(errors ?? {}).map(([k, code]) => [k, t(code)]));

/** Manual 004 "Unternehmensdaten" and "Ihre Ansprechpartner": the employer's profile. */
export function ProfilePage(props: { chrome: PortalChrome; csrf: string; employer: EmployerView; contacts: ContactView[]; notice?: string }) {
  const BASE = props.chrome.base;
  const e = props.employer;
  return (
    <Layout title="Unternehmensdaten" chrome={props.chrome}>
      <h1>Unternehmensdaten</h1>
      <PageMessages notice={props.notice} />
      <section aria-labelledby="company-title">
        <h2 id="company-title" safe>
          {e.company_name}
        </h2>
        <p safe>{e.betriebsnummer}</p>
        <p>
          <span safe>{`${e.street} ${e.house_number}`}</span>
          <br />
          <span safe>{`${e.postal_code} ${e.city}`}</span>
        </p>
        {e.logo_file_id ? (
          <p>
            <img src={`${BASE}/unternehmen/logo/bild?v=${e.logo_file_id}`} alt={`Firmenlogo von ${e.company_name}`} height="120" />
          </p>
        ) : (
          <p>Sie haben noch kein Firmenlogo hochgeladen.</p>
        )}
        <p>{LOGO_RULES}</p>
        <ul class="link-list">
          <li>
            <a href={`${BASE}/unternehmen/logo`}>Upload Firmenlogo</a>
          </li>
          {e.logo_file_id ? (
            <li>
              <PostButton action={`${BASE}/unternehmen/logo/entfernen`} csrf={props.csrf} button="button button--link" inline>
                Logo entfernen
              </PostButton>
            </li>
          ) : (
            ''
          )}
          <li>
            <a href={`${BASE}/unternehmen/bearbeiten`}>Unternehmensdaten ändern →</a>
          </li>
          <li>
            <a href={`${BASE}/konto/passwort`}>Passwort ändern →</a>
          </li>
          <li>
            <a href={`${BASE}/konto/email`}>E-Mail Adresse ändern →</a>
          </li>
          <li>
            <a href={`${BASE}/konto/einwilligungen`}>Einwilligungen ändern →</a>
          </li>
          <li>
            <a href={`${BASE}/konto/hauptansprechpartner`}>Hauptansprechpartner wechseln →</a>
          </li>
          <li>
            <a href={`${BASE}/konto/loeschen`}>Profil löschen →</a>
          </li>
        </ul>
      </section>
      <p>Ebenfalls können Sie in Ihrem Profil weitere Ansprechpartner hinterlegen und diese bei den Stellenangeboten hinterlegen.</p>
      <section aria-labelledby="contacts-title">
        <h2 id="contacts-title">Ihre Ansprechpartner</h2>
        <p>
          <a class="button" href={`${BASE}/ansprechpartner/neu`}>
            Hinzufügen
          </a>
        </p>
        <div class="cards">
          {props.contacts.map((c) => (
            <div class="card">
              <h3>{c.is_main ? 'Hauptansprechpartner:In' : 'Ansprechpartner:In'}</h3>
              <p>
                <strong safe>{contactName(c)}</strong>
              </p>
              <p safe>{c.email}</p>
              {c.is_main ? (
                ''
              ) : (
                <>
                  <p safe>{c.phone}</p>
                  <p>
                    <a href={`${BASE}/ansprechpartner/${c.id}`} aria-label={`${contactName(c)} bearbeiten`}>
                      Bearbeiten
                    </a>{' '}
                    <a href={`${BASE}/ansprechpartner/${c.id}/entfernen`} aria-label={`${contactName(c)} entfernen`}>
                      Entfernen
                    </a>
                  </p>
                </>
              )}
            </div>
          ))}
        </div>
      </section>
      <p>
        <a href={`${BASE}/konto`}>Zurück zu Mein Konto</a>
      </p>
    </Layout>
  );
}

const COMPANY_LABELS = { companyName: 'Firmenname', street: 'Straße', houseNumber: 'Hausnummer', postalCode: 'PLZ', city: 'Ort' };

/** "Unternehmensdaten ändern": the Betriebsnummer is shown, not changed (the insurer released it). */
export function CompanyEditPage(props: { chrome: PortalChrome; csrf: string; betriebsnummer: string; values: Record<string, string>; errors?: Record<string, string> }) {
  const errors = texts(props.errors);
  const v = props.values;
  return (
    <Layout title={props.errors ? 'Fehler: Unternehmensdaten ändern' : 'Unternehmensdaten ändern'} chrome={props.chrome}>
      <h1>Unternehmensdaten ändern</h1>
      <ErrorSummary errors={errors} labels={COMPANY_LABELS} />
      <form method="post" action={`${props.chrome.base}/unternehmen/bearbeiten`} novalidate>
        <CsrfField token={props.csrf} />
        <Field name="companyName" label="Firmenname" value={v.companyName} error={errors.companyName} autocomplete="organization" maxlength={150} required />
        <dl class="facts">
          <dt>Betriebsnummer</dt>
          <dd safe>{props.betriebsnummer}</dd>
        </dl>
        <p class="hint">Die Betriebsnummer kann nicht geändert werden.</p>
        <Field name="street" label="Straße" value={v.street} error={errors.street} autocomplete="address-line1" maxlength={100} required />
        <Field name="houseNumber" label="Hausnummer" value={v.houseNumber} error={errors.houseNumber} maxlength={10} required />
        <Field name="postalCode" label="PLZ" value={v.postalCode} error={errors.postalCode} autocomplete="postal-code" inputmode="numeric" maxlength={5} required />
        <Field name="city" label="Ort" value={v.city} error={errors.city} autocomplete="address-level2" maxlength={100} required />
        <SubmitActions label="Speichern">
          <a href={`${props.chrome.base}/unternehmen`}>Abbrechen</a>
        </SubmitActions>
      </form>
    </Layout>
  );
}

/** "Upload Firmenlogo". */
export function LogoPage(props: { chrome: PortalChrome; csrf: string; error?: string }) {
  const errors = texts(props.error ? { logo: props.error } : undefined);
  return (
    <Layout title={props.error ? 'Fehler: Upload Firmenlogo' : 'Upload Firmenlogo'} chrome={props.chrome}>
      <h1>Upload Firmenlogo</h1>
      <ErrorSummary errors={errors} labels={{ logo: 'Firmenlogo' }} />
      <form method="post" action={`${props.chrome.base}/unternehmen/logo`} enctype="multipart/form-data" novalidate>
        <CsrfField token={props.csrf} />
        <FileField name="logo" label="Firmenlogo" error={errors.logo} hint={LOGO_RULES} accept=".jpg,.jpeg,.png,.gif,image/jpeg,image/png,image/gif" />
        <SubmitActions label="Hochladen">
          <a href={`${props.chrome.base}/unternehmen`}>Abbrechen</a>
        </SubmitActions>
      </form>
    </Layout>
  );
}

const CONTACT_LABELS = { salutation: 'Anrede', title: 'Titel', firstName: 'Vorname', lastName: 'Nachname', phone: 'Telefon', email: 'E-Mail' };

/** "Hinzufügen" and "Bearbeiten" of a contact person. */
export function ContactFormPage(props: { chrome: PortalChrome; csrf: string; contactId?: string; values: Record<string, string>; errors?: Record<string, string> }) {
  const BASE = props.chrome.base;
  const heading = props.contactId ? 'Ansprechpartner bearbeiten' : 'Ansprechpartner hinzufügen';
  const errors = texts(props.errors);
  const v = props.values;
  return (
    <Layout title={props.errors ? `Fehler: ${heading}` : heading} chrome={props.chrome}>
      <h1>{heading}</h1>
      <ErrorSummary errors={errors} labels={CONTACT_LABELS} />
      <form method="post" action={props.contactId ? `${BASE}/ansprechpartner/${props.contactId}` : `${BASE}/ansprechpartner/neu`} novalidate>
        <CsrfField token={props.csrf} />
        <Select name="salutation" label="Anrede" options={salutations.map((s) => ({ value: s, label: s }))} value={v.salutation} error={errors.salutation} placeholder="Bitte wählen" required />
        <Select name="title" label="Titel" options={titles.map((s) => ({ value: s, label: s || 'kein Titel' }))} value={v.title ?? ''} error={errors.title} />
        <Field name="firstName" label="Vorname" value={v.firstName} error={errors.firstName} autocomplete="off" maxlength={100} required />
        <Field name="lastName" label="Nachname" value={v.lastName} error={errors.lastName} autocomplete="off" maxlength={100} required />
        <Field name="phone" label="Telefon" type="tel" value={v.phone} error={errors.phone} autocomplete="off" maxlength={40} required />
        <Field name="email" label="E-Mail" type="email" value={v.email} error={errors.email} autocomplete="off" maxlength={254} required />
        <SubmitActions label="Speichern">
          <a href={`${BASE}/unternehmen`}>Abbrechen</a>
        </SubmitActions>
      </form>
    </Layout>
  );
}

/** "Entfernen" asks first; while active postings name the contact, another contact takes them over. */
export function ContactRemovePage(props: {
  chrome: PortalChrome;
  csrf: string;
  contact: ContactView;
  postings: { id: string; title: string }[];
  others: ContactView[];
  error?: string;
  replacement?: string;
}) {
  const BASE = props.chrome.base;
  const errors = texts(props.error ? { replacement: props.error } : undefined);
  const name = contactName(props.contact);
  return (
    <Layout title={props.error ? 'Fehler: Ansprechpartner entfernen' : 'Ansprechpartner entfernen'} chrome={props.chrome}>
      <h1>Ansprechpartner entfernen</h1>
      <ErrorSummary errors={errors} labels={{ replacement: 'Neuer Ansprechpartner' }} />
      <p safe>{`Möchten Sie ${name} wirklich entfernen?`}</p>
      <form method="post" action={`${BASE}/ansprechpartner/${props.contact.id}/entfernen`} novalidate>
        <CsrfField token={props.csrf} />
        {props.postings.length ? (
          <>
            <p>Diese aktiven Stellenanzeigen nennen den Ansprechpartner:</p>
            <ul>
              {props.postings.map((p) => (
                <li safe>{p.title}</li>
              ))}
            </ul>
            <Select
              name="replacement"
              label="Neuer Ansprechpartner"
              options={props.others.map((o) => ({ value: o.id, label: contactName(o) }))}
              value={props.replacement}
              error={errors.replacement}
              placeholder="Bitte wählen"
              required
            />
          </>
        ) : (
          ''
        )}
        <SubmitActions label="Entfernen">
          <a href={`${BASE}/unternehmen`}>Abbrechen</a>
        </SubmitActions>
      </form>
    </Layout>
  );
}

/** Why a contact cannot be removed (the main contact). */
export function ContactProblemPage(props: { chrome: PortalChrome; code: string }) {
  const link = { href: `${props.chrome.base}/unternehmen`, label: 'Zurück zu den Unternehmensdaten' };
  return <NoticePage chrome={props.chrome} heading="Ansprechpartner entfernen" kind="error" message={t(props.code)} link={link} />;
}
