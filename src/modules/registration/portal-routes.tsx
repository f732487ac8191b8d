import Html from '@kitajs/html';
import { currentPage } from '../../core/i18n/locale.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { formBody } from '../../core/http/forms.ts';
import { input, parseForm, parseQuery } from '../../core/http/input.ts';
import { seeOther, sendHtml } from '../../core/http/render.ts';
import { ConsentPage } from '../../core/ui/consent-page.tsx';
import type { CertifiedPortal } from '../../core/portal/definition.ts';
import { registrationsOf } from './for-portal.ts';
import { createRegistrationFiles } from './files.ts';
import { RegistrationDonePage } from './pages/device.tsx';
import { ResetStatusPage } from './pages/device-reset.tsx';
import { parseRegistrationForm } from './form.ts';
import { ConfirmEmailNoticePage, EmailConfirmedPage, RegistrationFormPage, ResendPage, SessionNeededPage, StatusPage } from './pages/wizard.tsx';
import { orLinkProblem, registrationAccess } from './access.tsx';
import { registrationStepRoutes } from './step-routes.tsx';

const RESEND_LIMIT_IP = { points: 10, windowMs: 3_600_000 };
const RESEND_LIMIT_EMAIL = { points: 3, windowMs: 3_600_000 };
const REGISTER_LIMIT_IP = { points: 20, windowMs: 3_600_000 };
/** Step 1's address: its flow, and whether it replaced an expired one. */
const FORM_QUERY = { flow: input.one, abgelaufen: input.flag };

/**
 * The administrator's registration in four steps (Persönliche Daten → Arbeitgeberbescheinigung →
 * Geräteregistrierung → Abschluss), the same for every portal; the portal brings its company
 * fields, words, certificate and mails.
 */
