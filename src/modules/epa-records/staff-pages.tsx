import Html from '@kitajs/html';
import type { PortalChrome } from '../../core/ui/layout.tsx';
import type { StaffMember } from '../../core/staff/service.ts';
import type { Insurer } from '../../core/config/insurers.ts';
import { Layout } from '../../core/ui/layout.tsx';
import { CsrfField, Field, FileField, Select, formatBytes, formatDate } from '../../core/ui/components.tsx';
import { PageHead } from '../../core/ui/page-head.tsx';
import { StaffBar } from '../../core/staff/shell.tsx';
import { t } from '../../core/i18n/de.ts';
import { INSURED_PATH } from '../insured/pages.tsx';
import { DOCUMENT_CLASSES, documentClassLabel } from './classes.ts';
import { MAX_TITLE, type DocumentSort } from './service.ts';
import type { StaffDocument } from './staff-view.ts';

export const recordPath = (insuredId: string) => `${INSURED_PATH}/${insuredId}/patientenakte`;

/** The columns of manual 003 §4.4 (without the checkboxes, which are the person's), then format and size. */
const COLUMNS: readonly { sort: DocumentSort; label: string }[] = [
  { sort: 'typ', label: 'Typ' },
  { sort: 'titel', label: 'Titel' },
  { sort: 'autor', label: 'Autor' },
  { sort: 'zugriffe', label: 'Zugriffe' },
  { sort: 'erstelldatum', label: 'Erstelldatum' },
  { sort: 'groesse', label: 'Größe' },
];

const FORMAT: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/tiff': 'TIFF' };

export interface RecordPageProps {
  chrome: PortalChrome;
  csrf: string;
  staff: StaffMember;
  insurers: Insurer[];
  person: { id: string; first_name: string; last_name: string; kvnr: string; record_id: string | null };
  /** as staff may see them (staffDocuments): no titles of the person's own uploads */
  documents: StaffDocument[];
  sort: DocumentSort;
  direction: 'asc' | 'desc';
  notice?: string;
  /** what was typed when adding failed, and the codes at its fields */
  values?: { typ?: string; titel?: string };
  errors?: Partial<Record<'typ' | 'titel' | 'datei', string>>;
}

/** A column head that sorts by it; a second click turns the order round. */
function SortHead(props: { path: string; column: { sort: DocumentSort; label: string }; sort: DocumentSort; direction: 'asc' | 'desc' }) {
  const active = props.column.sort === props.sort;
  const next = active && props.direction === 'desc' ? 'asc' : active ? 'desc' : props.column.sort === 'erstelldatum' || props.column.sort === 'zugriffe' ? 'desc' : 'asc';
  const mark = active ? (props.direction === 'desc' ? ' ▼' : ' ▲') : '';
  return (
    <th scope="col" aria-sort={active ? (props.direction === 'desc' ? 'descending' : 'ascending') : undefined}>
      <a href={`${props.path}?sortierung=${props.column.sort}&richtung=${next}`} safe>
        {`${props.column.label}${mark}`}
      </a>
    </th>
  );
}

/**
 * "Patientenakte" of one insured person in the back office: the documents' metadata (staff do not
 * read the person's documents, nor the titles of what the person uploaded: see staffDocuments) and
 * "Dokument hinzufügen" for documents of the AOK.
 */
export function RecordPage(props: RecordPageProps) {
  const p = props.person;
  const name = `${p.first_name} ${p.last_name}`;
  const path = recordPath(p.id);
  const errors = props.errors ?? {};
  const failed = Object.keys(errors).length > 0;
  return (
    <Layout title={failed ? `Fehler: Patientenakte ${name}` : `Patientenakte ${name}`} chrome={props.chrome}>
      <StaffBar chrome={props.chrome} staff={props.staff} csrf={props.csrf} insurers={props.insurers} />
      <PageHead back={{ href: `${INSURED_PATH}/${p.id}`, label: name }} eyebrow="Elektronische Patientenakte (ePA)" title="Patientenakte" notice={props.notice} />
      <p safe>{`${name}, KVNR ${p.kvnr}`}</p>
      {p.record_id === null ? (
        <p>Noch nicht für die ePA registriert: Dokumente können erst nach der Registrierung hinzugefügt werden.</p>
      ) : (
        <>
          <p>
            Sie sehen nur die Angaben zu den Dokumenten; ihre Inhalte sind der versicherten Person vorbehalten, ebenso die Titel der Dokumente, die sie selbst (oder ihre Vertretung) hinzugefügt hat. Jeder
            Aufruf steht im Protokoll der Person.
          </p>
          <h2>Dokumente</h2>
          {props.documents.length === 0 ? (
            <p>Die Patientenakte enthält noch keine Dokumente.</p>
          ) : (
            <div class="table-scroll">
              <table class="table">
                <caption class="visually-hidden">Dokumente der Patientenakte</caption>
                <thead>
                  <tr>
                    {COLUMNS.map((column) => (
                      <SortHead path={path} column={column} sort={props.sort} direction={props.direction} />
                    ))}
                    <th scope="col">Format</th>
                  </tr>
                </thead>
                <tbody>
                  {props.documents.map((d) => (
                    <tr>
                      <td safe>{documentClassLabel(d.class_code)}</td>
                      {d.title === null ? (
                        <td>
                          <span class="muted">nicht einsehbar</span>
                        </td>
                      ) : (
                        <td safe>{d.title}</td>
                      )}
                      <td safe>{d.author}</td>
                      <td safe>{String(d.access_count)}</td>
                      <td safe>{formatDate(new Date(d.created_at))}</td>
                      <td safe>{formatBytes(d.size)}</td>
                      <td safe>{FORMAT[d.content_type] ?? d.content_type}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h2>Dokument hinzufügen</h2>
          <p>Das Dokument wird der Patientenakte als Dokument Ihrer AOK hinzugefügt (Autor: Ihre AOK). PDF, JPEG, PNG oder TIFF, höchstens 25 MB.</p>
          <form method="post" action={path} enctype="multipart/form-data" novalidate>
            <CsrfField token={props.csrf} />
            <Select
              name="typ"
              label="Typ"
              placeholder="Bitte wählen"
              options={DOCUMENT_CLASSES.map((c) => ({ value: c.code, label: c.label }))}
              value={props.values?.typ}
              error={errors.typ && t(errors.typ)}
              required
            />
            <Field name="titel" label="Titel" value={props.values?.titel} maxlength={MAX_TITLE} error={errors.titel && t(errors.titel)} required />
            <FileField name="datei" label="Dokument" accept=".pdf,.jpg,.jpeg,.png,.tif,.tiff" error={errors.datei && t(errors.datei)} />
            <button type="submit" class="button">
              Dokument hinzufügen
            </button>
          </form>
        </>
      )}
    </Layout>
  );
}
