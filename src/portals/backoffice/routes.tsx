import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import type { PortalChrome } from '../../core/ui/layout.tsx';
import type { StaffMember } from '../../core/staff/service.ts';
import type { Module, StaffShell } from '../../core/module.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { formBody } from '../../core/http/forms.ts';
import { input, parseQuery } from '../../core/http/input.ts';
import { seeOther, sendHtml } from '../../core/http/render.ts';
import { defineNotices } from '../../core/http/notices.ts';
import { BO } from '../../core/staff/shell.tsx';
import { StaffLoginPage, StaffTotpPage } from './pages.tsx';
import { staffAdminRoutes, staffAdminNav } from './staff/routes.tsx';
import { staffLoginFlow } from './flows.ts';

const LOGIN_LIMIT = { points: 20, windowMs: 10 * 60_000 };

/** A login that timed out (or was ended) starts again with the password, and says why. */
const loginNotices = defineNotices('backoffice.login', { abgelaufen: 'Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.' }, { germanOnly: true });

/**
 * The insurer's back office: staff login with password and TOTP, its own staff accounts, and the
 * pages every module declares for staff, under one bar. It names no portal and no module.
 */
export async function backofficeRoutes(app: FastifyInstance, deps: PlatformDeps, modules: readonly Module[]) {
  const { sessions, flows, staff, rateLimiter, audit, config, db } = deps;
  const nav = [...staffAdminNav, ...modules.flatMap((m) => m.staffNav ?? [])].sort((a, b) => a.order - b.order);
  // the bar's first page is where a login and the bare address lead
  const home = nav[0]?.href ?? `${BO}/login`;
  const chrome: PortalChrome = { name: `${config.INSURER_BRAND} Backoffice`, base: BO, home, nav: nav.map(({ href, label, adminOnly }) => ({ href, label, adminOnly })) };
  const csrf = (request: FastifyRequest, reply: FastifyReply) => sessions.csrfToken(request, reply);

  async function newLogin(reply: FastifyReply, expired = false) {
    // a signed draft: an anonymous visit to any back-office page stores nothing
    const flow = flows.draft(staffLoginFlow, {});
    const path = `${BO}/login?flow=${flow.id}`;
    return seeOther(reply, expired ? loginNotices.after(path, 'abgelaufen') : path);
  }

  async function loadFlow(flowId: string | undefined) {
    return flows.load(staffLoginFlow, flowId, {});
  }
  const flowParam = (request: FastifyRequest) => parseQuery(request, { flow: input.one }).flow;

  /** The signed-in staff member, or a redirect to the login. A locked member's session ends at once. */
  async function requireStaff(request: FastifyRequest, reply: FastifyReply): Promise<StaffMember | null> {
    const session = await sessions.load(request);
    const member = session?.portal === 'backoffice' && session.staffId ? await staff.get(session.staffId) : null;
    if (!member) {
      await newLogin(reply);
      return null;
    }
    return member;
  }

  app.get(BO, async (_request, reply) => seeOther(reply, home));
  app.get(`${BO}/`, async (_request, reply) => seeOther(reply, home));

  app.get(`${BO}/login`, async (request, reply) => {
    const flowId = flowParam(request);
    if (flowId === undefined) return newLogin(reply);
    const flow = await loadFlow(flowId).catch(() => null);
    if (!flow || flow.state !== 'credentials') return newLogin(reply, true);
    return sendHtml(reply, <StaffLoginPage chrome={chrome} csrf={csrf(request, reply)} flowId={flow.id} notice={loginNotices.read(request)} />);
  });

  app.post(`${BO}/login`, async (request, reply) => {
    const flow = await loadFlow(flowParam(request)).catch(() => null);
    if (!flow || flow.state !== 'credentials') return newLogin(reply, true);
    await rateLimiter.enforce(`staff-login:ip:${request.ip}`, LOGIN_LIMIT);
    const body = formBody(request.body);
    const email = (body.email ?? '').slice(0, 254);
    try {
      const member = await staff.checkPassword(email, (body.password ?? '').slice(0, 1024), request.ip);
      await db.transaction().execute((trx) => flows.transition(trx, staffLoginFlow, flow, 'totp', { subject: member.id, data: { staffId: member.id } }));
      return seeOther(reply, `${BO}/login/code?flow=${flow.id}`);
    } catch (error) {
      if (!(error instanceof AppError) || !error.code.startsWith('login.')) throw error;
      return sendHtml(reply, <StaffLoginPage chrome={chrome} csrf={csrf(request, reply)} flowId={flow.id} email={email} error={error.code} />, error.status);
    }
  });

  app.get(`${BO}/login/code`, async (request, reply) => {
    const flow = await loadFlow(flowParam(request)).catch(() => null);
    if (!flow || flow.state !== 'totp') return newLogin(reply, true);
    return sendHtml(reply, <StaffTotpPage chrome={chrome} csrf={csrf(request, reply)} flowId={flow.id} />);
  });

  app.post(`${BO}/login/code`, async (request, reply) => {
    const flow = await loadFlow(flowParam(request)).catch(() => null);
    if (!flow || flow.state !== 'totp' || !flow.data.staffId) return newLogin(reply, true);
    await rateLimiter.enforce(`staff-totp:ip:${request.ip}`, LOGIN_LIMIT);
    const staffId = flow.data.staffId;
    try {
      await staff.verifyTotp(staffId, (formBody(request.body).code ?? '').trim().slice(0, 10), request.ip);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code.startsWith('staff.')) return sendHtml(reply, <StaffTotpPage chrome={chrome} csrf={csrf(request, reply)} flowId={flow.id} error={error.code} />, 422);
      if (!error.code.startsWith('login.')) throw error;
      // locked by wrong attempts (this code's or earlier ones) or by an administrator: this login
      // ends, and the next one starts with the password again
      await db
        .transaction()
        .execute((trx) => flows.transition(trx, staffLoginFlow, flow, 'failed'))
        .catch((e) => {
          if (!(e instanceof AppError && e.code === 'flow.conflict')) throw e;
        });
      return sendHtml(reply, <StaffLoginPage chrome={chrome} csrf={csrf(request, reply)} flowId={flows.draft(staffLoginFlow, {}).id} error={error.code} />, error.status);
    }
    await db.transaction().execute((trx) => flows.transition(trx, staffLoginFlow, flow, 'done'));
    await sessions.bind(request, reply, { portal: 'backoffice', accountId: null, registrationId: null, staffId });
    await audit.record({ actor: `staff:${staffId}`, action: 'staff.login', subject: `staff:${staffId}`, ip: request.ip });
    return seeOther(reply, home);
  });

  app.post(`${BO}/abmelden`, async (request, reply) => {
    await sessions.end(request, reply);
    return seeOther(reply, `${BO}/login`);
  });

  /** Pages for administrators (audit log, staff, IK register); a clerk gets "not found" like for anything outside their scope. */
  async function requireAdmin(request: FastifyRequest, reply: FastifyReply) {
    const member = await requireStaff(request, reply);
    if (member && member.role !== 'admin') throw new AppError('request.not_found', 404);
    return member;
  }

  const shell: StaffShell = { chrome, requireStaff, requireAdmin };
  await staffAdminRoutes(app, deps, chrome, requireAdmin);
  for (const module of modules) await module.staffRoutes?.(app, deps, shell);
}
