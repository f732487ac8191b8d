import Html from '@kitajs/html';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { seeOther, sendFile, sendHtml } from '../../core/http/render.ts';
import { parseAdviceFilter } from './model.ts';
import { BASE, type PartnerContext } from '../../portals/partner/context.ts';
import { AdviceDetailPage, AdviceListPage, DeleteConfirmPage, EavisRefusedPage } from './portal-pages.tsx';

/** Codes of an eAvis application that cannot be made now: shown on a page that leads back to the IK-Verwaltung. */
const REFUSALS = new Set(['eavis.already_requested', 'eavis.already_active', 'eavis.not_endable', 'eavis.ik_not_active']);

/**
 * The provider's payment advices (manual 002: "Abruf und Verwaltung der auf dem Portal
 * bereitgestellten Zahlungsavise (Download, Archivierung, Löschung)") for LE-Admins and users
 * with the right, and the LE-Admin's "Zahlungsavis beantragen" / "beenden" per IK.
 */
export async function eavisRoutes(app: FastifyInstance, deps: PlatformDeps, ctx: PartnerContext) {
  const { eavis } = deps;
  const { chrome } = ctx;
  const adviceId = (request: FastifyRequest) => (request.params as { id: string }).id;

  app.get(`${BASE}/zahlungsavise`, async (request, reply) => {
    const member = await ctx.requireMember(request, reply, 'advices');
    if (!member) return reply;
    const iks = await eavis.iksOf(member);
    const { filter, values, errors } = parseAdviceFilter(request.query as Record<string, unknown>, iks.map((i) => i.ik));
    const failed = Object.keys(errors).length > 0;
    const result = failed ? null : await eavis.list(member, filter);
    const hint = (request.query as Record<string, unknown>).hinweis;
    const notice = hint === 'archiviert' ? 'Das Zahlungsavis wurde ins Archiv verschoben.' : hint === 'zurueck' ? 'Das Zahlungsavis liegt wieder unter „Neu“.' : hint === 'geloescht' ? 'Das Zahlungsavis wurde gelöscht.' : undefined;
    return sendHtml(reply, <AdviceListPage chrome={chrome} iks={iks} values={values} errors={errors} result={result} page={filter.page} notice={notice} />, failed ? 422 : 200);
  });

  app.get(`${BASE}/zahlungsavise/:id`, async (request, reply) => {
    const member = await ctx.requireMember(request, reply, 'advices');
    if (!member) return reply;
    const advice = await eavis.get(member, adviceId(request), request.ip);
    return sendHtml(reply, <AdviceDetailPage chrome={chrome} csrf={ctx.csrf(request, reply)} advice={advice} />);
  });

  for (const format of ['pdf', 'csv'] as const) {
    app.get(`${BASE}/zahlungsavise/:id/${format}`, async (request, reply) => {
      const member = await ctx.requireMember(request, reply, 'advices');
      if (!member) return reply;
      return sendFile(reply, await eavis.download(member, adviceId(request), format, request.ip));
    });
  }

  app.post(`${BASE}/zahlungsavise/:id/archivieren`, async (request, reply) => {
    const member = await ctx.requireMember(request, reply, 'advices');
    if (!member) return reply;
    await eavis.archive(member, adviceId(request), request.ip);
    return seeOther(reply, `${BASE}/zahlungsavise?hinweis=archiviert`);
  });

  app.post(`${BASE}/zahlungsavise/:id/zurueck`, async (request, reply) => {
    const member = await ctx.requireMember(request, reply, 'advices');
    if (!member) return reply;
    await eavis.unarchive(member, adviceId(request), request.ip);
    return seeOther(reply, `${BASE}/zahlungsavise?box=archiv&hinweis=zurueck`);
  });

  app.get(`${BASE}/zahlungsavise/:id/loeschen`, async (request, reply) => {
    const member = await ctx.requireMember(request, reply, 'advices');
    if (!member) return reply;
    const advice = await eavis.get(member, adviceId(request), request.ip);
    return sendHtml(reply, <DeleteConfirmPage chrome={chrome} csrf={ctx.csrf(request, reply)} advice={advice} />);
  });

  app.post(`${BASE}/zahlungsavise/:id/loeschen`, async (request, reply) => {
    const member = await ctx.requireMember(request, reply, 'advices');
    if (!member) return reply;
    await eavis.delete(member, adviceId(request), request.ip);
    return seeOther(reply, `${BASE}/zahlungsavise?hinweis=geloescht`);
  });

  for (const [path, hint] of [['beantragen', 'eavis-beantragt'], ['beenden', 'eavis-beendet']] as const) {
    app.post(`${BASE}/ik-verwaltung/:providerIkId/eavis/${path}`, async (request, reply) => {
      const member = await ctx.requireMember(request, reply, 'admin');
      if (!member) return reply;
      const providerIkId = (request.params as { providerIkId: string }).providerIkId;
      try {
        if (path === 'beantragen') await eavis.apply(member, providerIkId, request.ip);
        else await eavis.end(member, providerIkId, request.ip);
      } catch (error) {
        if (error instanceof AppError && REFUSALS.has(error.code)) return sendHtml(reply, <EavisRefusedPage chrome={chrome} code={error.code} />, error.status);
        throw error;
      }
      return seeOther(reply, `${BASE}/ik-verwaltung?hinweis=${hint}`);
    });
  }
}
