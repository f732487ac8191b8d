import Html from '@kitajs/html';
import { ErrorSummary, Field, PageMessages, Select, formatDateTime } from '../../../core/ui/components.tsx';
import { PROTOCOL_KINDS, RESULT_LABELS } from '../../../modules/epa-protocol/actions.ts';
import type { ProtocolEntryView, ProtocolPageView } from '../../../modules/epa-protocol/api-schema.ts';
import { Table } from '../../../core/ui/table.tsx';
import { DesktopLayout, type Signed } from '../layout.tsx';
import { EpaSignedInBar } from '../epa-login/pages.tsx';
import { Pager } from '../pager.tsx';
import { RecordNav } from '../record-nav.tsx';
import { protocolHref, type ProtocolState } from './state.ts';

const TITLE = 'Protokoll';
const HEADS = ['Zeitpunkt', 'Wer', 'Aktion', 'Dokument', 'Gerät', 'Ergebnis'];

export type ProtocolErrors = Partial<Record<'von' | 'bis' | 'art', string>>;

/**
 * Who acted, as the reader of the Protokoll says it: "Sie" for the record's person (the represented
 * person's name while acting for them), a representative "X für Sie", the AOK by its name.
 */
export function whoLabel(entry: Pick<ProtocolEntryView, 'actor' | 'onBehalfOf'>, actingFor?: string): string {
  const you = actingFor ?? 'Sie';
  switch (entry.actor.kind) {
    case 'insured':
      return entry.onBehalfOf ? `${you} für ${entry.onBehalfOf}` : you;
    case 'representative':
      return `${entry.actor.name ?? 'Vertretung'} für ${actingFor ?? 'Sie'}`;
    case 'staff':
      return entry.actor.name ?? 'Ihre Krankenkasse';
    default:
      return 'ePA-Dienst';
  }
}

function Entries(props: { list: ProtocolPageView; actingFor?: string }) {
  if (props.list.entries.length === 0) return <p>Für diese Auswahl gibt es keine Einträge.</p>;
  return (
    <Table heads={HEADS} caption="Einträge des Protokolls, neueste zuerst" class="protocol-table" scroll>
      {props.list.entries.map((e) => (
        <tr class={e.result === 'success' ? undefined : 'protocol-refused'}>
          <td class="protocol-time">{formatDateTime(new Date(e.at))}</td>
          <td safe>{whoLabel(e, props.actingFor)}</td>
          <td safe>{e.label}</td>
          <td safe>{e.document?.title ?? e.document?.id ?? '–'}</td>
          <td safe>{e.device?.name ?? '–'}</td>
          <td safe>{RESULT_LABELS[e.result]}</td>
        </tr>
      ))}
    </Table>
  );
}

/**
 * "Protokoll" (issue 15 §7): every entry of the record's Protokoll, newest first, in pages of 25:
 * Zeitpunkt, Wer, Aktion, Dokument, Gerät, Ergebnis; filtered by period and kind; "Als PDF speichern"
 * (the record service's PDF of the same selection).
 */
export function ProtocolPage(props: { signed: Signed; kvnr: string; state: ProtocolState; list?: ProtocolPageView; errors?: ProtocolErrors; error?: string }) {
  const { state, list } = props;
  const errors = props.errors ?? {};
  const actingFor = props.signed.actingFor;
  const count = list ? (list.total === 1 ? '1 Eintrag' : `${list.total.toLocaleString('de-DE')} Einträge`) : '';
  return (
    <DesktopLayout title={TITLE} signed={props.signed} back="/epa/dokumente">
      <h1>{TITLE}</h1>
      <RecordNav current="Protokoll" actingFor={props.signed.actingFor} />
      <p class="lead">
        {actingFor ? (
          <>
            Wer wann auf die ePA von <strong safe>{actingFor}</strong> zugegriffen hat: jeder Zugriff, jede Anmeldung, jedes Gerät und jede Handlung einer Vertretung.
          </>
        ) : (
          'Wer wann auf Ihre ePA zugegriffen hat: jeder Zugriff, jede Anmeldung, jedes Gerät und jede Handlung einer Vertretung. Einträge werden drei Jahre aufbewahrt und können nicht geändert werden.'
        )}
      </p>
      <PageMessages errorText={props.error} />
      <ErrorSummary errors={errors as Record<string, string>} labels={{ von: 'Zeitraum von', bis: 'Zeitraum bis', art: 'Art' }} />
      <form method="get" action="/epa/protokoll" class="protocol-filter" novalidate>
        <Field type="date" name="von" label="Zeitraum von" value={state.von} error={errors.von} />
        <Field type="date" name="bis" label="Zeitraum bis" value={state.bis} error={errors.bis} />
        <Select name="art" label="Art" options={PROTOCOL_KINDS.map((k) => ({ value: k.kind, label: k.label }))} value={state.art} placeholder="Alle Einträge" error={errors.art} />
        <div class="actions">
          <button type="submit" class="button button--secondary">
            Filtern
          </button>
          {state.von || state.bis || state.art ? <a href="/epa/protokoll">Filter zurücksetzen</a> : ''}
        </div>
      </form>
      <div class="protocol-tools">
        <p class="protocol-count" role="status">
          {count}
        </p>
        <a class="button" href={protocolHref(state, { seite: 1 }, '/epa/protokoll.pdf')} download="">
          Als PDF speichern
        </a>
      </div>
      {list ? <Entries list={list} actingFor={actingFor} /> : ''}
      {list ? <Pager page={list.page} pages={list.pages} href={(seite) => protocolHref(state, { seite })} /> : ''}
      <EpaSignedInBar signed={props.signed} kvnr={props.kvnr} />
    </DesktopLayout>
  );
}
