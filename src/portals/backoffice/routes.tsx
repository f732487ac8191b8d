import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import type { PortalChrome } from '../../core/ui/layout.tsx';
import type { StaffMember } from './staff/service.ts';
import { defineFlow } from '../../core/flows/engine.ts';
import { isId } from '../../core/ids/secrets.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { formBody, textField } from '../../core/http/forms.ts';
import { seeOther, sendFile, sendHtml } from '../../core/http/render.ts';
import { decryptFile } from '../../core/files/encryption.ts';
import { createWorklist, type WorklistFilter } from './worklist.ts';
import { BO, RegistrationDetailPage, StaffLoginPage, StaffTotpPage, WorklistPage } from './pages.tsx';
import { AccountDetailPage, AccountsPage, ProtocolPage, ResetRequestsPage } from './admin-pages.tsx';
import { createAccountAdmin } from './accounts.ts';
import { createProtocol, parseProtocolFilter } from './protocol.ts';
import { staffAdminRoutes } from './staff/routes.tsx';
import { ikRegisterRoutes } from '../../modules/ik-register/staff-routes.tsx';
import { backofficePostboxRoutes } from '../../modules/postbox/staff-routes.tsx';
import { providerBackofficeRoutes } from '../../modules/provider-iks/staff-routes.tsx';
import { eavisBackofficeRoutes } from '../../modules/eavis/staff-routes.tsx';
import { failedMailRoutes } from './mail-routes.tsx';

const staffLoginFlow = defineFlow({
  kind: 'staff_login',
  initial: 'credentials',
  transitions: { credentials: ['totp'], totp: ['done', 'failed'], done: [], failed: [] },
  ttlMs: { credentials: 30 * 60_000, totp: 5 * 60_000, done: 60_000, failed: 60_000 },
});
type StaffLoginState = 'credentials' | 'totp' | 'done' | 'failed';
const LOGIN_LIMIT = { points: 20, windowMs: 10 * 60_000 };

