import Html from '@kitajs/html';
import type { PortalChrome } from '../../core/ui/layout.tsx';
import type { StaffMember } from '../../core/staff/service.ts';
import type { Insurer } from '../../core/config/insurers.ts';
import { Layout } from '../../core/ui/layout.tsx';
import { CsvUploadForm, ImportRefused } from '../../core/ui/csv-upload.tsx';
import { SearchForm } from '../../core/ui/search-form.tsx';
import { CsrfField, ErrorSummary, Field, Select } from '../../core/ui/components.tsx';
import { PageHead } from '../../core/ui/page-head.tsx';
import { Table } from '../../core/ui/table.tsx';
import { SubmitActions } from '../../core/ui/post-button.tsx';
import { StaffBar } from '../../core/staff/shell.tsx';
import { t } from '../../core/i18n/de.ts';
import { MAX_CITY, MAX_STREET, germanDate } from './fields.ts';
import { describeImportError, type ImportError } from './import.ts';
import type { Insured } from './service.ts';

export const INSURED_PATH = '/backoffice/versicherte';

export const STATUS_LABEL: Record<string, string> = { active: 'aktiv', locked: 'gesperrt' };

/** The form's labels, for the fields and the error summary. */
export const LABELS: Record<string, string> = {
  kvnr: 'Krankenversichertennummer (KVNR)',
  lastName: 'Name',
  firstName: 'Vorname',
  birthDate: 'Geburtsdatum',
  email: 'E-Mail-Adresse',
  street: 'Straße und Hausnummer',
  postalCode: 'PLZ',
  city: 'Ort',
  aok: 'AOK',
};

/** The address's three fields, in the create form and in "Anschrift ändern"; the letter is posted there. */
export function AddressFields(props: { values: Record<string, string | undefined>; errors: Record<string, string | undefined> }) {
  const { values: v, errors: e } = props;
  return (
    <>
      <Field name="street" label={LABELS.street!} value={v.street} error={e.street} maxlength={MAX_STREET} autocomplete="off" required />
      <Field name="postalCode" label={LABELS.postalCode!} value={v.postalCode} error={e.postalCode} maxlength={5} inputmode="numeric" autocomplete="off" hint="Fünf Ziffern" required />
      <Field name="city" label={LABELS.city!} value={v.city} error={e.city} maxlength={MAX_CITY} autocomplete="off" required />
    </>
  );
}

interface Shell {
  chrome: PortalChrome;
  csrf: string;
  staff: StaffMember;
  insurers: Insurer[];
}

const insurerOptions = (insurers: Insurer[]) => insurers.map((i) => ({ value: i.id, label: i.name }));
const withError = (title: string, failed: boolean) => (failed ? `Fehler: ${title}` : title);

/** "Versicherte": the search over the persons of the staff member's scope, with the ways to add more. */
export function InsuredListPage(props: Shell & { q: string; result: Awaited<ReturnType<Insured['search']>>; notice?: string; searchError?: string }) {
  const { result, q } = props;
  const insurerName = (id: string) => props.insurers.find((i) => i.id === id)?.name ?? id;
  const link = (page: number) => `${INSURED_PATH}?${new URLSearchParams({ q, seite: String(page) }).toString()}`;
  return (
    <Layout title={withError('Versicherte', Boolean(props.searchError))} chrome={props.chrome}>
      <StaffBar chrome={props.chrome} staff={props.staff} csrf={props.csrf} insurers={props.insurers} />
      <PageHead title="Versicherte" notice={props.notice} />
      <p>
        <a class="button" href={`${INSURED_PATH}/neu`}>
          Versicherte Person anlegen
        </a>{' '}
        <a class="button button--secondary" href={`${INSURED_PATH}/import`}>
          Versicherte importieren
        </a>
      </p>
      <SearchForm action={INSURED_PATH} label="Suche (KVNR, Name oder Geburtsdatum)" value={q} hint="Zum Beispiel A123456780, Mustermann Erika oder 12.08.1964; mehrere Angaben grenzen die Suche ein." error={props.searchError && t(props.searchError)} />
      {result.rows.length ? (
        <>
          <p safe>{`${result.total} ${result.total === 1 ? 'versicherte Person' : 'Versicherte'} gefunden`}</p>
          <Table caption="Versicherte" heads={['KVNR', 'Name', 'Vorname', 'Geburtsdatum', 'AOK', 'Status', 'ePA']}>
            {result.rows.map((r) => (
              <tr>
                <td>
                  <a href={`${INSURED_PATH}/${r.id}`} safe>
                    {r.kvnr}
                  </a>
                </td>
                <td safe>{r.last_name}</td>
                <td safe>{r.first_name}</td>
                <td safe>{germanDate(r.birth_date)}</td>
                <td safe>{insurerName(r.insurer_id)}</td>
                <td safe>{STATUS_LABEL[r.status] ?? r.status}</td>
                <td>{r.registered_at ? 'registriert' : '–'}</td>
              </tr>
            ))}
          </Table>
          {result.pages > 1 ? (
            <nav aria-label="Seiten" class="pager">
              {result.page > 1 ? <a href={link(result.page - 1)}>Vorherige Seite</a> : ''}
              <span safe>{`Seite ${result.page} von ${result.pages}`}</span>
              {result.page < result.pages ? <a href={link(result.page + 1)}>Nächste Seite</a> : ''}
            </nav>
          ) : (
            ''
          )}
        </>
      ) : (
        <p>{q ? 'Keine Versicherten gefunden.' : 'Noch keine Versicherten angelegt.'}</p>
      )}
    </Layout>
  );
}

