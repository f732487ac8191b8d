import Html from '@kitajs/html';
import { CsrfField, ErrorSummary, FileField, Notice, Select, formatDate } from '../../../core/ui/components.tsx';
import { DOCUMENT_CLASSES } from '../../../modules/epa-records/classes.ts';
import type { DocumentListView, DocumentView } from '../../../modules/epa-records/api-schema.ts';
import { DesktopLayout, type Signed } from '../layout.tsx';
import { EpaSignedInBar } from '../epa-login/pages.tsx';
import { RecordNav } from '../record-nav.tsx';
import { SORT_COLUMNS, isFiltered, isNarrowed, listHref, sortHref, type ListState } from './list-state.ts';

const TITLE = 'Dokumente';
const TYPE_OPTIONS = DOCUMENT_CLASSES.map((c) => ({ value: c.code, label: c.label })).sort((a, b) => a.label.localeCompare(b.label, 'de'));
/** What the file input offers; the record service decides by the bytes. */
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.tif,.tiff,application/pdf,image/jpeg,image/png,image/tiff';

/** The screens' own style sheet and, where it adds something, the script (upload progress, "alle auswählen"). */
function Assets() {
  return (
    <>
      <link rel="stylesheet" href="/assets/epa/epa-documents.css" />
      <script src="/assets/epa/epa-documents.js" defer></script>
    </>
  );
}

/** Messages of the list's search and filter, per parameter (the record API's names). */
export type ListErrors = Partial<Record<'q' | 'typ' | 'von' | 'bis' | 'autor', string>>;

export interface DocumentsView {
  signed: Signed;
  kvnr: string;
  state: ListState;
  list?: DocumentListView;
  errors?: ListErrors;
  notice?: string;
  /** a refusal for the whole page (the export, the record service) */
  error?: string;
}

export function DateInput(props: { name: 'von' | 'bis'; label: string; value: string; error?: string }) {
  const id = `f-${props.name}`;
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <label for={id} safe>
        {props.label}
      </label>
      {props.error ? (
        <p class="field-error" id={`${id}-error`}>
          <span class="visually-hidden">Fehler: </span>
          <span safe>{props.error}</span>
        </p>
      ) : (
        ''
      )}
      <input type="date" id={id} name={props.name} value={props.value} aria-invalid={props.error ? 'true' : undefined} aria-describedby={props.error ? `${id}-error` : undefined} />
    </div>
  );
}

/** The state's other parameters, so a form that sets some keeps the rest. */
function KeepState(props: { state: ListState; keys: readonly (keyof ListState)[] }) {
  return (
    <>
      {props.keys.map((key) => {
        const value = String(props.state[key]);
        return value ? <input type="hidden" name={key} value={value} /> : '';
      })}
    </>
  );
}

function SortHead(props: { state: ListState; column: (typeof SORT_COLUMNS)[number] }) {
  const active = props.state.sort === props.column.sort;
  const ariaSort = active ? (props.state.dir === 'asc' ? 'ascending' : 'descending') : undefined;
  return (
    <th scope="col" aria-sort={ariaSort} class={active ? 'docs-sorted' : undefined}>
      <a href={sortHref(props.state, props.column)}>
        <span safe>{props.column.label}</span>
        {active ? (
          <span class="docs-arrow" aria-hidden="true">
            {props.state.dir === 'asc' ? ' ▲' : ' ▼'}
          </span>
        ) : (
          ''
        )}
      </a>
    </th>
  );
}

function Row(props: { doc: DocumentView; state: ListState }) {
  const { doc } = props;
  const title = doc.title;
  return (
    <tr>
      <td class="docs-check">
        <input type="checkbox" name="dokument" value={doc.id} id={`d-${doc.id}`} aria-label={`${title} auswählen`} />
      </td>
      <td safe>{doc.classLabel}</td>
      <td>
        <a href={`/epa/dokumente/${encodeURIComponent(doc.id)}`} safe>
          {title}
        </a>
      </td>
      <td safe>{doc.author}</td>
      <td class="docs-number">{String(doc.accessCount)}</td>
      <td>{formatDate(new Date(doc.createdAt))}</td>
      <td class="docs-actions">
        <a href={listHref(props.state, {}, `/epa/dokumente/${encodeURIComponent(doc.id)}/loeschen`)}>
          Löschen<span class="visually-hidden" safe>{`: ${title}`}</span>
        </a>
      </td>
    </tr>
  );
}

