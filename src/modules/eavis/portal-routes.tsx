import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { seeOther, sendFile, sendHtml } from '../../core/http/render.ts';
import { parseAdviceFilter } from './model.ts';
import type { PortalDefinition, PortalGuards } from '../../core/portal/definition.ts';
import { portalPreHandlers } from '../../core/portal/guards.ts';
import { parseQuery, single } from '../../core/http/input.ts';
import { defineNotices } from '../../core/http/notices.ts';
import { ikNotices } from '../provider-iks/portal-routes.tsx';
import { AdviceDetailPage, AdviceListPage, DeleteConfirmPage, EavisRefusedPage } from './portal-pages.tsx';

/** The list's filter, as its form sends it (the staff's list has the same). */
export const ADVICE_FILTER_QUERY = single('box', 'ik', 'von', 'bis', 'betragVon', 'betragBis', 'seite');

/** After a redirect to the list of payment advices. */
const adviceNotices = defineNotices('eavis.advices', {
  archiviert: 'Das Zahlungsavis wurde ins Archiv verschoben.',
  zurueck: 'Das Zahlungsavis liegt wieder unter „Neu“.',
  geloescht: 'Das Zahlungsavis wurde gelöscht.',
});

/** Codes of an eAvis application that cannot be made now: shown on a page that leads back to the IK-Verwaltung. */
const REFUSALS = new Set(['eavis.already_requested', 'eavis.already_active', 'eavis.not_endable', 'eavis.ik_not_active']);

/**
 * The provider's payment advices (manual 002: "Abruf und Verwaltung der auf dem Portal
 * bereitgestellten Zahlungsavise (Download, Archivierung, Löschung)") for LE-Admins and users
 * with the right, and the LE-Admin's "Zahlungsavis beantragen" / "beenden" per IK.
 */
export async function eavisRoutes(app: FastifyInstance, deps: PlatformDeps, portal: PortalDefinition, guards: PortalGuards) {
  const { eavis } = deps;
  const { chrome, base: BASE } = portal;
  // the pages of a company's members: the portal says who is signed in and what they may see
  const pre = portalPreHandlers(guards);
  const csrf = (request: FastifyRequest, reply: FastifyReply) => deps.sessions.csrfToken(request, reply);
  const adviceId = (request: FastifyRequest) => (request.params as { id: string }).id;

  app.get(`${BASE}/zahlungsavise`, { preHandler: pre.advices }, async (request, reply) => {
    const { member } = request;
    const iks = await eavis.iksOf(member);
    const { filter, values, errors } = parseAdviceFilter(parseQuery(request, ADVICE_FILTER_QUERY), iks.map((i) => i.ik));
    const failed = Object.keys(errors).length > 0;
    const result = failed ? null : await eavis.list(member, filter);
    return sendHtml(reply, <AdviceListPage chrome={chrome} iks={iks} values={values} errors={errors} result={result} page={filter.page} notice={adviceNotices.read(request)} />, failed ? 422 : 200);
  });

  app.get(`${BASE}/zahlungsavise/:id`, { preHandler: pre.advices }, async (request, reply) => {
    const { member } = request;
    const advice = await eavis.get(member, adviceId(request), request.ip);
    return sendHtml(reply, <AdviceDetailPage chrome={chrome} csrf={csrf(request, reply)} advice={advice} />);
  });

  for (const format of ['pdf', 'csv'] as const) {
    app.get(`${BASE}/zahlungsavise/:id/${format}`, { preHandler: pre.advices }, async (request, reply) => {
      const { member } = request;
      return sendFile(reply, await eavis.download(member, adviceId(request), format, request.ip));
    });
  }

  app.post(`${BASE}/zahlungsavise/:id/archivieren`, { preHandler: pre.advices }, async (request, reply) => {
    const { member } = request;
    await eavis.archive(member, adviceId(request), request.ip);
    return seeOther(reply, adviceNotices.after(`${BASE}/zahlungsavise`, 'archiviert'));
  });

  app.post(`${BASE}/zahlungsavise/:id/zurueck`, { preHandler: pre.advices }, async (request, reply) => {
    const { member } = request;
    await eavis.unarchive(member, adviceId(request), request.ip);
    return seeOther(reply, adviceNotices.after(`${BASE}/zahlungsavise?box=archiv`, 'zurueck'));
  });

  app.get(`${BASE}/zahlungsavise/:id/loeschen`, { preHandler: pre.advices }, async (request, reply) => {
    const { member } = request;
    const advice = await eavis.get(member, adviceId(request), request.ip);
    return sendHtml(reply, <DeleteConfirmPage chrome={chrome} csrf={csrf(request, reply)} advice={advice} />);
  });

  app.post(`${BASE}/zahlungsavise/:id/loeschen`, { preHandler: pre.advices }, async (request, reply) => {
    const { member } = request;
    await eavis.delete(member, adviceId(request), request.ip);
    return seeOther(reply, adviceNotices.after(`${BASE}/zahlungsavise`, 'geloescht'));
  });

  for (const [path, hint] of [['beantragen', 'eavis-beantragt'], ['beenden', 'eavis-beendet']] as const) {
    app.post(`${BASE}/ik-verwaltung/:providerIkId/eavis/${path}`, { preHandler: pre.admin }, async (request, reply) => {
      const { member } = request;
      const providerIkId = (request.params as { providerIkId: string }).providerIkId;
      try {
        if (path === 'beantragen') await eavis.apply(member, providerIkId, request.ip);
        else await eavis.end(member, providerIkId, request.ip);
      } catch (error) {
        if (error instanceof AppError && REFUSALS.has(error.code)) return sendHtml(reply, <EavisRefusedPage chrome={chrome} code={error.code} />, error.status);
        throw error;
      }
      return seeOther(reply, ikNotices.after(`${BASE}/ik-verwaltung`, hint));
    });
  }
}
