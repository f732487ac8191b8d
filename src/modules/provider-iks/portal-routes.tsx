import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import { certifiedPortal, type PortalDefinition, type PortalGuards } from '../../core/portal/definition.ts';
import { AppError, type ErrorCode } from '../../core/errors/app-error.ts';
import { input, parseForm } from '../../core/http/input.ts';
import { defineNotices } from '../../core/http/notices.ts';
import { portalPreHandlers } from '../../core/portal/guards.ts';
import { readMultipart } from '../../core/http/multipart.ts';
import { seeOther, sendHtml } from '../../core/http/render.ts';
import { isId } from '../../core/ids/secrets.ts';
import type { PortalMember } from '../../core/portal/member.ts';
import { IkDetailPage, IkListPage, IkRemovePage } from './portal-pages.tsx';

/** After a redirect to the IK-Verwaltung or an IK's page; some name the insurer's brand. */
export const ikNotices = defineNotices<'hinzugefuegt' | 'hochgeladen' | 'geloescht' | 'entfernt' | 'eavis-beantragt' | 'eavis-beendet', string>(
  'provider-iks',
  {
    hinzugefuegt: 'Die IK-Nummer wurde hinzugefügt. Bitte laden Sie die unterschriebene Arbeitgeberbescheinigung hoch.',
    hochgeladen: (brand) => `Die Arbeitgeberbescheinigung wurde hochgeladen. Ihre ${brand} prüft die IK-Nummer; Sie erhalten eine E-Mail.`,
    geloescht: 'Die Datei wurde gelöscht.',
    entfernt: 'Die IK-Nummer wurde entfernt.',
    'eavis-beantragt': (brand) => `Das Zahlungsavis wurde beantragt. Sie erhalten eine E-Mail, sobald Ihre ${brand} es bestätigt hat.`,
    'eavis-beendet': (brand) => `Die Beendigung des Zahlungsavises wurde beantragt. Sie erhalten eine E-Mail, sobald Ihre ${brand} sie bestätigt hat.`,
  },
  { sample: 'AOK' },
);
const UPLOAD_LIMIT = { points: 30, windowMs: 3_600_000 };