/** "Versicherte Person anlegen": an administrator chooses the AOK, a clerk's is their own. */
export function InsuredCreatePage(props: Shell & { values?: Record<string, string>; errors?: Record<string, string> }) {
  const e = Object.fromEntries(Object.entries(props.errors ?? {}).map(([k, v]) => [k, t(v)]));
  const v = props.values ?? {};
  const own = props.insurers.find((i) => i.id === props.staff.insurerId);
  return (
    <Layout title={withError('Versicherte Person anlegen', Object.keys(e).length > 0)} chrome={props.chrome}>
      <StaffBar chrome={props.chrome} staff={props.staff} csrf={props.csrf} insurers={props.insurers} />
      <PageHead back={{ href: INSURED_PATH, label: 'Versicherte' }} title="Versicherte Person anlegen" />
      <ErrorSummary errors={e} labels={LABELS} />
      <form method="post" action={`${INSURED_PATH}/neu`} novalidate>
        <CsrfField token={props.csrf} />
        <Field name="kvnr" label={LABELS.kvnr!} value={v.kvnr} error={e.kvnr} maxlength={20} hint="Ein Buchstabe und neun Ziffern, die letzte ist die Prüfziffer (z. B. A123456780)." required />
        <Field name="lastName" label={LABELS.lastName!} value={v.lastName} error={e.lastName} maxlength={100} autocomplete="off" required />
        <Field name="firstName" label={LABELS.firstName!} value={v.firstName} error={e.firstName} maxlength={100} autocomplete="off" required />
        <Field name="birthDate" label={LABELS.birthDate!} value={v.birthDate} error={e.birthDate} maxlength={10} hint="TT.MM.JJJJ" required />
        <Field name="email" label={LABELS.email!} type="email" value={v.email} error={e.email} maxlength={254} autocomplete="off" required />
        <fieldset>
          <legend>Anschrift (für den Aktivierungsbrief)</legend>
          <AddressFields values={v} errors={e} />
        </fieldset>
        {props.staff.role === 'admin' ? (
          <Select name="aok" label={LABELS.aok!} placeholder="Bitte wählen" options={insurerOptions(props.insurers)} value={v.aok} error={e.aok} required />
        ) : (
          <p>
            AOK: <strong safe>{own?.name ?? ''}</strong>
          </p>
        )}
        <SubmitActions label="Anlegen" />
      </form>
    </Layout>
  );
}

/** "Versicherte importieren": one CSV file, all lines or none, like the IK register's import. */
export function InsuredImportPage(props: Shell & { aok?: string; fileError?: string; aokError?: string; importErrors?: ImportError[]; truncated?: boolean }) {
  const failed = Boolean(props.fileError || props.aokError || props.importErrors?.length);
  const own = props.insurers.find((i) => i.id === props.staff.insurerId);
  return (
    <Layout title={withError('Versicherte importieren', failed)} chrome={props.chrome}>
      <StaffBar chrome={props.chrome} staff={props.staff} csrf={props.csrf} insurers={props.insurers} />
      <PageHead back={{ href: INSURED_PATH, label: 'Versicherte' }} title="Versicherte importieren" />
      <ImportRefused unchanged="die Versicherten sind unverändert" errors={(props.importErrors ?? []).map((e) => describeImportError(e))} truncated={props.truncated} />
      <p>
        Laden Sie eine CSV-Datei hoch. Neue Krankenversichertennummern werden angelegt, Versicherte Ihrer AOK mit derselben Nummer
        aktualisiert (Name, Vorname, Geburtsdatum, E-Mail und die Anschrift, wenn die Zeile eine enthält). Enthält auch nur eine Zeile einen Fehler, wird nichts importiert und Sie sehen
        alle fehlerhaften Zeilen.
      </p>
      <ul>
        <li>
          Erste Zeile: die Spaltennamen <code>KVNR;Name;Vorname;Geburtsdatum;E-Mail</code> (Pflicht), wahlweise dazu{' '}
          <code>Straße;PLZ;Ort</code> – Reihenfolge beliebig, Groß-/Kleinschreibung egal.
        </li>
        <li>
          Anschrift: Straße und Hausnummer, PLZ (fünf Ziffern) und Ort zusammen oder gar nicht; eine Zeile ohne Anschrift lässt eine
          gespeicherte Anschrift unverändert.
        </li>
        <li>Danach eine versicherte Person je Zeile; Trennzeichen Semikolon (wie Excel) oder Komma, Felder mit Trennzeichen in Anführungszeichen.</li>
        <li>KVNR: ein Buchstabe und neun Ziffern mit gültiger Prüfziffer, jede nur einmal. Geburtsdatum: TT.MM.JJJJ oder JJJJ-MM-TT. Name und Vorname höchstens 100 Zeichen.</li>
        <li>Zeichensatz: UTF-8 (auch mit BOM, Excel „CSV UTF-8“) oder Windows-1252 (Excel „CSV (Trennzeichen-getrennt)“); nicht UTF-16 („Unicode-Text“).</li>
        <li>Höchstens 100 000 Zeilen und 10 MB.</li>
      </ul>
      <p>Beispiel:</p>
      <pre>{'KVNR;Name;Vorname;Geburtsdatum;E-Mail;Straße;PLZ;Ort\nA123456780;Mustermann;Erika;12.08.1964;erika.mustermann@example.org;Heidestraße 17;51147;Köln'}</pre>
      <CsvUploadForm action={`${INSURED_PATH}/import`} csrf={props.csrf} fileError={props.fileError}>
        {props.staff.role === 'admin' ? (
          <Select name="aok" label="AOK der Versicherten" placeholder="Bitte wählen" options={insurerOptions(props.insurers)} value={props.aok} error={props.aokError ? t(props.aokError) : undefined} required />
        ) : (
          <p>
            AOK der Versicherten: <strong safe>{own?.name ?? ''}</strong>
          </p>
        )}
      </CsvUploadForm>
    </Layout>
  );
}
