import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import type { PortalDefinition } from '../../core/portal/definition.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { emailField, formBody, localReturnPath, textField } from '../../core/http/forms.ts';
import { seeOther, sendHtml } from '../../core/http/render.ts';
import { newId } from '../../core/ids/secrets.ts';
import { checkIk } from '../../core/identifiers/checks.ts';
import { t } from '../../core/i18n/de.ts';
import { registrationRoutes } from '../../modules/registration/portal-routes.tsx';
import { loginRoutes } from '../../modules/login/portal-routes.tsx';
import { passwordRoutes } from '../../modules/password-reset/portal-routes.tsx';
import { userRoutes } from '../../modules/users/portal-routes.tsx';
import { postboxNoticeMail } from '../../modules/registration/mails.ts';
import { renderProviderCertificate, providerCertificateFileName } from './certificate.ts';
import { BASE, PORTAL, type PartnerContext, type PartnerMember } from './context.ts';
import { partnerChrome } from './chrome.ts';
import { partnerWords } from './words.ts';
import { partnerConsents } from './consents.ts';
import { providerCompanyFields } from './company-fields.tsx';
import { ikDecisionMail, partnerActivationMail } from './mails.ts';
import { AccessibilityPage, BarrierReportPage, CookieNoticePage, DashboardPage, HelpPage, StartPage } from './pages.tsx';
import { appInstallRoutes } from '../../modules/app-install/portal-routes.tsx';
import { ikRoutes } from '../../modules/provider-iks/portal-routes.tsx';
import { recordActivatedProviderAdmin } from '../../modules/provider-iks/service.ts';
import { eavisRoutes } from '../../modules/eavis/portal-routes.tsx';
import { postboxCompany, postboxRoutes } from '../../modules/postbox/portal-routes.tsx';
import { providerPostboxAddressee } from './postbox.ts';
import { Layout } from '../../core/ui/layout.tsx';
import { Notice } from '../../core/ui/components.tsx';

const REPORT_LIMIT_IP = { points: 10, windowMs: 3_600_000 };
const LOOKUP_LIMIT_IP = { points: 300, windowMs: 3_600_000 };
/** accepting the notice without a session stores one (30 minutes idle): a browser needs it once */
const NOTICE_LIMIT_IP = { points: 30, windowMs: 3_600_000 };
/** Pages that must be readable before the cookie notice is accepted (legal texts, the notice itself). */
const WITHOUT_NOTICE = new Set(['/cookies', '/barrierefreiheit', '/hilfe', '/nutzungsbedingungen', '/datenverarbeitungsbedingungen']);

