import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../deps.ts';
import type { PortalChrome } from '../ui/layout.tsx';
import type { StaffMember } from '../staff/service.ts';
import { Layout } from '../ui/layout.tsx';
import { CsrfField, PageMessages, formatDateTime } from '../ui/components.tsx';
import { isId } from '../ids/secrets.ts';
import { seeOther, sendHtml } from '../http/render.ts';
import { BO, StaffBar } from '../staff/shell.tsx';
import type { Module } from '../module.ts';
import { guard } from '../http/guards.ts';
import { defineNotices } from '../http/notices.ts';
import { Table } from '../ui/table.tsx';

type FailedMail = Awaited<ReturnType<PlatformDeps['mailer']['listFailed']>>[number];

/** After sending again. */
const mailNotices = defineNotices('mail.staff', {
  gesendet: 'Die E-Mail wird erneut gesendet.',
  alle: 'Die fehlgeschlagenen E-Mails werden erneut gesendet.',
  keine: 'Diese E-Mail ist nicht mehr fehlgeschlagen (schon gesendet oder erneut in Arbeit).',
}, { germanOnly: true });

function FailedMailsPage(props: { chrome: PortalChrome; csrf: string; staff: StaffMember; insurers: PlatformDeps['insurers']; mails: FailedMail[]; notice?: string }) {
  return (
    <Layout title="Mailversand fehlgeschlagen" chrome={props.chrome}>
      <StaffBar chrome={props.chrome} staff={props.staff} csrf={props.csrf} insurers={props.insurers} />
      <h1>Mailversand fehlgeschlagen</h1>
      <PageMessages notice={props.notice} />
      <p>E-Mails, die auch nach allen Versuchen nicht an den Mailserver übergeben werden konnten. Der Inhalt wird hier nicht gezeigt, weil er Links zum einmaligen Gebrauch enthält.</p>
      {props.mails.length === 0 ? (
        <p>Keine fehlgeschlagenen E-Mails.</p>
      ) : (
        <>
          <form method="post" action={`${BO}/mailversand/erneut-senden`}>
            <CsrfField token={props.csrf} />
            <button type="submit" class="button">
              Alle erneut senden
            </button>
          </form>
          <Table heads={['Empfänger', 'Betreff', 'Fehlgeschlagen', 'Versuche', 'Letzter Fehler', 'Aktion']}>
            {props.mails.map((m) => (
              <tr>
                <td safe>{m.recipient}</td>
                <td safe>{m.subject}</td>
                <td>{m.failed_at ? formatDateTime(new Date(m.failed_at)) : ''}</td>
                <td>{String(m.attempts)}</td>
                <td safe>{m.last_error ?? ''}</td>
                <td>
                  <form method="post" action={`${BO}/mailversand/${m.id}/erneut-senden`}>
                    <CsrfField token={props.csrf} />
                    <button type="submit" class="button button--secondary">
                      Erneut senden
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </Table>
        </>
      )}
    </Layout>
  );
}

/** Mails whose last delivery attempt failed, for administrators: listed, and sent again one by one or all. */
export async function failedMailRoutes(
  app: FastifyInstance,
  deps: PlatformDeps,
  chrome: PortalChrome,
  requireAdmin: (request: FastifyRequest, reply: FastifyReply) => Promise<StaffMember | null>,
) {
  const { mailer, audit, sessions } = deps;
  const pre = { admin: guard('staff', requireAdmin) };

  app.get(`${BO}/mailversand`, { preHandler: pre.admin }, async (request, reply) => {
    const member = request.staff;
    const notice = mailNotices.read(request);
    const mails = await mailer.listFailed();
    return sendHtml(reply, <FailedMailsPage chrome={chrome} csrf={sessions.csrfToken(request, reply)} staff={member} insurers={deps.insurers} mails={mails} notice={notice} />);
  });

  app.post(`${BO}/mailversand/:id/erneut-senden`, { preHandler: pre.admin }, async (request, reply) => {
    const member = request.staff;
    const id = (request.params as { id: unknown }).id;
    // an id that is no mail's id is simply not failed (nothing to send)
    const queued = isId(id) ? await mailer.retryFailed(id) : 0;
    if (queued) await audit.record({ actor: `staff:${member.id}`, action: 'mail.retried', subject: id as string, ip: request.ip });
    return seeOther(reply, mailNotices.after(`${BO}/mailversand`, queued ? 'gesendet' : 'keine'));
  });

  app.post(`${BO}/mailversand/erneut-senden`, { preHandler: pre.admin }, async (request, reply) => {
    const member = request.staff;
    const queued = await mailer.retryFailed();
    await audit.record({ actor: `staff:${member.id}`, action: 'mail.retried', ip: request.ip, data: { count: queued } });
    return seeOther(reply, mailNotices.after(`${BO}/mailversand`, 'alle'));
  });
}

/** "Mailversand": mails that could not be delivered, to send again; for administrators. */
export const mailDeliveryModule: Module = {
  name: 'mail-delivery',
  staffRoutes: (app, ctx, shell) => failedMailRoutes(app, ctx, shell.chrome, shell.requireAdmin),
  staffNav: [{ href: `${BO}/mailversand`, label: 'Mailversand', adminOnly: true, order: 110 }],
};
