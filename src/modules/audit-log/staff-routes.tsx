import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import type { StaffShell } from '../../core/module.ts';
import { sendHtml } from '../../core/http/render.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { BO } from '../../core/staff/shell.tsx';
import { createProtocol, parseProtocolFilter } from './protocol.ts';
import { ProtocolPage } from './pages.tsx';
import { staffGuards } from '../../core/staff/guards.ts';
import { parseQuery, single } from '../../core/http/input.ts';

/** "Protokoll": the audit log for administrators, filtered and exportable as CSV. */
/** The filter's fields, as its form sends them. */
const PROTOCOL_QUERY = single('person', 'akteur', 'betroffen', 'art', 'von', 'bis', 'seite');

export async function protocolStaffRoutes(app: FastifyInstance, deps: PlatformDeps, shell: StaffShell) {
  const { chrome } = shell;
  const pre = staffGuards(shell);
  const { audit } = deps;
  const protocol = createProtocol(deps);
  const csrf = (request: FastifyRequest, reply: FastifyReply) => deps.sessions.csrfToken(request, reply);

  app.get(`${BO}/protokoll`, { preHandler: pre.admin }, async (request, reply) => {
    const member = request.staff;
    const { filter, errors } = parseProtocolFilter(parseQuery(request, PROTOCOL_QUERY));
    const refused = Object.keys(errors).length > 0;
    const result = refused ? { total: 0, rows: [] } : await protocol.page(filter);
    const page = <ProtocolPage chrome={chrome} csrf={csrf(request, reply)} staff={member} insurers={deps.insurers} filter={filter} errors={errors} result={result} />;
    return sendHtml(reply, page, refused ? 400 : 200);
  });

  app.get(`${BO}/protokoll.csv`, { preHandler: pre.admin }, async (request, reply) => {
    const member = request.staff;
    const { filter, errors } = parseProtocolFilter(parseQuery(request, PROTOCOL_QUERY));
    if (Object.keys(errors).length) throw new AppError('field.invalid_chars', 400);
    await audit.record({ actor: `staff:${member.id}`, action: 'backoffice.protocol_exported', ip: request.ip, data: { ...filter } });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="protokoll-${deps.clock.now().toISOString().slice(0, 10)}.csv"`)
      .header('cache-control', 'no-store')
      .send(await protocol.csv(filter));
  });
}