/** Mein AOK Gesundheitspartnerservice (manual 002): the shared portal pages with the provider's words and rules. */
export async function partnerRoutes(app: FastifyInstance, deps: PlatformDeps) {
  const { config, sessions, db, rateLimiter } = deps;
  const chrome = partnerChrome(config);
  const url = (path: string) => `${config.publicUrl}${BASE}${path}`;
  const words = partnerWords(config.INSURER_BRAND);
  const csrf = (request: FastifyRequest, reply: FastifyReply) => sessions.csrfToken(request, reply);

  const portal: PortalDefinition = {
    key: PORTAL,
    base: BASE,
    chrome,
    words,
    wizardTitle: chrome.registration!.title,
    identifierLabel: 'IK-Nummer',
    company: providerCompanyFields(db, deps.ikRegister),
    consents: partnerConsents(config.INSURER_BRAND),
    users: { adminRights: true, adviceRight: true },
    async certificate(registration, date) {
      const entry = await deps.ikRegister.lookup(registration.identifier);
      return renderProviderCertificate({
        insurer: registration.insurer,
        ik: registration.identifier,
        institutionName: entry?.name ?? null,
        institutionAddress: entry ? [entry.street, `${entry.postalCode} ${entry.city}`.trim()].filter(Boolean).join(', ') : null,
        admin: registration.account,
        date,
        portalName: chrome.name,
      });
    },
    certificateFileName: providerCertificateFileName,
    activationMail: ({ homeUrl }) => partnerActivationMail({ brand: config.INSURER_BRAND, homeUrl }),
    postboxNoticeMail: (input) => postboxNoticeMail(words, { ...input, postboxUrl: url('/postfach') }),
    postboxAddressee: providerPostboxAddressee(db),
    ikDecisionMail: (input) => ikDecisionMail({ ...input, brand: config.INSURER_BRAND, url: url('/ik-verwaltung') }),
    onActivated: (trx, input) => recordActivatedProviderAdmin(trx, deps.clock.now(), { accountId: input.accountId, ik: input.identifier, insurerId: input.insurerId, staffId: input.staffId }),
    url,
  };

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
    if (!(await rateLimiter.hit(`cookie-notice:ip:${request.ip}`, NOTICE_LIMIT_IP)).allowed) throw new AppError('request.rate_limited', 429);
    await sessions.acceptCookieNotice(request, reply, PORTAL);
    // only a local path inside this portal: never an open redirect, never a broken Location header
    const next = localReturnPath(formBody(request.body).weiter, `${BASE}/`);
    return seeOther(reply, next.startsWith(`${BASE}/`) ? next : `${BASE}/`);
  });

  app.get(`${BASE}`, async (_request, reply) => seeOther(reply, `${BASE}/`));
  app.get(`${BASE}/`, async (_request, reply) => sendHtml(reply, <StartPage chrome={chrome} />));
  app.get(`${BASE}/barrierefreiheit`, async (_request, reply) => sendHtml(reply, <AccessibilityPage chrome={chrome} brand={config.INSURER_BRAND} />));
  app.get(`${BASE}/hilfe`, async (_request, reply) => sendHtml(reply, <HelpPage chrome={chrome} />));
  // the footer's "Download Zwei-Faktor-Authentifizierung" and the device step's buttons
  await appInstallRoutes(app, deps, chrome);

  app.get(`${BASE}/barriere-melden`, async (request, reply) => {
    const sent = (request.query as Record<string, unknown>).gesendet === '1';
    return sendHtml(reply, <BarrierReportPage chrome={chrome} csrf={csrf(request, reply)} sent={sent} />);
  });

  app.post(`${BASE}/barriere-melden`, async (request, reply) => {
    const body = formBody(request.body);
    const values = { description: (body.description ?? '').slice(0, 4000), page: (body.page ?? '').slice(0, 300), name: (body.name ?? '').slice(0, 200), email: (body.email ?? '').slice(0, 254) };
    const errors: Record<string, string> = {};
    // line breaks are welcome in a description; every other control character is not
    const text = (body.description ?? '').replace(/\r\n?/g, '\n');
    const checked = textField(text.replace(/[\n\t]/g, ' '), { max: 4000 });
    const description = checked.ok ? ({ ok: true, value: text.normalize('NFC').trim() } as const) : checked;
    if (!description.ok) errors.description = description.code;
    const page = textField(body.page, { max: 300, required: false });
    if (!page.ok) errors.page = page.code;
    const name = textField(body.name, { max: 200, required: false });
    if (!name.ok) errors.name = name.code;
    const email = values.email.trim() ? emailField(body.email) : ({ ok: true, value: '' } as const);
    if (!email.ok) errors.email = email.code;
    if (Object.keys(errors).length || !description.ok || !page.ok || !name.ok || !email.ok) {
      return sendHtml(reply, <BarrierReportPage chrome={chrome} csrf={csrf(request, reply)} values={values} errors={errors} />, 422);
    }
    if (!(await rateLimiter.hit(`barrier:ip:${request.ip}`, REPORT_LIMIT_IP)).allowed) throw new AppError('request.rate_limited', 429);
    const id = newId();
    await db
      .insertInto('barrier_reports')
      .values({ id, portal: PORTAL, description: description.value, page: page.value || null, name: name.value || null, email: email.value || null, created_at: deps.clock.now() })
      .execute();
    await deps.audit.record({ actor: 'anonymous', action: 'barrier.reported', subject: id, ip: request.ip, data: { portal: PORTAL } });
    return seeOther(reply, `${BASE}/barriere-melden?gesendet=1`);
  });

  // The institution's name while typing the IK (JavaScript); the form itself works without this.
  app.get(`${BASE}/ik-register/:ik`, async (request, reply) => {
    if (!(await rateLimiter.hit(`ik-lookup:ip:${request.ip}`, LOOKUP_LIMIT_IP)).allowed) throw new AppError('request.rate_limited', 429);
    const ik = checkIk((request.params as { ik: string }).ik);
    reply.header('cache-control', 'no-store');
    if (!ik.ok) return reply.code(422).send({ code: ik.code, message: t(ik.code) });
    const entry = await deps.ikRegister.lookup(ik.value);
    if (!entry) return reply.code(404).send({ code: 'ik.unknown', message: t('ik.unknown') });
    return reply.send({ ik: entry.ik, name: entry.name, address: [entry.street, `${entry.postalCode} ${entry.city}`.trim()].filter(Boolean).join(', ') });
  });

  await registrationRoutes(app, deps, portal);
  const { requireAccount } = await loginRoutes(app, deps, portal);
  await passwordRoutes(app, deps, portal);
  await userRoutes(app, deps, portal);
  await postboxRoutes(app, deps, portal);

  async function requireMember(request: FastifyRequest, reply: FastifyReply, need?: 'admin' | 'advices'): Promise<PartnerMember | null> {
    const accountId = await requireAccount(request, reply);
    if (!accountId) return null;
    const row = await db
      .selectFrom('accounts')
      .select(['id', 'email', 'first_name', 'last_name', 'company', 'role', 'advice_access', 'status'])
      .where('id', '=', accountId)
      .where('portal', '=', PORTAL)
      .executeTakeFirst();
    if (!row || row.status !== 'active' || !row.company) {
      await sessions.end(request, reply);
      await seeOther(reply, `${BASE}/login`);
      return null;
    }
    const member: PartnerMember = {
      accountId: row.id,
      email: row.email,
      firstName: row.first_name,
      lastName: row.last_name,
      company: row.company,
      role: row.role === 'admin' ? 'admin' : 'user',
      adviceAccess: row.role === 'admin' || row.advice_access,
    };
    if ((need === 'admin' && member.role !== 'admin') || (need === 'advices' && !member.adviceAccess)) {
      await sendHtml(
        reply,
        <Layout title="Keine Berechtigung" chrome={chrome}>
          <h1>Keine Berechtigung</h1>
          <Notice kind="warning">
            <p>{t(need === 'admin' ? 'partner.admin_only' : 'partner.advices_only')}</p>
          </Notice>
          <p>
            <a href={`${BASE}/startseite`}>Zur Startseite</a>
          </p>
        </Layout>,
        403,
      );
      return null;
    }
    return member;
  }

  const ctx: PartnerContext = { chrome, csrf, requireMember };

  app.get(`${BASE}/startseite`, async (request, reply) => {
    const member = await requireMember(request, reply);
    if (!member) return reply;
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

  await ikRoutes(app, deps, ctx, portal);
  await eavisRoutes(app, deps, ctx);
}
