import Html from '@kitajs/html';
import { CsrfField, ErrorSummary, Field, PageMessages, Select, formatDate } from '../../../core/ui/components.tsx';
import { Table } from '../../../core/ui/table.tsx';
import type { DocumentListView, DocumentView } from '../../../modules/epa-records/api-schema.ts';
import { DesktopLayout, type Signed } from '../layout.tsx';
import { EpaSignedInBar } from '../epa-login/pages.tsx';
import { Pager } from '../pager.tsx';
import { RecordNav } from '../record-nav.tsx';
import { DocumentAssets, TYPE_OPTIONS } from './page-parts.tsx';
import { SORT_COLUMNS, isFiltered, isNarrowed, listHref, sortHref, type ListState } from './list-state.ts';

const TITLE = 'Dokumente';

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

/** "alle auswählen", a sort link per column, and the delete column's head for screen readers. */
function HeadCells(props: { state: ListState }) {
  return (
    <>
      <th scope="col" class="docs-check">
        <input type="checkbox" name="alle" value="ja" id="docs-alle" aria-label="alle auswählen" title="alle auswählen" />
      </th>
      {SORT_COLUMNS.map((column) => (
        <SortHead state={props.state} column={column} />
      ))}
      <th scope="col">
        <span class="visually-hidden">Löschen</span>
      </th>
    </>
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
    <DesktopLayout title={TITLE} signed={props.signed} back="/uebersicht" meta={<DocumentAssets />}>
      <h1>{TITLE}</h1>
      <RecordNav current="Dokumente" actingFor={props.signed.actingFor} />
      <PageMessages notice={props.notice} errorText={props.error} />
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
              <Field type="date" name="von" label="Erstellt von" value={state.von} error={errors.von} />
              <Field type="date" name="bis" label="Erstellt bis" value={state.bis} error={errors.bis} />
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
  const caption = `Ihre Dokumente, sortiert nach ${sortedBy.label} ${state.dir === 'asc' ? 'aufsteigend' : 'absteigend'}`;
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
        <Table headCells={<HeadCells state={state} />} caption={caption} class="docs-table" scroll>
          {list.documents.map((doc) => (
            <Row doc={doc} state={state} />
          ))}
        </Table>
      ) : (
        <p>{isNarrowed(state) ? 'Keine Dokumente gefunden. Bitte ändern Sie die Suche oder die Filter.' : 'Ihre ePA enthält noch keine Dokumente.'}</p>
      )}
      <Pager page={list.page} pages={list.pages} href={(seite) => listHref(state, { seite })} />
    </form>
  );
}