/** The insurer's back office: staff login with password and TOTP, the registrations to check. */
export async function backofficeRoutes(app: FastifyInstance, deps: PlatformDeps) {
  const { sessions, flows, staff, rateLimiter, audit, config, db } = deps;
  const chrome: PortalChrome = { name: `${config.INSURER_BRAND} Backoffice`, base: BO, home: `${BO}/registrierungen` };
  const worklist = createWorklist(deps);
  const accounts = createAccountAdmin(deps);
  const protocol = createProtocol(deps);
  const csrf = (request: FastifyRequest, reply: FastifyReply) => sessions.csrfToken(request, reply);

  async function limit(key: string) {
    if (!(await rateLimiter.hit(key, LOGIN_LIMIT)).allowed) throw new AppError('request.rate_limited', 429);
  }

  async function newLogin(reply: FastifyReply) {
    // a signed draft: an anonymous visit to any back-office page stores nothing
    const flow = flows.draft(staffLoginFlow, {});
    return seeOther(reply, `${BO}/login?flow=${flow.id}`);
  }

  async function loadFlow(flowId: unknown) {
    return flows.load<StaffLoginState, { staffId?: string; wrong?: number }>(staffLoginFlow, flowId, {});
  }

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

  app.get(BO, async (_request, reply) => seeOther(reply, `${BO}/registrierungen`));
  app.get(`${BO}/`, async (_request, reply) => seeOther(reply, `${BO}/registrierungen`));

  app.get(`${BO}/login`, async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    if (q.flow === undefined) return newLogin(reply);
    const flow = await loadFlow(q.flow).catch(() => null);
    if (!flow || flow.state !== 'credentials') return newLogin(reply);
    return sendHtml(reply, <StaffLoginPage chrome={chrome} csrf={csrf(request, reply)} flowId={flow.id} />);
  });

  app.post(`${BO}/login`, async (request, reply) => {
    const flow = await loadFlow((request.query as Record<string, unknown>).flow).catch(() => null);
    if (!flow || flow.state !== 'credentials') return newLogin(reply);
    await limit(`staff-login:ip:${request.ip}`);
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
    const flow = await loadFlow((request.query as Record<string, unknown>).flow).catch(() => null);
    if (!flow || flow.state !== 'totp') return newLogin(reply);
    return sendHtml(reply, <StaffTotpPage chrome={chrome} csrf={csrf(request, reply)} flowId={flow.id} />);
  });

  app.post(`${BO}/login/code`, async (request, reply) => {
    const flow = await loadFlow((request.query as Record<string, unknown>).flow).catch(() => null);
    if (!flow || flow.state !== 'totp' || !flow.data.staffId) return newLogin(reply);
    await limit(`staff-totp:ip:${request.ip}`);
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
    return seeOther(reply, `${BO}/registrierungen`);
  });

  app.post(`${BO}/abmelden`, async (request, reply) => {
    await sessions.end(request, reply);
    return seeOther(reply, `${BO}/login`);
  });

  app.get(`${BO}/registrierungen`, async (request, reply) => {
    const member = await requireStaff(request, reply);
    if (!member) return reply;
    const q = request.query as Record<string, unknown>;
    const page = Math.min(10_000, Math.max(1, Number.parseInt(typeof q.seite === 'string' ? q.seite : '1', 10) || 1));
    const filter: WorklistFilter = {
      q: typeof q.q === 'string' ? q.q.trim().slice(0, 100) : '',
      order: q.sortierung === 'neueste' ? 'newest' : 'oldest',
      page,
    };
    const result = await worklist.list(member, filter);
    const notice =
      q.abgelehnt === '1'
        ? 'Die Registrierung wurde abgelehnt; der Administrator wurde per E-Mail informiert.'
        : q.abgegeben === '1'
          ? 'Die Registrierung wurde an die andere AOK abgegeben.'
          : undefined;
    return sendHtml(reply, <WorklistPage chrome={chrome} csrf={csrf(request, reply)} staff={member} insurers={deps.insurers} filter={filter} result={result} notice={notice} />);
  });

  function registrationId(request: FastifyRequest): string {
    const id = (request.params as { id: string }).id;
    if (!isId(id)) throw new AppError('request.not_found', 404);
    return id;
  }

  app.get(`${BO}/registrierungen/:id`, async (request, reply) => {
    const member = await requireStaff(request, reply);
    if (!member) return reply;
    const detail = await worklist.detail(member, registrationId(request), request.ip);
    const notice = (request.query as Record<string, unknown>).aktiviert === '1' ? 'Der Zugang wurde aktiviert; die E-Mail an den Administrator ist unterwegs.' : undefined;
    return sendHtml(reply, <RegistrationDetailPage chrome={chrome} csrf={csrf(request, reply)} staff={member} insurers={deps.insurers} detail={detail} notice={notice} />);
  });

  app.post(`${BO}/registrierungen/:id/aktivieren`, async (request, reply) => {
    const member = await requireStaff(request, reply);
    if (!member) return reply;
    const id = registrationId(request);
    try {
      await worklist.activate(member, id, request.ip);
    } catch (error) {
      if (error instanceof AppError && error.code.startsWith('backoffice.')) {
        const detail = await worklist.detail(member, id, request.ip);
        return sendHtml(reply, <RegistrationDetailPage chrome={chrome} csrf={csrf(request, reply)} staff={member} insurers={deps.insurers} detail={detail} error={error.code} />, 409);
      }
      throw error;
    }
    return seeOther(reply, `${BO}/registrierungen/${id}?aktiviert=1`);
  });

  app.post(`${BO}/registrierungen/:id/ablehnen`, async (request, reply) => {
    const member = await requireStaff(request, reply);
    if (!member) return reply;
    const id = registrationId(request);
    const reason = textField(formBody(request.body).reason, { max: 1000 });
    const show = async (error: string, status: number, value = '') => {
      const detail = await worklist.detail(member, id, request.ip);
      return sendHtml(reply, <RegistrationDetailPage chrome={chrome} csrf={csrf(request, reply)} staff={member} insurers={deps.insurers} detail={detail} error={error} reason={value} />, status);
    };
    if (!reason.ok) return show(reason.code === 'field.required' ? 'backoffice.reason_required' : reason.code, 422, (formBody(request.body).reason ?? '').slice(0, 1000));
    try {
      await worklist.reject(member, id, reason.value, request.ip);
    } catch (error) {
      if (error instanceof AppError && error.code.startsWith('backoffice.')) return show(error.code, 409);
      throw error;
    }
    return seeOther(reply, `${BO}/registrierungen?abgelehnt=1`);
  });

  app.post(`${BO}/registrierungen/:id/abgeben`, async (request, reply) => {
    const member = await requireStaff(request, reply);
    if (!member) return reply;
    const id = registrationId(request);
    try {
      await worklist.handOver(member, id, (formBody(request.body).insurerId ?? '').slice(0, 20), request.ip);
    } catch (error) {
      if (error instanceof AppError && error.code.startsWith('backoffice.')) {
        const detail = await worklist.detail(member, id, request.ip);
        return sendHtml(reply, <RegistrationDetailPage chrome={chrome} csrf={csrf(request, reply)} staff={member} insurers={deps.insurers} detail={detail} error={error.code} />, error.status);
      }
      throw error;
    }
    return seeOther(reply, `${BO}/registrierungen?abgegeben=1`);
  });

  app.get(`${BO}/registrierungen/:id/dateien/:fileId`, async (request, reply) => {
    const member = await requireStaff(request, reply);
    if (!member) return reply;
    const fileId = (request.params as { fileId: string }).fileId;
    if (!isId(fileId)) throw new AppError('request.not_found', 404);
    const file = await worklist.file(member, registrationId(request), fileId, request.ip);
    const bytes = decryptFile(deps.fileKey, { iv: file.iv, tag: file.tag, ciphertext: file.content });
    // only PDF and images are shown inline (under a sandboxing CSP); everything else is a download
    const inline = (request.query as Record<string, unknown>).download !== '1' && /^(application\/pdf|image\/(png|jpeg|gif))$/.test(file.mime);
    return sendFile(reply, { name: file.name, mime: file.mime, bytes }, { inline });
  });

  function accountId(request: FastifyRequest): string {
    const id = (request.params as { id: string }).id;
    if (!isId(id)) throw new AppError('request.not_found', 404);
    return id;
  }

  app.get(`${BO}/zugaenge`, async (request, reply) => {
    const member = await requireStaff(request, reply);
    if (!member) return reply;
    const q = (request.query as Record<string, unknown>).q;
    const text = typeof q === 'string' ? q.trim().slice(0, 100) : '';
    const rows = await accounts.search(member, text);
    return sendHtml(reply, <AccountsPage chrome={chrome} csrf={csrf(request, reply)} staff={member} insurers={deps.insurers} q={text} rows={rows} />);
  });

  const NOTICES: Record<string, string> = {
    gesperrt: 'Der Zugang ist gesperrt; alle Sitzungen wurden beendet.',
    entsperrt: 'Der Zugang ist entsperrt.',
    zurueckgesetzt: 'Das Gerät wurde zurückgesetzt; der Nutzer wurde per E-Mail informiert.',
    bestaetigt: 'Das Zurücksetzen wurde bestätigt; der Nutzer wurde per E-Mail informiert.',
    abgelehnt: 'Das Zurücksetzen wurde abgelehnt; der Nutzer wurde per E-Mail informiert.',
  };
  const noticeOf = (request: FastifyRequest) => {
    const key = (request.query as Record<string, unknown>).hinweis;
    return typeof key === 'string' ? NOTICES[key] : undefined;
  };

  app.get(`${BO}/zugaenge/:id`, async (request, reply) => {
    const member = await requireStaff(request, reply);
    if (!member) return reply;
    const detail = await accounts.detail(member, accountId(request), request.ip);
    return sendHtml(reply, <AccountDetailPage chrome={chrome} csrf={csrf(request, reply)} staff={member} insurers={deps.insurers} detail={detail} notice={noticeOf(request)} />);
  });

  for (const [path, run, notice] of [
    ['sperren', (m: StaffMember, id: string, ip: string) => accounts.setLocked(m, id, true, ip), 'gesperrt'],
    ['entsperren', (m: StaffMember, id: string, ip: string) => accounts.setLocked(m, id, false, ip), 'entsperrt'],
    ['geraet-zuruecksetzen', (m: StaffMember, id: string, ip: string) => accounts.resetDevice(m, id, ip), 'zurueckgesetzt'],
  ] as const) {
    app.post(`${BO}/zugaenge/:id/${path}`, async (request, reply) => {
      const member = await requireStaff(request, reply);
      if (!member) return reply;
      const id = accountId(request);
      try {
        await run(member, id, request.ip);
      } catch (error) {
        if (!(error instanceof AppError) || error.status === 404) throw error;
        const detail = await accounts.detail(member, id, request.ip);
        return sendHtml(reply, <AccountDetailPage chrome={chrome} csrf={csrf(request, reply)} staff={member} insurers={deps.insurers} detail={detail} error={error.code} />, error.status);
      }
      return seeOther(reply, `${BO}/zugaenge/${id}?hinweis=${notice}`);
    });
  }

  app.get(`${BO}/geraete-ruecksetzungen`, async (request, reply) => {
    const member = await requireStaff(request, reply);
    if (!member) return reply;
    const rows = await accounts.resetRequests(member);
    return sendHtml(reply, <ResetRequestsPage chrome={chrome} csrf={csrf(request, reply)} staff={member} insurers={deps.insurers} rows={rows} notice={noticeOf(request)} />);
  });

  for (const [path, approve] of [['bestaetigen', true], ['ablehnen', false]] as const) {
    app.post(`${BO}/geraete-ruecksetzungen/:id/${path}`, async (request, reply) => {
      const member = await requireStaff(request, reply);
      if (!member) return reply;
      const id = accountId(request);
      const reason = textField(formBody(request.body).reason, { max: 1000 });
      const fail = async (code: string, status: number) =>
        sendHtml(reply, <ResetRequestsPage chrome={chrome} csrf={csrf(request, reply)} staff={member} insurers={deps.insurers} rows={await accounts.resetRequests(member)} error={code} />, status);
      if (!approve && !reason.ok) return fail('backoffice.reason_required', 422);
      try {
        await accounts.decideReset(member, id, approve, reason.ok ? reason.value : '', request.ip);
      } catch (error) {
        if (error instanceof AppError && error.code.startsWith('device_reset.')) return fail(error.code, 409);
        throw error;
      }
      return seeOther(reply, `${BO}/geraete-ruecksetzungen?hinweis=${approve ? 'bestaetigt' : 'abgelehnt'}`);
    });
  }

  /** The audit log is for administrators; a clerk gets "not found" like for anything outside their scope. */
  async function requireAdmin(request: FastifyRequest, reply: FastifyReply) {
    const member = await requireStaff(request, reply);
    if (member && member.role !== 'admin') throw new AppError('request.not_found', 404);
    return member;
  }

  await staffAdminRoutes(app, deps, chrome, requireAdmin);
  await ikRegisterRoutes(app, deps, chrome, requireAdmin);
  await failedMailRoutes(app, deps, chrome, requireAdmin);
  await backofficePostboxRoutes(app, deps, chrome, requireStaff);
  await providerBackofficeRoutes(app, deps, chrome, requireStaff);
  await eavisBackofficeRoutes(app, deps, chrome, requireStaff);

  app.get(`${BO}/protokoll`, async (request, reply) => {
    const member = await requireAdmin(request, reply);
    if (!member) return reply;
    const filter = parseProtocolFilter(request.query as Record<string, unknown>);
    const result = await protocol.page(filter);
    return sendHtml(reply, <ProtocolPage chrome={chrome} csrf={csrf(request, reply)} staff={member} insurers={deps.insurers} filter={filter} result={result} />);
  });

  app.get(`${BO}/protokoll.csv`, async (request, reply) => {
    const member = await requireAdmin(request, reply);
    if (!member) return reply;
    const filter = parseProtocolFilter(request.query as Record<string, unknown>);
    await audit.record({ actor: `staff:${member.id}`, action: 'backoffice.protocol_exported', ip: request.ip, data: { ...filter } });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="protokoll-${deps.clock.now().toISOString().slice(0, 10)}.csv"`)
      .header('cache-control', 'no-store')
      .send(await protocol.csv(filter));
  });
}
