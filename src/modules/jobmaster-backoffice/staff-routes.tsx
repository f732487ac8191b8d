import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import type { StaffShell } from '../../core/module.ts';
import type { StaffMember } from '../../core/staff/service.ts';
import { Layout } from '../../core/ui/layout.tsx';
import { CsrfField, Field, formatDateTime } from '../../core/ui/components.tsx';
import { PageHead } from '../../core/ui/page-head.tsx';
import { Table } from '../../core/ui/table.tsx';
import { AppError } from '../../core/errors/app-error.ts';
import { isId } from '../../core/ids/secrets.ts';
import { t } from '../../core/i18n/de.ts';
import { MAX_SEARCH, input, parseForm, parseQuery, searchOf } from '../../core/http/input.ts';
import { seeOther, sendHtml } from '../../core/http/render.ts';
import { BO, StaffBar } from '../../core/staff/shell.tsx';
import { staffGuards } from '../../core/staff/guards.ts';
import { defineNotices } from '../../core/http/notices.ts';
import { auditActionLabel } from '../../core/audit/actions.ts';
import { kindLabel } from '../job-search/service.ts';
import { EMPLOYER_PAGE, type EmployerBackoffice } from './service.ts';
import { EMPLOYER_STATUS, EmployerFacts, EmployerTable } from '../jobmaster-registration/staff-views.tsx';

export const EMPLOYERS_PATH = `${BO}/stellenboerse-arbeitgeber`;

const notices = defineNotices('jobmaster-backoffice.staff', { deaktiviert: 'Das Stellenangebot ist deaktiviert; der Hauptansprechpartner wurde per E-Mail informiert.' }, { germanOnly: true });

const POSTING_STATUS: Record<string, string> = { draft: 'Entwurf', active: 'Aktiv', inactive: 'Deaktiviert' };
const ACCOUNT_STATUS: Record<string, string> = { pending: 'E-Mail nicht bestätigt', active: 'aktiv', locked: 'gesperrt' };
const REASON_CODES: Record<string, string> = { employer: 'vom Arbeitgeber', deadline: 'Bewerbungsschluss abgelaufen' };
const date = (d: string | null) => (d ? d.split('-').reverse().join('.') : '–');