function Pager(props: { state: ListState; list: DocumentListView }) {
  const { page, pages } = props.list;
  if (pages <= 1) return '';
  return (
    <nav aria-label="Seiten" class="pager">
      {page > 1 ? <a href={listHref(props.state, { seite: page - 1 })}>Vorherige Seite</a> : ''}
      <span>{`Seite ${page} von ${pages}`}</span>
      {page < pages ? <a href={listHref(props.state, { seite: page + 1 })}>Nächste Seite</a> : ''}
    </nav>
  );
}

/**
 * "Dokumente" (manual 003 §4.4): "Suche nach Titel oder Autor", "Filtern", "Als PDF speichern", the
 * table with a checkbox per document, Typ, Titel, Autor, Zugriffe and Erstelldatum ▼ (every head a
 * sort link), pages of 50, "Dokument hinzufügen" and "Abmelden". The checked documents are one form
 * with "Als PDF speichern"; "alle auswählen" without a script means every document of this page.
 */
export function DocumentsPage(props: DocumentsView) {
  const { state, list } = props;
  const errors = props.errors ?? {};
  const filterOpen = isFiltered(state) || Boolean(errors.typ || errors.von || errors.bis || errors.autor);
  const authors = list?.authors ?? [];
  return (
    <DesktopLayout title={TITLE} signed={props.signed} back="/uebersicht" meta={<Assets />}>
      <h1>{TITLE}</h1>
      <RecordNav current="Dokumente" actingFor={props.signed.actingFor} />
      {props.notice ? (
        <Notice kind="success">
          <p safe>{props.notice}</p>
        </Notice>
      ) : (
        ''
      )}
      {props.error ? (
        <Notice kind="error">
          <p safe>{props.error}</p>
        </Notice>
      ) : (
        ''
      )}
      <ErrorSummary errors={errors as Record<string, string>} labels={{ q: 'Suche nach Titel oder Autor', typ: 'Typ', von: 'Erstellt von', bis: 'Erstellt bis', autor: 'Autor' }} />
      <div class="docs-toolbar">
        <form method="get" action="/epa/dokumente" role="search" class={errors.q ? 'docs-search field--error' : 'docs-search'}>
          <KeepState state={state} keys={['typ', 'von', 'bis', 'autor', 'sort', 'dir']} />
          <label for="f-q" class="visually-hidden">
            Suche nach Titel oder Autor
          </label>
          <input
            type="search"
            id="f-q"
            name="q"
            value={state.q}
            placeholder="Suche nach Titel oder Autor"
            maxlength="200"
            aria-invalid={errors.q ? 'true' : undefined}
            aria-describedby={errors.q ? 'f-q-error' : undefined}
          />
          <button type="submit" class="button button--secondary">
            Suchen
          </button>
          {errors.q ? (
            <p class="field-error" id="f-q-error">
              <span class="visually-hidden">Fehler: </span>
              <span safe>{errors.q}</span>
            </p>
          ) : (
            ''
          )}
        </form>
        <details class="docs-filter" open={filterOpen}>
          <summary class="button button--secondary">Filtern</summary>
          <form method="get" action="/epa/dokumente" class="docs-filter__panel">
            <KeepState state={state} keys={['q', 'sort', 'dir']} />
            <Select name="typ" label="Typ" options={TYPE_OPTIONS} value={state.typ} placeholder="Alle Typen" error={errors.typ} />
            <div class="docs-period">
              <DateInput name="von" label="Erstellt von" value={state.von} error={errors.von} />
              <DateInput name="bis" label="Erstellt bis" value={state.bis} error={errors.bis} />
            </div>
            <Select name="autor" label="Autor" options={authors.map((a) => ({ value: a, label: a }))} value={state.autor} placeholder="Alle Autoren" error={errors.autor} />
            <div class="actions">
              <button type="submit" class="button">
                Filter anwenden
              </button>
              <a href={listHref(state, { typ: '', von: '', bis: '', autor: '', seite: 1 })}>Filter zurücksetzen</a>
            </div>
          </form>
        </details>
        <button type="submit" form="docs-export" class="button docs-export">
          Als PDF speichern
        </button>
      </div>
      {list ? <DocumentTable {...props} list={list} /> : ''}
      <div class="docs-bottom">
        <a class="button" href="/epa/dokumente/hinzufuegen">
          Dokument hinzufügen
        </a>
      </div>
      <EpaSignedInBar signed={props.signed} kvnr={props.kvnr} />
    </DesktopLayout>
  );
}

