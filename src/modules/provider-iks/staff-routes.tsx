import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import type { PortalChrome } from '../../core/ui/layout.tsx';
import type { StaffMember } from '../../core/staff/service.ts';
import { Layout } from '../../core/ui/layout.tsx';
import { CsrfField, PageMessages, formatBytes, formatDateTime } from '../../core/ui/components.tsx';
import { RejectForm } from '../../core/ui/reject-form.tsx';
import { AppError } from '../../core/errors/app-error.ts';
import { isId } from '../../core/ids/secrets.ts';
import { input, parseForm } from '../../core/http/input.ts';
import { seeOther, sendFile, sendHtml } from '../../core/http/render.ts';
import { BO, StaffBar } from '../../core/staff/shell.tsx';
import { staffGuards } from '../../core/staff/guards.ts';
import { defineNotices } from '../../core/http/notices.ts';
import { Table } from '../../core/ui/table.tsx';

type RequireStaff = (request: FastifyRequest, reply: FastifyReply) => Promise<StaffMember | null>;

/**
 * The provider side of the back office: further IK numbers to check (IK-Verwaltung) and
 * the reports of barriers sent from the provider portal's "Barriere melden".
 */
/** After a decision on a further IK. */
const ikDecisionNotices = defineNotices('provider-iks.staff', {
  freigeschaltet: 'Die IK-Nummer ist freigeschaltet; die LE-Admins wurden per E-Mail informiert.',
  abgelehnt: 'Die IK-Nummer wurde abgelehnt; die LE-Admins wurden per E-Mail informiert.',
}, { germanOnly: true });
/** After a barrier report was marked done. */
const barrierNotices = defineNotices('barriers.staff', { erledigt: 'Die Meldung ist als erledigt markiert.' }, { germanOnly: true });