/** "Jobmaster-Arbeitgeber": the insurer's search over the board's employers, their details and postings. */
export async function employerStaffRoutes(app: FastifyInstance, deps: PlatformDeps, shell: StaffShell, service: EmployerBackoffice) {
  const { chrome } = shell;
  const pre = staffGuards(shell);
  const csrf = (request: FastifyRequest, reply: FastifyReply) => deps.sessions.csrfToken(request, reply);
  const insurerName = (id: string) => deps.insurers.find((i) => i.id === id)?.name ?? id;
  const param = (request: FastifyRequest, name: string) => {
    const id = (request.params as Record<string, string>)[name];
    if (!id || !isId(id)) throw new AppError('request.not_found', 404);
    return id;
  };

  app.get(EMPLOYERS_PATH, { preHandler: pre.staff }, async (request, reply) => {
    const member = request.staff;
    const query = parseQuery(request, { seite: input.page });
    const { text, error } = searchOf(request);
    const page = query.seite ?? 1;
    const { total, rows } = error ? { total: 0, rows: [] } : await service.search(member, text, page);
    const pages = Math.max(1, Math.ceil(total / EMPLOYER_PAGE));
    const more = (p: number) => `${EMPLOYERS_PATH}?${new URLSearchParams({ q: text, seite: String(p) }).toString()}`;
    return sendHtml(
      reply,
      <Layout title={error ? 'Fehler: Jobmaster-Arbeitgeber' : 'Jobmaster-Arbeitgeber'} chrome={chrome}>
        <StaffBar chrome={chrome} staff={member} csrf={csrf(request, reply)} insurers={deps.insurers} />
        <h1>Jobmaster-Arbeitgeber</h1>
        <form method="get" action={EMPLOYERS_PATH}>
          <Field name="q" label="Suche (Firmenname, Betriebsnummer)" value={text} maxlength={MAX_SEARCH} error={error && t(error)} />
          <button type="submit" class="button button--secondary">
            Suchen
          </button>
        </form>
        {rows.length ? (
          <>
            <p>{`${total} Arbeitgeber gefunden`}</p>
            <EmployerTable rows={rows} href={(r) => `${EMPLOYERS_PATH}/${r.id}`} insurerName={insurerName} columns={[{ head: 'Status', cell: (r) => EMPLOYER_STATUS[r.status] ?? r.status }]} />
            {pages > 1 ? (
              <nav class="pager" aria-label="Seiten">
                {page > 1 ? <a href={more(page - 1)}>Vorherige Seite</a> : ''}
                <span>{` Seite ${page} von ${pages} `}</span>
                {page < pages ? <a href={more(page + 1)}>Nächste Seite</a> : ''}
              </nav>
            ) : (
              ''
            )}
          </>
        ) : (
          <p>Keine Arbeitgeber gefunden.</p>
        )}
      </Layout>,
      error ? 400 : 200,
    );
  });

  async function detailPage(request: FastifyRequest, reply: FastifyReply, member: StaffMember, id: string, failed?: { postingId: string; code: string; reason: string }) {
    const d = await service.detail(member, id, request.ip);
    const e = d.employer;
    const token = csrf(request, reply);
    return sendHtml(
      reply,
      <Layout title={`Jobmaster-Arbeitgeber ${e.company_name}`} chrome={chrome}>
        <StaffBar chrome={chrome} staff={member} csrf={token} insurers={deps.insurers} />
        <PageHead back={{ href: EMPLOYERS_PATH, label: 'Jobmaster-Arbeitgeber' }} title={e.company_name} notice={notices.read(request)} error={failed ? 'form.invalid' : undefined} />
        <h2>Unternehmensdaten</h2>
        <dl class="meta">
          <EmployerFacts employer={e} insurerName={insurerName} />
          <dt>Firmenlogo</dt>
          <dd>
            {!e.logo_file_id ? (
              'keines'
            ) : e.status === 'released' && d.portal ? (
              <img src={`${d.portal.base}/logos/${e.id}?v=${encodeURIComponent(e.logo_file_id)}`} alt={`Firmenlogo von ${e.company_name}`} height="80" />
            ) : (
              'hinterlegt (öffentlich erst nach der Freigabe)'
            )}
          </dd>
        </dl>
        <h2>Ansprechpartner</h2>
        {d.contacts.length ? (
          <Table heads={['Name', 'Telefon', 'E-Mail', 'Rolle']}>
            {d.contacts.map((c) => (
              <tr>
                <td safe>{[c.salutation, c.title, c.first_name, c.last_name].filter(Boolean).join(' ')}</td>
                <td safe>{c.phone}</td>
                <td safe>{c.email}</td>
                <td>{c.is_main ? 'Hauptansprechpartner' : 'Ansprechpartner'}</td>
              </tr>
            ))}
          </Table>
        ) : (
          <p>Keine Ansprechpartner.</p>
        )}
        <h2>Zugang</h2>
        {d.accounts.length ? (
          <ul>
            {d.accounts.map((a) => (
              <li>
                <a href={`${BO}/zugaenge/${a.id}`} safe>
                  {a.email}
                </a>{' '}
                <span safe>{`(${ACCOUNT_STATUS[a.status] ?? a.status}; Sperren und Entsperren unter „Zugänge“)`}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>Kein Zugang.</p>
        )}
        <h2>Statusverlauf</h2>
        {d.history.length ? (
          <Table heads={['Zeit', 'Ereignis']}>
            {d.history.map((h) => (
              <tr>
                <td>{formatDateTime(new Date(h.at))}</td>
                <td safe>{auditActionLabel(h.action)}</td>
              </tr>
            ))}
          </Table>
        ) : (
          <p>Keine Einträge.</p>
        )}
        <h2>Stellenangebote</h2>
        {d.postings.length ? (
          <Table heads={['Titel', 'Art', 'Status', 'Bewerbungsschluss', 'Aktion']}>
            {d.postings.map((p) => {
              const error = failed?.postingId === p.id ? failed.code : undefined;
              return (
                <tr>
                  <td>
                    {p.visible && d.portal ? (
                      <a href={d.portal.url(`/stellen/${p.id}`)} safe>
                        {p.title}
                      </a>
                    ) : (
                      <span safe>{p.title}</span>
                    )}
                  </td>
                  <td safe>{kindLabel(p.kind)}</td>
                  <td safe>
                    {`${POSTING_STATUS[p.status] ?? p.status}${p.status === 'inactive' && p.deactivated_reason ? ` (${REASON_CODES[p.deactivated_reason] ?? `Grund: ${p.deactivated_reason}`})` : ''}`}
                  </td>
                  <td>{date(p.apply_until)}</td>
                  <td>
                    {p.status === 'inactive' ? (
                      ''
                    ) : (
                      <form method="post" action={`${EMPLOYERS_PATH}/${e.id}/stellen/${p.id}/deaktivieren`} novalidate>
                        <CsrfField token={token} />
                        <div class={error ? 'field field--error' : 'field'}>
                          <label for={`reason-${p.id}`}>Grund der Deaktivierung (wird dem Arbeitgeber mitgeteilt)</label>
                          {error ? (
                            <p class="field-error" id={`reason-${p.id}-error`}>
                              <span class="visually-hidden">Fehler: </span>
                              <span safe>{t(error as Parameters<typeof t>[0])}</span>
                            </p>
                          ) : (
                            ''
                          )}
                          <textarea
                            id={`reason-${p.id}`}
                            name="reason"
                            rows="2"
                            maxlength="1000"
                            required
                            aria-invalid={error ? 'true' : undefined}
                            aria-describedby={error ? `reason-${p.id}-error` : undefined}
                            safe
                          >
                            {error ? failed!.reason : ''}
                          </textarea>
                        </div>
                        <button type="submit" class="button button--secondary">
                          Deaktivieren
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              );
            })}
          </Table>
        ) : (
          <p>Keine Stellenangebote.</p>
        )}
      </Layout>,
      failed ? 422 : 200,
    );
  }

  app.get(`${EMPLOYERS_PATH}/:id`, { preHandler: pre.staff }, async (request, reply) => detailPage(request, reply, request.staff, param(request, 'id')));

  app.post(`${EMPLOYERS_PATH}/:id/stellen/:posting/deaktivieren`, { preHandler: pre.staff }, async (request, reply) => {
    const member = request.staff;
    const id = param(request, 'id');
    const postingId = param(request, 'posting');
    const form = parseForm(request, { reason: input.message(1000) });
    if (!form.ok) return detailPage(request, reply, member, id, { postingId, code: form.errors.reason ?? 'field.required', reason: (form.body.reason ?? '').slice(0, 1000) });
    const changed = await service.deactivate(member, id, postingId, form.values.reason, request.ip);
    return seeOther(reply, changed ? notices.after(`${EMPLOYERS_PATH}/${id}`, 'deaktiviert') : `${EMPLOYERS_PATH}/${id}`);
  });
}
