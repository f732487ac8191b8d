import Html from '@kitajs/html';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import type { PortalDefinition } from '../../core/portal/definition.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { formBody } from '../../core/http/forms.ts';
import { readMultipart } from '../../core/http/multipart.ts';
import { seeOther, sendHtml } from '../../core/http/render.ts';
import { isId } from '../../core/ids/secrets.ts';
import { renderProviderCertificate, providerCertificateFileName } from '../../portals/partner/certificate.ts';
import { BASE, type PartnerContext, type PartnerMember } from '../../portals/partner/context.ts';
import { IkDetailPage, IkListPage, IkRemovePage } from './portal-pages.tsx';

const notices = (brand: string): Record<string, string> => ({
  hinzugefuegt: 'Die IK-Nummer wurde hinzugefügt. Bitte laden Sie die unterschriebene Arbeitgeberbescheinigung hoch.',
  hochgeladen: `Die Arbeitgeberbescheinigung wurde hochgeladen. Ihre ${brand} prüft die IK-Nummer; Sie erhalten eine E-Mail.`,
  geloescht: 'Die Datei wurde gelöscht.',
  entfernt: 'Die IK-Nummer wurde entfernt.',
  'eavis-beantragt': `Das Zahlungsavis wurde beantragt. Sie erhalten eine E-Mail, sobald Ihre ${brand} es bestätigt hat.`,
  'eavis-beendet': `Die Beendigung des Zahlungsavises wurde beantragt. Sie erhalten eine E-Mail, sobald Ihre ${brand} sie bestätigt hat.`,
});
const UPLOAD_LIMIT = { points: 30, windowMs: 3_600_000 };

/** "IK-Verwaltung" (manual 002 §2.1, §2.4): the LE-Admin's IK numbers, each with its certificate and the insurer's check. */
export async function ikRoutes(app: FastifyInstance, deps: PlatformDeps, ctx: PartnerContext, portal: PortalDefinition) {
  const { providerIks, ikRegister } = deps;
  const { chrome, csrf, requireMember } = ctx;
  const actor = (m: PartnerMember) => ({ accountId: m.accountId, company: m.company });
  const idOf = (request: FastifyRequest, name = 'id') => {
    const id = (request.params as Record<string, string>)[name];
    if (!id || !isId(id)) throw new AppError('request.not_found', 404);
    return id;
  };
  const notice = (request: FastifyRequest) => {
    const key = (request.query as Record<string, unknown>).hinweis;
    const texts = notices(deps.config.INSURER_BRAND);
    return typeof key === 'string' && Object.hasOwn(texts, key) ? texts[key] : undefined;
  };

  app.get(`${BASE}/ik-verwaltung`, async (request, reply) => {
    const member = await requireMember(request, reply, 'admin');
    if (!member) return reply;
    return sendHtml(reply, <IkListPage chrome={chrome} csrf={csrf(request, reply)} rows={await providerIks.list(member.company)} notice={notice(request)} />);
  });

  app.post(`${BASE}/ik-verwaltung`, async (request, reply) => {
    const member = await requireMember(request, reply, 'admin');
    if (!member) return reply;
    const typed = (formBody(request.body).ik ?? '').slice(0, 20);
    try {
      const id = await providerIks.request(actor(member), typed, request.ip);
      return seeOther(reply, `${BASE}/ik-verwaltung/${id}?hinweis=hinzugefuegt`);
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

  app.get(`${BASE}/ik-verwaltung/:id`, async (request, reply) => {
    const member = await requireMember(request, reply, 'admin');
    if (!member) return reply;
    return sendHtml(reply, <IkDetailPage chrome={chrome} csrf={csrf(request, reply)} detail={await providerIks.get(actor(member), idOf(request))} notice={notice(request)} />);
  });

  app.get(`${BASE}/ik-verwaltung/:id/bescheinigung.pdf`, async (request, reply) => {
    const member = await requireMember(request, reply, 'admin');
    if (!member) return reply;
    const d = await providerIks.get(actor(member), idOf(request));
    const account = await deps.db.selectFrom('accounts').select(['salutation', 'title', 'first_name', 'last_name', 'email']).where('id', '=', member.accountId).executeTakeFirstOrThrow();
    const insurer = deps.insurers.find((i) => i.id === d.insurer_id) ?? deps.insurers[0]!;
    const pdf = await renderProviderCertificate({
      insurer,
      ik: d.ik,
      institutionName: d.name,
      institutionAddress: d.address,
      admin: { salutation: account.salutation, title: account.title, firstName: account.first_name, lastName: account.last_name, email: account.email },
      date: deps.clock.now(),
      portalName: portal.chrome.name,
      purpose: 'further_ik',
    });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${providerCertificateFileName(d.ik)}"`)
      .header('cache-control', 'no-store')
      .send(Buffer.from(pdf));
  });

  app.post(`${BASE}/ik-verwaltung/:id/upload`, { config: { uploads: true } }, async (request, reply) => {
    const member = await requireMember(request, reply, 'admin');
    if (!member) return reply;
    const id = idOf(request);
    if (!(await deps.rateLimiter.hit(`ik-upload:account:${member.accountId}`, UPLOAD_LIMIT)).allowed) throw new AppError('request.rate_limited', 429);
    const form = await readMultipart(request, deps.sessions);
    const show = async (code: string, status: number) =>
      sendHtml(reply, <IkDetailPage chrome={chrome} csrf={csrf(request, reply)} detail={await providerIks.get(actor(member), id)} error={code} />, status);
    if (form.tooLarge) return show('upload.too_large', 413);
    try {
      await providerIks.addFiles(actor(member), id, form.files, request.ip);
    } catch (error) {
      if (error instanceof AppError && (error.code.startsWith('upload.') || error.code === 'iks.not_open')) return show(error.code, error.status === 404 ? 404 : error.code === 'iks.not_open' ? 409 : 422);
      throw error;
    }
    return seeOther(reply, `${BASE}/ik-verwaltung/${id}?hinweis=hochgeladen`);
  });

  app.post(`${BASE}/ik-verwaltung/:id/dateien/:fileId/loeschen`, async (request, reply) => {
    const member = await requireMember(request, reply, 'admin');
    if (!member) return reply;
    const id = idOf(request);
    await providerIks.removeFile(actor(member), id, idOf(request, 'fileId'), request.ip);
    return seeOther(reply, `${BASE}/ik-verwaltung/${id}?hinweis=geloescht`);
  });

  app.get(`${BASE}/ik-verwaltung/:id/entfernen`, async (request, reply) => {
    const member = await requireMember(request, reply, 'admin');
    if (!member) return reply;
    return sendHtml(reply, <IkRemovePage chrome={chrome} csrf={csrf(request, reply)} detail={await providerIks.get(actor(member), idOf(request))} />);
  });

  app.post(`${BASE}/ik-verwaltung/:id/entfernen`, async (request, reply) => {
    const member = await requireMember(request, reply, 'admin');
    if (!member) return reply;
    const id = idOf(request);
    try {
      await providerIks.remove(actor(member), id, request.ip);
    } catch (error) {
      if (error instanceof AppError && error.code === 'iks.last') {
        return sendHtml(reply, <IkRemovePage chrome={chrome} csrf={csrf(request, reply)} detail={await providerIks.get(actor(member), id)} error={error.code} />, 409);
      }
      throw error;
    }
    return seeOther(reply, `${BASE}/ik-verwaltung?hinweis=entfernt`);
  });
}