export async function registrationRoutes(app: FastifyInstance, deps: PlatformDeps, portal: CertifiedPortal) {
  const { config, sessions, rateLimiter } = deps;
  const { chrome, base: BASE, key: PORTAL } = portal;
  const registrations = registrationsOf(deps, portal);
  const files = createRegistrationFiles({ db: deps.db, clock: deps.clock, audit: deps.audit, key: deps.fileKey });
  const csrf = (request: FastifyRequest, reply: FastifyReply) => sessions.csrfToken(request, reply);
  const sessionAccess = registrationAccess(deps, portal, registrations);
  const { currentRegistration, accessOf } = sessionAccess;

  for (const doc of [portal.consents.terms, portal.consents.privacy]) {
    app.get(`${BASE}/${doc.id}`, async (_request, reply) => sendHtml(reply, <ConsentPage chrome={chrome} document={doc} />));
  }

  // Step 1 "Persönliche Daten": a flow per form, so a double submit registers once.
  app.get(`${BASE}/registrierung`, async (request, reply) => {
    const { flow: flowId, abgelaufen: expired } = parseQuery(request, FORM_QUERY);
    if (flowId === undefined) {
      const flow = await registrations.startForm();
      return seeOther(reply, `${BASE}/registrierung?flow=${flow.id}`);
    }
    const flow = await loadFormOrRestart(flowId, reply);
    if (!flow) return reply;
    if (flow.state === 'submitted') return seeOther(reply, `${BASE}/registrierung/email-bestaetigen?flow=${flow.id}`);
    return sendHtml(reply, <RegistrationFormPage chrome={chrome} csrf={csrf(request, reply)} flowId={flow.id} company={portal.company} consents={portal.consents} expired={expired ?? false} />);
  });

  async function loadFormOrRestart(flowId: unknown, reply: FastifyReply) {
    const { flow, replaced } = await registrations.loadFormOrReplace(flowId);
    if (!replaced) return flow;
    // an expired form is replaced, never a dead end
    seeOther(reply, `${BASE}/registrierung?flow=${flow.id}&abgelaufen=1`);
    return null;
  }

  app.post(`${BASE}/registrierung`, async (request, reply) => {
    const flowId = parseQuery(request, FORM_QUERY).flow;
    await rateLimiter.enforce(`register:ip:${request.ip}`, REGISTER_LIMIT_IP);
    const body = formBody(request.body);
    const parsed = await parseRegistrationForm(body, portal.company, portal.consents);
    const flow = await loadFormOrRestart(flowId, reply);
    if (!flow) return reply;
    const info = portal.company.describe ? await portal.company.describe(parsed.values) : {};
    // "Prüfen" only looks the company up: the form comes back with what was found
    if (portal.company.checkButton && body.aktion === 'pruefen') {
      const companyErrors = Object.fromEntries(Object.entries(parsed.ok ? {} : parsed.errors).filter(([k]) => k in portal.company.labels));
      return sendHtml(
        reply,
        <RegistrationFormPage chrome={chrome} csrf={csrf(request, reply)} flowId={flow.id} company={portal.company} consents={portal.consents} values={parsed.values} errors={companyErrors} info={info} />,
        Object.keys(companyErrors).length ? 422 : 200,
      );
    }
    if (!parsed.ok) {
      return sendHtml(
        reply,
        <RegistrationFormPage chrome={chrome} csrf={csrf(request, reply)} flowId={flow.id} company={portal.company} consents={portal.consents} values={parsed.values} errors={parsed.errors} info={info} />,
        422,
      );
    }
    await registrations.register(flow.id, { ...parsed.input, locale: currentPage()?.locale ?? 'de' }, request.ip);
    return seeOther(reply, `${BASE}/registrierung/email-bestaetigen?flow=${flow.id}`);
  });

  app.get(`${BASE}/registrierung/email-bestaetigen`, async (request, reply) => {
    const flow = await registrations.loadForm(parseQuery(request, FORM_QUERY).flow);
    if (flow.state !== 'submitted') return seeOther(reply, `${BASE}/registrierung?flow=${flow.id}`);
    const email = typeof flow.data.email === 'string' ? flow.data.email : '';
    return sendHtml(reply, <ConfirmEmailNoticePage chrome={chrome} csrf={csrf(request, reply)} email={email} />);
  });

  app.post(`${BASE}/registrierung/bestaetigungsmail`, async (request, reply) => {
    const { values, errors, body } = parseForm(request, { email: input.email });
    const email = values.email;
    if (email === undefined) {
      return sendHtml(reply, <ResendPage chrome={chrome} csrf={csrf(request, reply)} email={(body.email ?? '').slice(0, 254)} error={errors.email!} />, 422);
    }
    await rateLimiter.enforce(`resend:ip:${request.ip}`, RESEND_LIMIT_IP);
    await rateLimiter.enforce(`resend:email:${email.toLowerCase()}`, RESEND_LIMIT_EMAIL);
    await registrations.resendConfirmation(email, request.ip);
    return sendHtml(reply, <ConfirmEmailNoticePage chrome={chrome} csrf={csrf(request, reply)} email={email} resent />);
  });

  app.get(`${BASE}/registrierung/bestaetigung`, async (request, reply) =>
    orLinkProblem(request, reply, deps, chrome, async () => {
      const registrationId = await registrations.confirmEmail(parseQuery(request, { token: input.one }).token, request.ip);
      await sessions.bind(request, reply, { portal: PORTAL, accountId: null, registrationId });
      return sendHtml(reply, <EmailConfirmedPage chrome={chrome} />);
    }),
  );

  app.get(`${BASE}/registrierung/status`, async (request, reply) => {
    const { token } = parseQuery(request, { token: input.one });
    if (token !== undefined) {
      return orLinkProblem(request, reply, deps, chrome, async () => {
      const link = await registrations.openStatus(token);
      const access = await accessOf(await registrations.view(link.registrationId));
      // after staff activation the first mail's link opens nothing; a device reset continues only
      // through a link issued for it (the decision mail), never through an older one
      const continues = access.kind === 'registration' ? !link.forReset : access.kind === 'reset' && link.forReset && !link.spent;
      if (!continues) return sendHtml(reply, <RegistrationDonePage chrome={chrome} />);
      await sessions.bind(request, reply, { portal: PORTAL, accountId: null, registrationId: link.registrationId });
      // the secret leaves the address bar at once
      return seeOther(reply, `${BASE}/registrierung/status`);
      });
    }
    const registration = await currentRegistration(request);
    if (!registration) return sendHtml(reply, <SessionNeededPage chrome={chrome} csrf={csrf(request, reply)} />, 401);
    const access = await accessOf(registration);
    if (access.kind === 'done') return sendHtml(reply, <RegistrationDonePage chrome={chrome} />);
    if (access.kind === 'reset') return sendHtml(reply, <ResetStatusPage chrome={chrome} brand={config.INSURER_BRAND} reset={access.reset} />);
    return sendHtml(reply, <StatusPage chrome={chrome} brand={config.INSURER_BRAND} registration={registration} />);
  });

  await registrationStepRoutes(app, deps, portal, registrations, files, sessionAccess);
  return { registrations };
}
