import type { FastifyRequest } from 'fastify';
import type { EpaRoutes } from '../epa-access/api.ts';
import { protocolActionLabel, type ProtocolAction } from './actions.ts';
import { protocolEntryView, protocolQuery, type ProtocolPageView } from './api-schema.ts';
import { PROTOCOL_PAGE_SIZE } from './service.ts';
import { actingCaller } from '../epa-representation/acting.ts';

/**
 * The insured's Protokoll in the record API (issue 15 §7): pages of 25 filtered by period and kind,
 * and the same selection as one PDF. Reading it is itself an entry (after the read, so a page shows
 * what was there before it was asked for).
 */
export const epaProtocolApi: EpaRoutes = (api, access, deps) => {
  const { epaProtocol, epaRepresentation, db, clock } = deps;

  /** Whose Protokoll: the caller's own, or with `Pforte-Vertretung` the represented person's, read by the representative (logged in both). */
  const acting = async (request: FastifyRequest) => {
    const { owner, access: by } = await actingCaller(request, access, epaRepresentation);
    return { owner, actor: by.actor, device: by.device };
  };
  /** Reading the Protokoll is itself an entry of it (the Protokoll's own catalogue, not the audit log's). */
  const logged = (by: Awaited<ReturnType<typeof acting>>, what: ProtocolAction, data?: Record<string, string | number | boolean | null>) =>
    epaProtocol.record({ insuredId: by.owner, action: what, actor: by.actor, device: by.device, ...(data ? { data } : {}) });

  api.get('/protokoll', async (request): Promise<ProtocolPageView> => {
    const by = await acting(request);
    const query = protocolQuery(request);
    const page = await epaProtocol.list(by.owner, query);
    await logged(by, 'protocol.viewed', { page: page.page });
    return { entries: page.rows.map((row) => protocolEntryView(row, protocolActionLabel(row.action))), total: page.total, page: page.page, pages: page.pages, pageSize: PROTOCOL_PAGE_SIZE };
  });

  api.get('/protokoll.pdf', async (request, reply) => {
    const by = await acting(request);
    const { owner } = by;
    const { page: _page, ...filter } = protocolQuery(request);
    const person = await db.selectFrom('insured_persons').select(['first_name', 'last_name', 'kvnr']).where('id', '=', owner).executeTakeFirstOrThrow();
    const pdf = await epaProtocol.exportPdf(owner, { name: `${person.first_name} ${person.last_name}`, kvnr: person.kvnr }, filter);
    await logged(by, 'protocol.exported');
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="ePA-Protokoll-${clock.now().toISOString().slice(0, 10)}.pdf"`)
      .header('cache-control', 'no-store')
      .send(Buffer.from(pdf));
  });
};
