import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import type { PortalDefinition, PortalGuards } from '../../core/portal/definition.ts';
import { localReturnPath } from '../../core/http/forms.ts';
import { seeOther, sendHtml } from '../../core/http/render.ts';
import { input, parseForm, parseQuery } from '../../core/http/input.ts';
import { portalPreHandlers } from '../../core/portal/guards.ts';
import { newId } from '../../core/ids/secrets.ts';
import { t } from '../../core/i18n/de.ts';
import { BASE, PORTAL } from './context.ts';
import { AccessibilityPage, BarrierReportPage, CookieNoticePage, DashboardPage, HelpPage, StartPage } from './pages.tsx';
import { postboxCompany } from '../../modules/postbox/portal-routes.tsx';
import type { FieldErrors } from '../../core/errors/app-error.ts';

const REPORT_LIMIT_IP = { points: 10, windowMs: 3_600_000 };
const LOOKUP_LIMIT_IP = { points: 300, windowMs: 3_600_000 };
/** accepting the notice without a session stores one (30 minutes idle): a browser needs it once */
const NOTICE_LIMIT_IP = { points: 30, windowMs: 3_600_000 };
/** Pages that must be readable before the cookie notice is accepted (legal texts, the notice itself). */
const WITHOUT_NOTICE = new Set(['/cookies', '/barrierefreiheit', '/hilfe', '/nutzungsbedingungen', '/datenverarbeitungsbedingungen']);

/** The partner portal's own pages (manual 002): cookie notice, start page, help, accessibility, barrier report, IK lookup, dashboard. */
export async function partnerPages(app: FastifyInstance, deps: PlatformDeps, portal: PortalDefinition, guards: PortalGuards) {
  const { config, sessions, db, rateLimiter } = deps;
  const { chrome } = portal;
  const csrf = (request: FastifyRequest, reply: FastifyReply) => sessions.csrfToken(request, reply);
  const pre = portalPreHandlers(guards);

  // Manual 002 §1: the cookie notice comes before any page of the platform.
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'GET') return;
    const path = request.url.split('?')[0]!;
    if (!path.startsWith(`${BASE}/`) || WITHOUT_NOTICE.has(path.slice(BASE.length)) || path.startsWith(`${BASE}/ik-register/`)) return;
    const session = await sessions.load(request);
    if (session?.cookieNoticeAt) return;
    await sendHtml(reply, <CookieNoticePage chrome={chrome} csrf={csrf(request, reply)} cookieName={sessions.cookieName} next={request.url.slice(0, 2000)} />);
    return reply;
  });

  app.get(`${BASE}/cookies`, async (request, reply) => {
    const session = await sessions.load(request);
    if (session?.cookieNoticeAt) return seeOther(reply, `${BASE}/`);
    return sendHtml(reply, <CookieNoticePage chrome={chrome} csrf={csrf(request, reply)} cookieName={sessions.cookieName} next={`${BASE}/`} />);
  });

  app.post(`${BASE}/cookies`, async (request, reply) => {
    await rateLimiter.enforce(`cookie-notice:ip:${request.ip}`, NOTICE_LIMIT_IP);
    await sessions.acceptCookieNotice(request, reply, PORTAL);
    // only a local path inside this portal: never an open redirect, never a broken Location header
    const next = localReturnPath(parseForm(request, { weiter: input.one }).values.weiter, `${BASE}/`);
    return seeOther(reply, next.startsWith(`${BASE}/`) ? next : `${BASE}/`);
  });

  app.get(`${BASE}`, async (_request, reply) => seeOther(reply, `${BASE}/`));
  app.get(`${BASE}/`, async (_request, reply) => sendHtml(reply, <StartPage chrome={chrome} />));
  app.get(`${BASE}/barrierefreiheit`, async (_request, reply) => sendHtml(reply, <AccessibilityPage chrome={chrome} brand={config.INSURER_BRAND} />));
  app.get(`${BASE}/hilfe`, async (_request, reply) => sendHtml(reply, <HelpPage chrome={chrome} />));
  app.get(`${BASE}/barriere-melden`, async (request, reply) => {
    const sent = parseQuery(request, { gesendet: input.flag }).gesendet === true;
    return sendHtml(reply, <BarrierReportPage chrome={chrome} csrf={csrf(request, reply)} sent={sent} />);
  });

  app.post(`${BASE}/barriere-melden`, async (request, reply) => {
    const form = parseForm(request, {
      // line breaks are welcome in a description; every other control character is not
      description: input.lines({ max: 4000 }),
      page: input.text({ max: 300, required: false }),
      name: input.text({ max: 200, required: false }),
      email: input.optionalEmail,
    });
    const body = form.body;
    const values = { description: (body.description ?? '').slice(0, 4000), page: (body.page ?? '').slice(0, 300), name: (body.name ?? '').slice(0, 200), email: (body.email ?? '').slice(0, 254) };
    if (!form.ok) {
      const errors = form.errors as FieldErrors;
      return sendHtml(reply, <BarrierReportPage chrome={chrome} csrf={csrf(request, reply)} values={values} errors={errors} />, 422);
    }
    const { description, page, name, email } = form.values;
    await rateLimiter.enforce(`barrier:ip:${request.ip}`, REPORT_LIMIT_IP);
    const id = newId();
    await db
      .insertInto('barrier_reports')
      .values({ id, portal: PORTAL, description, page: page || null, name: name || null, email: email || null, created_at: deps.clock.now() })
      .execute();
    await deps.audit.record({ actor: 'anonymous', action: 'barrier.reported', subject: id, ip: request.ip, data: { portal: PORTAL } });
    return seeOther(reply, `${BASE}/barriere-melden?gesendet=1`);
  });

  // The institution's name while typing the IK (JavaScript); the form itself works without this.
  app.get(`${BASE}/ik-register/:ik`, async (request, reply) => {
    await rateLimiter.enforce(`ik-lookup:ip:${request.ip}`, LOOKUP_LIMIT_IP);
    const ik = portal.identifier.check((request.params as { ik: string }).ik);
    reply.header('cache-control', 'no-store');
    if (!ik.ok) return reply.code(422).send({ code: ik.code, message: t(ik.code) });
    const entry = await portal.identifier.lookup!(ik.value);
    if (!entry) return reply.code(404).send({ code: 'ik.unknown', message: t('ik.unknown') });
    return reply.send({ ik: ik.value, name: entry.name, address: entry.address });
  });

  app.get(`${BASE}/startseite`, { preHandler: pre.member }, async (request, reply) => {
    const member = request.member;
    const account = await db.selectFrom('accounts').select(['previous_login_at', 'company_insurer_id']).where('id', '=', member.accountId).executeTakeFirstOrThrow();
    const iks = await deps.providerIks.list(member.company);
    const insurer = deps.insurers.find((i) => i.id === account.company_insurer_id)?.name ?? '';
    const company = postboxCompany(PORTAL, { company: member.company, company_insurer_id: account.company_insurer_id });
    const unread = company ? await deps.postbox.unreadCount(company, `account:${member.accountId}`) : 0;
    return sendHtml(
      reply,
      <DashboardPage chrome={chrome} csrf={csrf(request, reply)} member={member} insurer={insurer} lastLogin={account.previous_login_at ? new Date(account.previous_login_at) : null} iks={iks} unread={unread} />,
    );
  });
}