function DocumentTable(props: DocumentsView & { list: DocumentListView }) {
  const { state, list } = props;
  const sortedBy = SORT_COLUMNS.find((c) => c.sort === state.sort)!;
  const count = list.total === 1 ? '1 Dokument' : `${list.total.toLocaleString('de-DE')} Dokumente`;
  return (
    <form id="docs-export" method="post" action="/epa/dokumente/pdf" class="docs-list">
      <CsrfField token={props.signed.csrf} />
      <input type="hidden" name="zurueck" value={listHref(state)} />
      {list.documents.map((d) => (
        <input type="hidden" name="auf_seite" value={d.id} />
      ))}
      <p class="docs-count" role="status">
        {isNarrowed(state) ? `${count} gefunden` : count}
      </p>
      {list.documents.length ? (
        <div class="table-scroll">
          <table class="table docs-table">
            <caption class="visually-hidden" safe>
              {`Ihre Dokumente, sortiert nach ${sortedBy.label} ${state.dir === 'asc' ? 'aufsteigend' : 'absteigend'}`}
            </caption>
            <thead>
              <tr>
                <th scope="col" class="docs-check">
                  <input type="checkbox" name="alle" value="ja" id="docs-alle" aria-label="alle auswählen" title="alle auswählen" />
                </th>
                {SORT_COLUMNS.map((column) => (
                  <SortHead state={state} column={column} />
                ))}
                <th scope="col">
                  <span class="visually-hidden">Löschen</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.documents.map((doc) => (
                <Row doc={doc} state={state} />
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{isNarrowed(state) ? 'Keine Dokumente gefunden. Bitte ändern Sie die Suche oder die Filter.' : 'Ihre ePA enthält noch keine Dokumente.'}</p>
      )}
      <Pager state={state} list={list} />
    </form>
  );
}

export interface AddErrors {
  datei?: string;
  typ?: string;
  titel?: string;
}

/**
 * "Dokument hinzufügen": Typ, Titel and the file, in this order so that what was typed arrives before
 * the file and is shown again when the file is refused; with a script an upload progress bar, without
 * one a plain form.
 */
export function AddDocumentPage(props: { signed: Signed; typ?: string; titel?: string; errors?: AddErrors; error?: string }) {
  const errors = props.errors ?? {};
  return (
    <DesktopLayout title="Dokument hinzufügen" signed={props.signed} back="/epa/dokumente" narrow meta={<Assets />}>
      <h1>Dokument hinzufügen</h1>
      {props.error ? (
        <Notice kind="error">
          <p safe>{props.error}</p>
        </Notice>
      ) : (
        ''
      )}
      <ErrorSummary errors={errors as Record<string, string>} labels={{ datei: 'Datei', typ: 'Typ', titel: 'Titel' }} />
      <form method="post" action="/epa/dokumente/hinzufuegen" enctype="multipart/form-data" class="docs-upload" novalidate>
        <CsrfField token={props.signed.csrf} />
        <Select name="typ" label="Typ" options={TYPE_OPTIONS} value={props.typ} placeholder="Bitte auswählen" error={errors.typ} required />
        <div class={errors.titel ? 'field field--error' : 'field'}>
          <label for="f-titel">Titel</label>
          <p class="hint" id="f-titel-hint">
            Ohne Titel wird der Dateiname verwendet.
          </p>
          {errors.titel ? (
            <p class="field-error" id="f-titel-error">
              <span class="visually-hidden">Fehler: </span>
              <span safe>{errors.titel}</span>
            </p>
          ) : (
            ''
          )}
          <input
            type="text"
            id="f-titel"
            name="titel"
            value={props.titel}
            maxlength="200"
            aria-invalid={errors.titel ? 'true' : undefined}
            aria-describedby={errors.titel ? 'f-titel-hint f-titel-error' : 'f-titel-hint'}
          />
        </div>
        <FileField name="datei" label="Datei" hint="PDF, JPEG, PNG oder TIFF, höchstens 25 MB." accept={ACCEPT} error={errors.datei} />
        <div class="docs-progress" hidden>
          <label for="docs-progress-bar">Fortschritt</label>
          <progress id="docs-progress-bar" max="100" value="0"></progress>
        </div>
        <p class="docs-progress-status" role="status" aria-live="polite"></p>
        <div class="actions desktop-actions">
          <a class="button button--secondary" href="/epa/dokumente">
            Abbrechen
          </a>
          <button type="submit" class="button">
            Hinzufügen
          </button>
        </div>
      </form>
    </DesktopLayout>
  );
}

/** "Löschen": the warning that it cannot be undone, then "Endgültig löschen" or back to the list. */
export function DeleteDocumentPage(props: { signed: Signed; id: string; doc?: DocumentView; back: string; error?: string }) {
  const action = `/epa/dokumente/${encodeURIComponent(props.id)}/loeschen`;
  return (
    <DesktopLayout title="Dokument löschen" signed={props.signed} back={props.back} narrow meta={<Assets />}>
      <h1>Dokument löschen</h1>
      {props.error ? (
        <Notice kind="error">
          <p safe>{props.error}</p>
        </Notice>
      ) : (
        ''
      )}
      {props.doc ? (
        <dl class="docs-facts">
          <dt>Titel</dt>
          <dd safe>{props.doc.title}</dd>
          <dt>Typ</dt>
          <dd safe>{props.doc.classLabel}</dd>
          <dt>Autor</dt>
          <dd safe>{props.doc.author}</dd>
          <dt>Erstelldatum</dt>
          <dd>{formatDate(new Date(props.doc.createdAt))}</dd>
        </dl>
      ) : (
        ''
      )}
      <Notice kind="warning" title="Achtung">
        <p>Das Löschen kann nicht rückgängig gemacht werden. Das Dokument ist danach nicht mehr in Ihrer ePA, auch nicht für Ihre Ärztinnen und Ärzte.</p>
      </Notice>
      <form method="post" action={action}>
        <CsrfField token={props.signed.csrf} />
        <input type="hidden" name="zurueck" value={props.back} />
        <div class="actions desktop-actions">
          <a class="button button--secondary" href={props.back}>
            Abbrechen
          </a>
          <button type="submit" class="button docs-danger">
            Endgültig löschen
          </button>
        </div>
      </form>
    </DesktopLayout>
  );
}

/** A refusal that leaves nothing to fill in (a document not found, the service not reachable). */
export function DocumentProblemPage(props: { signed: Signed; title: string; message: string }) {
  return (
    <DesktopLayout title={props.title} signed={props.signed} back="/epa/dokumente" narrow>
      <h1 safe>{props.title}</h1>
      <Notice kind="error">
        <p safe>{props.message}</p>
      </Notice>
      <p>
        <a class="button" href="/epa/dokumente">
          Zurück zu den Dokumenten
        </a>
      </p>
    </DesktopLayout>
  );
}
