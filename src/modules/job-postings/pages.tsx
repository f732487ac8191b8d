import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../core/ui/layout.tsx';
import { CsrfField, ErrorSummary, Field, Notice, PageMessages, Select, TextArea } from '../../core/ui/components.tsx';
import { PostButton, SubmitActions } from '../../core/ui/post-button.tsx';
import { Table } from '../../core/ui/table.tsx';
import { t } from '../../core/i18n/de.ts';
import type { PostingStatus } from '../../core/db/values.ts';
import { KINDS, kindLabel } from '../job-search/service.ts';
import { FIELD_LABELS, MAX_CITY, MAX_DESCRIPTION, MAX_LINK, MAX_REQUIREMENTS, MAX_TITLE, type PostingErrors, type PostingField } from './form.ts';
import { germanDate } from './mails.ts';
import { STATUS_LABELS } from './service.ts';

export interface ListRow {
  id: string;
  title: string;
  kind: string;
  city: string;
  postal_code: string;
  apply_until: string | null;
  status: PostingStatus;
}

/** Manual 004 "Stellenverwaltung": how many postings are out, "Hinzufügen", and each posting with its actions. */
export function ListPage(props: { chrome: PortalChrome; csrf: string; rows: ListRow[]; active: number; released: boolean; notice?: string; error?: string }) {
  const BASE = `${props.chrome.base}/stellenverwaltung`;
  return (
    <Layout title={props.error ? 'Fehler: Stellenverwaltung' : 'Stellenverwaltung'} chrome={props.chrome}>
      <h1>Stellenverwaltung</h1>
      <PageMessages notice={props.notice} error={props.error} />
      {props.released || props.error === 'posting.not_released' ? (
        ''
      ) : (
        <Notice kind="info">
          <p safe>{t('posting.not_released')}</p>
        </Notice>
      )}
      <p>
        <strong safe>{props.active === 1 ? '1 ausgeschriebene Stelle' : `${props.active} ausgeschriebene Stellen`}</strong>
      </p>
      <p>
        <a class="button" href={`${BASE}/neu`}>
          Hinzufügen
        </a>
      </p>
      {props.rows.length === 0 ? (
        <p>Sie haben noch keine Stellenangebote erfasst.</p>
      ) : (
        <Table heads={['Titel', 'Art', 'Ort', 'Bewerbungsschluss', 'Status', 'Aktionen']} caption="Ihre Stellenangebote" scroll>
          {props.rows.map((r) => (
            <tr>
              <td safe>{r.title}</td>
              <td safe>{kindLabel(r.kind)}</td>
              <td safe>{`${r.postal_code} ${r.city}`}</td>
              <td safe>{r.apply_until ? germanDate(r.apply_until) : '–'}</td>
              <td safe>{STATUS_LABELS[r.status]}</td>
              <td>
                <a href={`${BASE}/${r.id}`} aria-label={`Bearbeiten: ${r.title}`}>
                  Bearbeiten
                </a>{' '}
                {r.status === 'active' ? (
                  <PostButton action={`${BASE}/${r.id}/deaktivieren`} csrf={props.csrf} inline button="button button--secondary" label={`Deaktivieren: ${r.title}`}>
                    Deaktivieren
                  </PostButton>
                ) : (
                  <PostButton action={`${BASE}/${r.id}/aktivieren`} csrf={props.csrf} inline button="button button--secondary" label={`Aktivieren: ${r.title}`}>
                    Aktivieren
                  </PostButton>
                )}{' '}
                <PostButton action={`${BASE}/${r.id}/kopieren`} csrf={props.csrf} inline button="button button--secondary" label={`Kopieren: ${r.title}`}>
                  Kopieren
                </PostButton>{' '}
                <a href={`${BASE}/${r.id}/loeschen`} aria-label={`Löschen: ${r.title}`}>
                  Löschen
                </a>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Layout>
  );
}

export interface Contact {
  id: string;
  salutation: string;
  title: string | null;
  first_name: string;
  last_name: string;
  is_main: boolean;
}

/** "Hinzufügen" and "Bearbeiten": the posting's form; a refused form shows the values as sent. */
export function FormPage(props: {
  chrome: PortalChrome;
  csrf: string;
  /** null for a new posting */
  id: string | null;
  values: Partial<Record<PostingField, string>>;
  errors?: PostingErrors;
  contacts: Contact[];
  notice?: string;
}) {
  const BASE = `${props.chrome.base}/stellenverwaltung`;
  const heading = props.id ? 'Stellenangebot bearbeiten' : 'Stellenangebot hinzufügen';
  const errors: Record<string, string> = Object.fromEntries(Object.entries(props.errors ?? {}).map(([k, code]) => [k, t(code!)]));
  const v = props.values;
  /** The posting's two long texts differ only in their words and limits. */
  const longText = (name: 'beschreibung' | 'anforderungen', label: string, rows: number, maxlength: number, hint: string, required?: boolean) => (
    <TextArea name={name} label={label} value={v[name]} error={errors[name]} rows={rows} maxlength={maxlength} hint={hint} required={required} />
  );
  const contactName = (c: Contact) => [c.salutation, c.title, c.first_name, c.last_name].filter(Boolean).join(' ') + (c.is_main ? ' (Hauptansprechpartner)' : '');
  return (
    <Layout title={Object.keys(errors).length ? `Fehler: ${heading}` : heading} chrome={props.chrome}>
      <h1 safe>{heading}</h1>
      <PageMessages notice={props.notice} />
      <ErrorSummary errors={errors} labels={FIELD_LABELS} />
      <form method="post" action={props.id ? `${BASE}/${props.id}` : `${BASE}/neu`} novalidate>
        <CsrfField token={props.csrf} />
        <Field name="titel" label="Titel" value={v.titel} error={errors.titel} maxlength={MAX_TITLE} required />
        <Select name="art" label="Art" options={[...KINDS]} value={v.art} error={errors.art} placeholder="Bitte wählen" required />
        <Field name="beginn" label="Beginn (optional)" value={v.beginn} error={errors.beginn} maxlength={10} hint="Datum (JJJJ-MM-TT) oder Monat (JJJJ-MM), z. B. 2027-08-01 oder 2027-08" />
        <Field name="ort" label="Ort" value={v.ort} error={errors.ort} maxlength={MAX_CITY} required />
        <Field name="plz" label="PLZ" value={v.plz} error={errors.plz} maxlength={5} inputmode="numeric" autocomplete="postal-code" required />
        {longText('beschreibung', 'Beschreibung', 12, MAX_DESCRIPTION, 'Höchstens 10.000 Zeichen. Eine Leerzeile beginnt einen neuen Absatz, eine Zeile mit „- “ einen Listenpunkt.', true)}
        {longText('anforderungen', 'Anforderungen (optional)', 5, MAX_REQUIREMENTS, 'Zum Beispiel der Schulabschluss. Höchstens 2.000 Zeichen.')}
        <Field name="bewerbungsschluss" label="Bewerbungsschluss" value={v.bewerbungsschluss} error={errors.bewerbungsschluss} maxlength={10} hint="Datum (JJJJ-MM-TT), z. B. 2027-03-31" required />
        <Select
          name="ansprechpartner"
          label="Ansprechpartner"
          options={props.contacts.map((c) => ({ value: c.id, label: contactName(c) }))}
          value={v.ansprechpartner}
          error={errors.ansprechpartner}
        />
        <Field name="link" label="Bewerbungslink (optional)" value={v.link} error={errors.link} maxlength={MAX_LINK} hint="Beginnt mit https://" />
        <Field name="email" label="Bewerbungs-E-Mail (optional)" type="email" value={v.email} error={errors.email} maxlength={254} />
        <SubmitOrCancel label="Speichern" back={BASE} />
      </form>
    </Layout>
  );
}

/** A posting's form ends with its button and "Abbrechen" back to the list. */
function SubmitOrCancel(props: { label: string; back: string }) {
  return (
    <SubmitActions label={props.label}>
      <a class="button button--secondary" href={props.back}>
        Abbrechen
      </a>
    </SubmitActions>
  );
}

/** "Löschen" asks first, on a page of its own, so it works without JavaScript. */
export function DeletePage(props: { chrome: PortalChrome; csrf: string; id: string; title: string }) {
  const BASE = `${props.chrome.base}/stellenverwaltung`;
  return (
    <Layout title="Stellenangebot löschen" chrome={props.chrome}>
      <h1>Stellenangebot löschen</h1>
      <p safe>{`Möchten Sie die Stelle „${props.title}“ wirklich löschen?`}</p>
      <form method="post" action={`${BASE}/${props.id}/loeschen`}>
        <CsrfField token={props.csrf} />
        <SubmitOrCancel label="Löschen" back={BASE} />
      </form>
    </Layout>
  );
}

/** The reminder's "Verlängern" link opens this page; only its button extends the deadline. */
export function ExtendPage(props: { chrome: PortalChrome; csrf: string; action: string; title: string; until: string; extendedTo: string }) {
  return (
    <Layout title="Bewerbungsschluss verlängern" chrome={props.chrome}>
      <h1>Bewerbungsschluss verlängern</h1>
      <p safe>{`Stellenangebot: „${props.title}“`}</p>
      <p safe>{`Bisheriger Bewerbungsschluss: ${germanDate(props.until)}`}</p>
      <p safe>{`Neuer Bewerbungsschluss: ${germanDate(props.extendedTo)}`}</p>
      <PostButton action={props.action} csrf={props.csrf} actions>
        Verlängern
      </PostButton>
    </Layout>
  );
}

/** The page a "Verlängern" link ends on: the new deadline, or why the link cannot be used. */
function ExtendOutcomePage(props: { chrome: PortalChrome; title: string; heading: string; kind: 'success' | 'error'; text: string }) {
  return (
    <Layout title={props.title} chrome={props.chrome}>
      <h1 safe>{props.heading}</h1>
      <Notice kind={props.kind}>
        <p safe>{props.text}</p>
      </Notice>
    </Layout>
  );
}

export function ExtendDonePage(props: { chrome: PortalChrome; until: string }) {
  const heading = 'Bewerbungsschluss verlängert';
  return <ExtendOutcomePage chrome={props.chrome} title={heading} heading={heading} kind="success" text={`Der Bewerbungsschluss ist jetzt der ${germanDate(props.until)}.`} />;
}

export function ExtendProblemPage(props: { chrome: PortalChrome; code: string }) {
  return <ExtendOutcomePage chrome={props.chrome} title="Fehler: Bewerbungsschluss verlängern" heading="Bewerbungsschluss verlängern" kind="error" text={t(props.code)} />;
}
