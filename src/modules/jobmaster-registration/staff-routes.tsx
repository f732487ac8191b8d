import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import type { StaffShell } from '../../core/module.ts';
import type { StaffMember } from '../../core/staff/service.ts';
import { Layout } from '../../core/ui/layout.tsx';
import { PageMessages, formatDateTime } from '../../core/ui/components.tsx';
import { RejectForm } from '../../core/ui/reject-form.tsx';
import { PageHead } from '../../core/ui/page-head.tsx';
import { PostButton } from '../../core/ui/post-button.tsx';
import { AppError } from '../../core/errors/app-error.ts';
import { isId } from '../../core/ids/secrets.ts';
import { t } from '../../core/i18n/de.ts';
import { input, parseForm } from '../../core/http/input.ts';
import { seeOther, sendHtml } from '../../core/http/render.ts';
import { BO, StaffBar } from '../../core/staff/shell.tsx';
import { staffGuards } from '../../core/staff/guards.ts';
import { defineNotices } from '../../core/http/notices.ts';
import type { JobmasterRegistration } from './service.ts';
import { EMPLOYER_STATUS, EmployerFacts, EmployerTable } from './staff-views.tsx';

export const RELEASE_PATH = `${BO}/jobmaster-arbeitgeber`;

const decisionNotices = defineNotices(
  'jobmaster-registration.staff',
  {
    freigegeben: 'Der Arbeitgeber ist freigegeben; der Ansprechpartner wurde per E-Mail informiert.',
    abgelehnt: 'Die Registrierung wurde abgelehnt; der Ansprechpartner wurde per E-Mail informiert.',
  },
  { germanOnly: true },
);


/** "Jobmaster-Arbeitgeber zur Freigabe": the employers whose mail is confirmed, for the insurer's decision. */
export async function releaseStaffRoutes(app: FastifyInstance, deps: PlatformDeps, shell: StaffShell, service: JobmasterRegistration) {
  const { chrome } = shell;
  const pre = staffGuards(shell);
  const csrf = (request: FastifyRequest, reply: FastifyReply) => deps.sessions.csrfToken(request, reply);
  const insurerName = (id: string) => deps.insurers.find((i) => i.id === id)?.name ?? id;
  const idOf = (request: FastifyRequest) => {
    const id = (request.params as Record<string, string>).id;
    if (!id || !isId(id)) throw new AppError('request.not_found', 404);
    return id;
  };

  app.get(RELEASE_PATH, { preHandler: pre.staff }, async (request, reply) => {
    const member = request.staff;
    const rows = await service.worklist(member);
    return sendHtml(
      reply,
      <Layout title="Jobmaster-Arbeitgeber zur Freigabe" chrome={chrome}>
        <StaffBar chrome={chrome} staff={member} csrf={csrf(request, reply)} insurers={deps.insurers} />
        <h1>Jobmaster-Arbeitgeber zur Freigabe</h1>
        <PageMessages notice={decisionNotices.read(request)} />
        {rows.length ? (
          <EmployerTable rows={rows} href={(r) => `${RELEASE_PATH}/${r.id}`} insurerName={insurerName} columns={[{ head: 'E-Mail', cell: (r) => r.email }]} />
        ) : (
          <p>Keine Arbeitgeber warten auf die Freigabe.</p>
        )}
      </Layout>,
    );
  });

  async function detailPage(request: FastifyRequest, reply: FastifyReply, member: StaffMember, id: string, error?: string, status = 200, reason = '') {
    const d = await service.detail(member, id, request.ip);
    const c = d.contact;
    return sendHtml(
      reply,
      <Layout title={`Jobmaster-Arbeitgeber ${d.company_name}`} chrome={chrome}>
        <StaffBar chrome={chrome} staff={member} csrf={csrf(request, reply)} insurers={deps.insurers} />
        <PageHead back={{ href: RELEASE_PATH, label: 'Jobmaster-Arbeitgeber zur Freigabe' }} title={d.company_name} error={error} />
        <dl class="meta">
          <EmployerFacts employer={d} insurerName={insurerName} numberNote={d.check.ok ? 'Prüfziffer und Nummernkreis gültig' : t(d.check.code)}>
            <dt>Hauptansprechpartner</dt>
            <dd safe>{c ? [c.salutation, c.title, c.first_name, c.last_name].filter(Boolean).join(' ') : '–'}</dd>
            <dt>Telefon</dt>
            <dd safe>{c?.phone ?? '–'}</dd>
            <dt>E-Mail</dt>
            <dd safe>{d.email}</dd>
            <dt>Registriert</dt>
            <dd>{formatDateTime(new Date(d.created_at))}</dd>
          </EmployerFacts>
        </dl>
        <h2>Weitere Jobmaster-Arbeitgeber mit dieser Betriebsnummer</h2>
        {d.sameNumber.length ? (
          <ul>
            {d.sameNumber.map((o) => (
              <li safe>{`${o.company_name}, ${o.city} (${EMPLOYER_STATUS[o.status] ?? o.status})`}</li>
            ))}
          </ul>
        ) : (
          <p>Keine.</p>
        )}
        {d.status === 'waiting' ? (
          <>
            <PostButton action={`${RELEASE_PATH}/${d.id}/freigeben`} csrf={csrf(request, reply)} actions>
              Freigeben
            </PostButton>
            <RejectForm action={`${RELEASE_PATH}/${d.id}/ablehnen`} csrf={csrf(request, reply)} reasonLabel="Grund (wird dem Arbeitgeber mitgeteilt)" reason={reason} error={error} />
          </>
        ) : (
          ''
        )}
      </Layout>,
      status,
    );
  }

  app.get(`${RELEASE_PATH}/:id`, { preHandler: pre.staff }, async (request, reply) => detailPage(request, reply, request.staff, idOf(request)));

  for (const [path, approve] of [['freigeben', true], ['ablehnen', false]] as const) {
    app.post(`${RELEASE_PATH}/:id/${path}`, { preHandler: pre.staff }, async (request, reply) => {
      const member = request.staff;
      const id = idOf(request);
      const form = parseForm(request, { reason: input.message(1000) });
      if (!approve && !form.ok) return detailPage(request, reply, member, id, 'backoffice.reason_required', 422, (form.body.reason ?? '').slice(0, 1000));
      try {
        await service.decide(member, id, approve, form.ok ? form.values.reason : '', request.ip);
      } catch (error) {
        if (error instanceof AppError && error.code === 'backoffice.already_decided') return detailPage(request, reply, member, id, error.code, 409);
        throw error;
      }
      return seeOther(reply, decisionNotices.after(RELEASE_PATH, approve ? 'freigegeben' : 'abgelehnt'));
    });
  }
}
