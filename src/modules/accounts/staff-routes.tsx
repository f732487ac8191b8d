import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import type { StaffShell } from '../../core/module.ts';
import type { StaffMember } from '../../core/staff/service.ts';
import { isId } from '../../core/ids/secrets.ts';
import { AppError, type ErrorCode } from '../../core/errors/app-error.ts';
import { seeOther, sendHtml } from '../../core/http/render.ts';
import { BO } from '../../core/staff/shell.tsx';
import { createAccountAdmin } from './service.ts';
import { AccountDetailPage, AccountsPage, ResetRequestsPage } from './pages.tsx';
import { staffGuards } from '../../core/staff/guards.ts';
import { input, parseForm, searchOf } from '../../core/http/input.ts';
import { defineNotices } from '../../core/http/notices.ts';

/** "Zugänge" (search, lock, unlock, reset the device) and "Geräte-Rücksetzungen" (the holders' requests to decide). */
/** After an action on an account or a decision on a device reset (both pages share the codes). */
const accountNotices = defineNotices('accounts.staff', {
  gesperrt: 'Der Zugang ist gesperrt; alle Sitzungen wurden beendet.',
  entsperrt: 'Der Zugang ist entsperrt.',
  zurueckgesetzt: 'Das Gerät wurde zurückgesetzt; der Nutzer wurde per E-Mail informiert.',
  bestaetigt: 'Das Zurücksetzen wurde bestätigt; der Nutzer wurde per E-Mail informiert.',
  abgelehnt: 'Das Zurücksetzen wurde abgelehnt; der Nutzer wurde per E-Mail informiert.',
}, { germanOnly: true });

export async function accountStaffRoutes(app: FastifyInstance, deps: PlatformDeps, shell: StaffShell) {
  const { chrome } = shell;
  const pre = staffGuards(shell);
  const accounts = createAccountAdmin(deps);
  const csrf = (request: FastifyRequest, reply: FastifyReply) => deps.sessions.csrfToken(request, reply);

  function accountId(request: FastifyRequest): string {
    const id = (request.params as { id: string }).id;
    if (!isId(id)) throw new AppError('request.not_found', 404);
    return id;
  }

  app.get(`${BO}/zugaenge`, { preHandler: pre.staff }, async (request, reply) => {
    const member = request.staff;
    const search = searchOf(request);
    const rows = search.error ? [] : await accounts.search(member, search.text);
    const page = <AccountsPage chrome={chrome} csrf={csrf(request, reply)} staff={member} insurers={deps.insurers} q={search.text} rows={rows} searchError={search.error} />;
    return sendHtml(reply, page, search.error ? 400 : 200);
  });

  const noticeOf = (request: FastifyRequest) => accountNotices.read(request);

  app.get(`${BO}/zugaenge/:id`, { preHandler: pre.staff }, async (request, reply) => {
    const member = request.staff;
    const detail = await accounts.detail(member, accountId(request), request.ip);
    return sendHtml(reply, <AccountDetailPage chrome={chrome} csrf={csrf(request, reply)} staff={member} insurers={deps.insurers} detail={detail} notice={noticeOf(request)} />);
  });

  for (const [path, run, notice] of [
    ['sperren', (m: StaffMember, id: string, ip: string) => accounts.setLocked(m, id, true, ip), 'gesperrt'],
    ['entsperren', (m: StaffMember, id: string, ip: string) => accounts.setLocked(m, id, false, ip), 'entsperrt'],
    ['geraet-zuruecksetzen', (m: StaffMember, id: string, ip: string) => accounts.resetDevice(m, id, ip), 'zurueckgesetzt'],
  ] as const) {
    app.post(`${BO}/zugaenge/:id/${path}`, { preHandler: pre.staff }, async (request, reply) => {
      const member = request.staff;
      const id = accountId(request);
      try {
        await run(member, id, request.ip);
      } catch (error) {
        if (!(error instanceof AppError) || error.status === 404) throw error;
        const detail = await accounts.detail(member, id, request.ip);
        return sendHtml(reply, <AccountDetailPage chrome={chrome} csrf={csrf(request, reply)} staff={member} insurers={deps.insurers} detail={detail} error={error.code} />, error.status);
      }
      return seeOther(reply, accountNotices.after(`${BO}/zugaenge/${id}`, notice));
    });
  }

  app.get(`${BO}/geraete-ruecksetzungen`, { preHandler: pre.staff }, async (request, reply) => {
    const member = request.staff;
    const rows = await accounts.resetRequests(member);
    return sendHtml(reply, <ResetRequestsPage chrome={chrome} csrf={csrf(request, reply)} staff={member} insurers={deps.insurers} rows={rows} notice={noticeOf(request)} />);
  });

  for (const [path, approve] of [['bestaetigen', true], ['ablehnen', false]] as const) {
    app.post(`${BO}/geraete-ruecksetzungen/:id/${path}`, { preHandler: pre.staff }, async (request, reply) => {
      const member = request.staff;
      const id = accountId(request);
      const reason = parseForm(request, { reason: input.text({ max: 1000 }) });
      const fail = async (code: ErrorCode, status: number) =>
        sendHtml(reply, <ResetRequestsPage chrome={chrome} csrf={csrf(request, reply)} staff={member} insurers={deps.insurers} rows={await accounts.resetRequests(member)} error={code} />, status);
      if (!approve && !reason.ok) return fail('backoffice.reason_required', 422);
      try {
        await accounts.decideReset(member, id, approve, reason.ok ? reason.values.reason : '', request.ip);
      } catch (error) {
        if (error instanceof AppError && error.code.startsWith('device_reset.')) return fail(error.code, 409);
        throw error;
      }
      return seeOther(reply, accountNotices.after(`${BO}/geraete-ruecksetzungen`, approve ? 'bestaetigt' : 'abgelehnt'));
    });
  }
}
