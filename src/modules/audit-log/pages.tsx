import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../core/ui/layout.tsx';
import { Field, formatDateTime } from '../../core/ui/components.tsx';
import { t } from '../../core/i18n/de.ts';
import type { StaffMember } from '../../core/staff/service.ts';
import type { Insurer } from '../../core/config/insurers.ts';
import { BO, StaffBar } from '../../core/staff/shell.tsx';
import { OUTCOME, PROTOCOL_PAGE, protocolParams, type ParsedProtocolFilter, type ProtocolFilter, type createProtocol } from './protocol.ts';
import { auditActionLabel, auditAreas } from '../../core/audit/actions.ts';
import type { Party } from '../../core/audit/people.ts';
import { Table } from '../../core/ui/table.tsx';

function PartyCell(props: { party: Party | null }) {
  const p = props.party;
  if (!p) return <td>–</td>;
  return (
    <td>
      {p.nobody ? (
        <span safe>{p.name}</span>
      ) : (
        <a href={`${BO}/protokoll?person=${encodeURIComponent(p.ref)}`} safe>
          {p.name}
        </a>
      )}
      {p.gone ? ' (gelöscht)' : ''}
      {p.email && p.email !== p.name ? (
        <>
          <br />
          <span class="address" safe>
            {p.email}
          </span>
        </>
      ) : (
        ''
      )}
      {p.detail ? (
        <>
          <br />
          <span class="small" safe>
            {p.detail}
          </span>
        </>
      ) : (
        ''
      )}
    </td>
  );
}

/** The actions by area; a value the list does not know (an older link) stays selected as it was given. */
function ActionSelect(props: { value: string }) {
  const areas = auditAreas();
  const known = props.value === '' || areas.some((a) => `${a.area}.` === props.value || a.actions.some((x) => x.action === props.value));
  return (
    <div class="field">
      <label for="f-art">Aktion</label>
      <select id="f-art" name="art">
        <option value="">Alle Aktionen</option>
        {known ? (
          ''
        ) : (
          <option value={props.value} selected safe>
            {`${props.value} …`}
          </option>
        )}
        {areas.map((a) => (
          <optgroup label={a.label}>
            <option value={`${a.area}.`} selected={props.value === `${a.area}.`} safe>
              {`${a.label}: alle`}
            </option>
            {a.actions.map((x) => (
              <option value={x.action} selected={props.value === x.action} safe>
                {x.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

export function ProtocolPage(props: { chrome: PortalChrome; csrf: string; staff: StaffMember; insurers: Insurer[]; filter: ProtocolFilter; errors: ParsedProtocolFilter['errors']; result: Awaited<ReturnType<ReturnType<typeof createProtocol>['page']>> }) {
  const f = props.filter;
  const error = (name: keyof ParsedProtocolFilter['errors']) => (props.errors[name] ? t(props.errors[name]) : undefined);
  const params = protocolParams(f);
  const pages = Math.max(1, Math.ceil(props.result.total / PROTOCOL_PAGE));
  return (
    <Layout title={Object.keys(props.errors).length ? 'Fehler: Protokoll' : 'Protokoll'} chrome={props.chrome}>
      <StaffBar chrome={props.chrome} staff={props.staff} csrf={props.csrf} insurers={props.insurers} />
      <h1>Protokoll</h1>
      <form method="get" action={`${BO}/protokoll`}>
        <div class="row">
          <Field
            name="person"
            label="Person (Name, E-Mail oder Kennung)"
            hint="Einträge, in denen die Person gehandelt hat oder betroffen war, auch nach dem Löschen ihres Zugangs. Kennung: KVNR, Betriebsnummer, IK-Nummer oder ID."
            value={f.person}
            error={error('person')}
            maxlength={100}
          />
          <ActionSelect value={f.action} />
        </div>
        <div class="row">
          <Field name="akteur" label="Akteur (ID, z. B. staff:…, account:…)" value={f.actor} error={error('akteur')} maxlength={100} />
          <Field name="betroffen" label="Betroffen (ID)" value={f.subject} error={error('betroffen')} maxlength={100} />
        </div>
        <div class="row">
          <div class="field">
            <label for="f-von">Von</label>
            <input type="date" id="f-von" name="von" value={f.from} />
          </div>
          <div class="field">
            <label for="f-bis">Bis</label>
            <input type="date" id="f-bis" name="bis" value={f.to} />
          </div>
        </div>
        <div class="actions actions--left">
          <button type="submit" class="button button--secondary">
            Filtern
          </button>
          <a class="button button--secondary" href={`${BO}/protokoll.csv?${params}`}>
            Als CSV exportieren
          </a>
        </div>
      </form>
      <p role="status">{`${props.result.total} Einträge`}</p>
      <Table heads={['Zeit und IP', 'Akteur', 'Aktion', 'Betroffen', 'Ergebnis']} class="protocol" scroll>
        {props.result.rows.map((r) => (
          <tr>
            <td>
              {formatDateTime(new Date(r.at))}
              {r.ip ? (
                <>
                  <br />
                  <span class="small" safe>
                    {r.ip}
                  </span>
                </>
              ) : (
                ''
              )}
            </td>
            <PartyCell party={r.who} />
            <td safe>{r.label}</td>
            <PartyCell party={r.whom} />
            <td safe>{OUTCOME[r.outcome] ?? r.outcome}</td>
          </tr>
        ))}
      </Table>
      {pages > 1 ? (
        <nav aria-label="Seiten" class="pager">
          {f.page > 1 ? <a href={`${BO}/protokoll?${params}&seite=${f.page - 1}`}>Vorherige Seite</a> : ''}
          <span>{`Seite ${f.page} von ${pages}`}</span>
          {f.page < pages ? <a href={`${BO}/protokoll?${params}&seite=${f.page + 1}`}>Nächste Seite</a> : ''}
        </nav>
      ) : (
        ''
      )}
    </Layout>
  );
}