/** "IK-Verwaltung" (manual 002 §2.1, §2.4): the LE-Admin's IK numbers, each with its certificate and the insurer's check. */
export async function ikRoutes(app: FastifyInstance, deps: PlatformDeps, definition: PortalDefinition, guards: PortalGuards) {
  const portal = certifiedPortal(definition);
  const { providerIks, ikRegister } = deps;
  const { chrome, base: BASE } = portal;
  const pre = portalPreHandlers(guards);
  const csrf = (request: FastifyRequest, reply: FastifyReply) => deps.sessions.csrfToken(request, reply);
  const actor = (m: PortalMember) => ({ accountId: m.accountId, company: m.company });
  const idOf = (request: FastifyRequest, name = 'id') => {
    const id = (request.params as Record<string, string>)[name];
    if (!id || !isId(id)) throw new AppError('request.not_found', 404);
    return id;
  };
  const notice = (request: FastifyRequest) => ikNotices.read(request, deps.config.INSURER_BRAND);

  app.get(`${BASE}/ik-verwaltung`, { preHandler: pre.admin }, async (request, reply) => {
    const { member } = request;
    return sendHtml(reply, <IkListPage chrome={chrome} csrf={csrf(request, reply)} rows={await providerIks.list(member.company)} notice={notice(request)} />);
  });

  app.post(`${BASE}/ik-verwaltung`, { preHandler: pre.admin }, async (request, reply) => {
    const { member } = request;
    const typed = parseForm(request, { ik: input.raw(20) }).values.ik ?? '';
    try {
      const id = await providerIks.request(actor(member), typed, request.ip);
      return seeOther(reply, ikNotices.after(`${BASE}/ik-verwaltung/${id}`, 'hinzugefuegt'));
    } catch (error) {
      if (!(error instanceof AppError) || !error.fields.ik) throw error;
      const entry = /^\d{9}$/.test(typed.trim()) ? await ikRegister.lookup(typed.trim()) : null;
      return sendHtml(
        reply,
        <IkListPage chrome={chrome} csrf={csrf(request, reply)} rows={await providerIks.list(member.company)} ik={typed} error={error.code} info={entry?.name} />,
        error.status,
      );
    }
  });

  app.get(`${BASE}/ik-verwaltung/:id`, { preHandler: pre.admin }, async (request, reply) => {
    const { member } = request;
    return sendHtml(reply, <IkDetailPage chrome={chrome} csrf={csrf(request, reply)} detail={await providerIks.get(actor(member), idOf(request))} notice={notice(request)} />);
  });

  app.get(`${BASE}/ik-verwaltung/:id/bescheinigung.pdf`, { preHandler: pre.admin }, async (request, reply) => {
    const { member } = request;
    const d = await providerIks.get(actor(member), idOf(request));
    const account = await deps.db.selectFrom('accounts').select(['salutation', 'title', 'first_name', 'last_name', 'email']).where('id', '=', member.accountId).executeTakeFirstOrThrow();
    const insurer = deps.insurers.find((i) => i.id === d.insurer_id) ?? deps.insurers[0]!;
    const pdf = await portal.furtherCertificate!({
      insurer,
      identifier: d.ik,
      institution: { name: d.name, address: d.address },
      admin: { salutation: account.salutation, title: account.title, firstName: account.first_name, lastName: account.last_name, email: account.email },
      date: deps.clock.now(),
    });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${portal.certificateFileName(d.ik)}"`)
      .header('cache-control', 'no-store')
      .send(Buffer.from(pdf));
  });

  app.post(`${BASE}/ik-verwaltung/:id/upload`, { config: { uploads: true }, preHandler: pre.admin }, async (request, reply) => {
    const { member } = request;
    const id = idOf(request);
    await deps.rateLimiter.enforce(`ik-upload:account:${member.accountId}`, UPLOAD_LIMIT);
    const form = await readMultipart(request, deps.sessions);
    const show = async (code: ErrorCode, status: number) =>
      sendHtml(reply, <IkDetailPage chrome={chrome} csrf={csrf(request, reply)} detail={await providerIks.get(actor(member), id)} error={code} />, status);
    if (form.tooLarge) return show('upload.too_large', 413);
    try {
      await providerIks.addFiles(actor(member), id, form.files, request.ip);
    } catch (error) {
      if (error instanceof AppError && (error.code.startsWith('upload.') || error.code === 'iks.not_open')) return show(error.code, error.status === 404 ? 404 : error.code === 'iks.not_open' ? 409 : 422);
      throw error;
    }
    return seeOther(reply, ikNotices.after(`${BASE}/ik-verwaltung/${id}`, 'hochgeladen'));
  });

  app.post(`${BASE}/ik-verwaltung/:id/dateien/:fileId/loeschen`, { preHandler: pre.admin }, async (request, reply) => {
    const { member } = request;
    const id = idOf(request);
    await providerIks.removeFile(actor(member), id, idOf(request, 'fileId'), request.ip);
    return seeOther(reply, ikNotices.after(`${BASE}/ik-verwaltung/${id}`, 'geloescht'));
  });

  app.get(`${BASE}/ik-verwaltung/:id/entfernen`, { preHandler: pre.admin }, async (request, reply) => {
    const { member } = request;
    return sendHtml(reply, <IkRemovePage chrome={chrome} csrf={csrf(request, reply)} detail={await providerIks.get(actor(member), idOf(request))} />);
  });

  app.post(`${BASE}/ik-verwaltung/:id/entfernen`, { preHandler: pre.admin }, async (request, reply) => {
    const { member } = request;
    const id = idOf(request);
    try {
      await providerIks.remove(actor(member), id, request.ip);
    } catch (error) {
      if (error instanceof AppError && error.code === 'iks.last') {
        return sendHtml(reply, <IkRemovePage chrome={chrome} csrf={csrf(request, reply)} detail={await providerIks.get(actor(member), id)} error={error.code} />, 409);
      }
      throw error;
    }
    return seeOther(reply, ikNotices.after(`${BASE}/ik-verwaltung`, 'entfernt'));
  });
}