export async function providerBackofficeRoutes(app: FastifyInstance, deps: PlatformDeps, chrome: PortalChrome, requireStaff: RequireStaff) {
  const { providerIks, sessions, db, audit } = deps;
  const pre = staffGuards({ requireStaff });
  const csrf = (request: FastifyRequest, reply: FastifyReply) => sessions.csrfToken(request, reply);
  const insurerName = (id: string) => deps.insurers.find((i) => i.id === id)?.name ?? id;
  const idOf = (request: FastifyRequest, name = 'id') => {
    const id = (request.params as Record<string, string>)[name];
    if (!id || !isId(id)) throw new AppError('request.not_found', 404);
    return id;
  };

  app.get(`${BO}/ik-nummern`, { preHandler: pre.staff }, async (request, reply) => {
    const member = request.staff;
    const rows = await providerIks.worklist(member);
    const notice = ikDecisionNotices.read(request);
    return sendHtml(
      reply,
      <Layout title="Weitere IK-Nummern zur Prüfung" chrome={chrome}>
        <StaffBar chrome={chrome} staff={member} csrf={csrf(request, reply)} insurers={deps.insurers} />
        <h1>Weitere IK-Nummern zur Prüfung</h1>
        <PageMessages notice={notice} />
        {rows.length ? (
          <Table heads={['IK-Nummer', 'Institution', 'Leistungserbringer (erste IK)', 'AOK', 'Beantragt', 'Hinweis']}>
            {rows.map((r) => (
              <tr>
                <td>
                  <a href={`${BO}/ik-nummern/${r.id}`} safe>
                    {r.ik}
                  </a>
                </td>
                <td safe>{r.name ?? '–'}</td>
                <td safe>{r.company}</td>
                <td safe>{insurerName(r.insurer_id)}</td>
                <td>{formatDateTime(new Date(r.requested_at))}</td>
                <td>{r.competing ? 'Konkurrierende Anträge für diese IK-Nummer' : ''}</td>
              </tr>
            ))}
          </Table>
        ) : (
          <p>Keine IK-Nummern zur Prüfung.</p>
        )}
      </Layout>,
    );
  });

  async function detailPage(request: FastifyRequest, reply: FastifyReply, member: StaffMember, id: string, error?: string, status = 200) {
    const d = await providerIks.staffDetail(member, id, request.ip);
    return sendHtml(
      reply,
      <Layout title={`IK-Nummer ${d.ik}`} chrome={chrome}>
        <StaffBar chrome={chrome} staff={member} csrf={csrf(request, reply)} insurers={deps.insurers} />
        <p>
          <a href={`${BO}/ik-nummern`}>← Weitere IK-Nummern zur Prüfung</a>
        </p>
        <h1 safe>{`IK-Nummer ${d.ik}`}</h1>
        <PageMessages error={error} />
        <dl class="meta">
          <dt>Institution (IK-Register)</dt>
          <dd safe>{d.entry ? `${d.entry.name}, ${d.entry.street}, ${d.entry.postalCode} ${d.entry.city} (${d.entry.classification})` : 'nicht im IK-Register'}</dd>
          <dt>Zuständige AOK</dt>
          <dd safe>{insurerName(d.insurer_id)}</dd>
          <dt>Beantragt von</dt>
          <dd safe>{d.email ? `${d.first_name} ${d.last_name} (${d.email})` : '–'}</dd>
          <dt>Bereits verwaltete IK-Nummern</dt>
          <dd safe>{d.managed.map((m) => m.ik).join(', ') || '–'}</dd>
          <dt>Status</dt>
          <dd safe>{{ requested: 'in Prüfung', active: 'freigeschaltet', rejected: 'abgelehnt', removed: 'entfernt' }[d.status] ?? d.status}</dd>
        </dl>
        {d.competitors.length ? (
          <section aria-labelledby="competing">
            <h2 id="competing">Konkurrierende Anträge für diese IK-Nummer</h2>
            <p>
              Weitere Leistungserbringer verwalten oder beantragen diese IK-Nummer. Der erste freigeschaltete Antrag erhält sie; die übrigen werden automatisch abgelehnt und ihre LE-Admins per
              E-Mail informiert.
            </p>
            <ul>
              {d.competitors.map((c) => (
                <li>
                  {c.status === 'active' ? (
                    <strong safe>{`verwaltet von Leistungserbringer ${c.company}`}</strong>
                  ) : (
                    <a href={`${BO}/ik-nummern/${c.id}`} safe>{`beantragt von Leistungserbringer ${c.company}`}</a>
                  )}
                  <span safe>{` (${c.email ?? '–'}, ${formatDateTime(new Date(c.requested_at))}, ${c.files ? `${c.files} Datei(en)` : 'ohne Arbeitgeberbescheinigung'})`}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : (
          ''
        )}
        <h2>Arbeitgeberbescheinigung</h2>
        <ul class="file-list">
          {d.files.map((f) => (
            <li>
              <a href={`${BO}/ik-nummern/${d.id}/dateien/${f.id}`} target="_blank" safe>
                {f.name}
              </a>{' '}
              ({formatBytes(f.size)}, {formatDateTime(f.createdAt)})
            </li>
          ))}
        </ul>
        {d.status === 'requested' ? (
          <>
            <form method="post" action={`${BO}/ik-nummern/${d.id}/freischalten`}>
              <CsrfField token={csrf(request, reply)} />
              <button type="submit" class="button">
                Freischalten
              </button>
            </form>
            <RejectForm action={`${BO}/ik-nummern/${d.id}/ablehnen`} csrf={csrf(request, reply)} reasonLabel="Grund (wird dem LE-Admin mitgeteilt)" error={error} />
          </>
        ) : (
          ''
        )}
      </Layout>,
      status,
    );
  }

  app.get(`${BO}/ik-nummern/:id`, { preHandler: pre.staff }, async (request, reply) => {
    const member = request.staff;
    return detailPage(request, reply, member, idOf(request));
  });

  app.get(`${BO}/ik-nummern/:id/dateien/:fileId`, { preHandler: pre.staff }, async (request, reply) => {
    const member = request.staff;
    const file = await providerIks.staffFile(member, idOf(request), idOf(request, 'fileId'), request.ip);
    return sendFile(reply, file, { inline: /^(application\/pdf|image\/(png|jpeg|gif))$/.test(file.mime) });
  });

  for (const [path, approve] of [['freischalten', true], ['ablehnen', false]] as const) {
    app.post(`${BO}/ik-nummern/:id/${path}`, { preHandler: pre.staff }, async (request, reply) => {
      const member = request.staff;
      const id = idOf(request);
      const reason = parseForm(request, { reason: input.text({ max: 1000 }) });
      if (!approve && !reason.ok) return detailPage(request, reply, member, id, 'backoffice.reason_required', 422);
      try {
        await providerIks.decide(
          member,
          id,
          approve,
          reason.ok ? reason.values.reason : '',
          (decision) => deps.portals.only('provider-iks').mails.ikDecision!({ ...decision, insurerName: insurerName(decision.insurerId) }),
          request.ip,
        );
      } catch (error) {
        if (error instanceof AppError && error.code.startsWith('backoffice.')) return detailPage(request, reply, member, id, error.code, 409);
        throw error;
      }
      return seeOther(reply, ikDecisionNotices.after(`${BO}/ik-nummern`, approve ? 'freigeschaltet' : 'abgelehnt'));
    });
  }

  app.get(`${BO}/barrieren`, { preHandler: pre.staff }, async (request, reply) => {
    const member = request.staff;
    const rows = await db.selectFrom('barrier_reports').selectAll().orderBy('done_at', (ob) => ob.desc().nullsFirst()).orderBy('created_at', 'desc').limit(200).execute();
    const done = barrierNotices.code(request) === 'erledigt';
    return sendHtml(
      reply,
      <Layout title="Barriere-Meldungen" chrome={chrome}>
        <StaffBar chrome={chrome} staff={member} csrf={csrf(request, reply)} insurers={deps.insurers} />
        <h1>Barriere-Meldungen</h1>
        <PageMessages notice={done ? barrierNotices.text('erledigt') : undefined} />
        {rows.length ? (
          <Table heads={['Eingang', 'Portal', 'Seite', 'Beschreibung', 'Kontakt', 'Status']}>
            {rows.map((r) => (
              <tr>
                <td>{formatDateTime(new Date(r.created_at))}</td>
                <td safe>{deps.portals.find(r.portal)?.name ?? r.portal}</td>
                <td safe>{r.page ?? '–'}</td>
                <td class="pre" safe>
                  {r.description}
                </td>
                <td safe>{[r.name, r.email].filter(Boolean).join(', ') || 'anonym'}</td>
                <td>
                  {r.done_at ? (
                    `erledigt am ${formatDateTime(new Date(r.done_at))}`
                  ) : (
                    <form method="post" action={`${BO}/barrieren/${r.id}/erledigt`} class="inline">
                      <CsrfField token={csrf(request, reply)} />
                      <button type="submit" class="button button--link">
                        Als erledigt markieren
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </Table>
        ) : (
          <p>Keine Meldungen.</p>
        )}
      </Layout>,
    );
  });

  app.post(`${BO}/barrieren/:id/erledigt`, { preHandler: pre.staff }, async (request, reply) => {
    const member = request.staff;
    const id = idOf(request);
    const updated = await db.updateTable('barrier_reports').set({ done_at: deps.clock.now(), done_by: member.id }).where('id', '=', id).where('done_at', 'is', null).executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('request.not_found', 404);
    await audit.record({ actor: `staff:${member.id}`, action: 'backoffice.barrier_done', subject: id, ip: request.ip });
    return seeOther(reply, barrierNotices.after(`${BO}/barrieren`, 'erledigt'));
  });
}
