import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import type { PortalDefinition } from '../../core/portal/definition.ts';
import type { ConsentDocument } from '../../core/consents/documents.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { formBody } from '../../core/http/forms.ts';
import { input, parseForm, parseQuery } from '../../core/http/input.ts';
import { seeOther, sendHtml } from '../../core/http/render.ts';
import { t } from '../../core/i18n/de.ts';
import { applicantRegistrationFlow, employerRegistrationFlow } from './flows.ts';
import { keptContact, parseCompany, parsePerson } from './form.ts';
import { AlmostDonePage, ApplicantPage, ChoicePage, CompanyPage, ConfirmedPage, ContactPage, LinkProblemPage, ResendPage, type Consents } from './pages.tsx';
import type { JobmasterRegistration, RegistrationSite } from './service.ts';
import { chromeFor } from '../jobmaster-login/chrome.ts';

const REGISTER_LIMIT_IP = { points: 20, windowMs: 3_600_000 };
/** part 1 stores a flow row: limited too, more generously (corrections count) */
const COMPANY_LIMIT_IP = { points: 60, windowMs: 3_600_000 };
const RESEND_LIMIT_IP = { points: 10, windowMs: 3_600_000 };
const RESEND_LIMIT_EMAIL = { points: 3, windowMs: 3_600_000 };
const FORM_QUERY = { flow: input.one, abgelaufen: input.flag };

/** The Jobmaster's registration pages: the choice, Arbeitgeber in two parts, Bewerber, the link and the resend. */
export async function registrationRoutes(app: FastifyInstance, deps: PlatformDeps, portal: PortalDefinition, service: JobmasterRegistration) {
  const { sessions, rateLimiter, flows } = deps;
  const { chrome, base: BASE } = portal;
  const consents: Consents = { ...portal.consents, marketing: (portal.consents as { marketing?: ConsentDocument }).marketing };
  const site: RegistrationSite = {
    portal: portal.key,
    url: portal.url,
    consents: [portal.consents.privacy, portal.consents.terms].map((c) => ({ document: c.id, version: c.version })),
    marketing: consents.marketing && { document: consents.marketing.id, version: consents.marketing.version },
  };
  const csrf = (request: FastifyRequest, reply: FastifyReply) => sessions.csrfToken(request, reply);
  const EMPLOYER = `${BASE}/registrierung/arbeitgeber`;
  const CONTACT = `${EMPLOYER}/ansprechpartner`;
  const APPLICANT = `${BASE}/registrierung/bewerber`;
  const DONE = `${BASE}/registrierung/fast-geschafft`;

  // the start page links the choice for everybody: who is signed in keeps their header there
  const chromeOf = chromeFor(deps, portal);
  app.get(`${BASE}/registrierung`, async (request, reply) => sendHtml(reply, <ChoicePage chrome={await chromeOf(request)} />));

  // ---- Arbeitgeber, part 1 ----
  async function employerFlow(flowId: unknown, reply: FastifyReply, path: string) {
    const { flow, replaced } = await flows.loadOrReplace(employerRegistrationFlow, flowId, {});
    if (!replaced) return flow;
    seeOther(reply, `${path}?flow=${flow.id}&abgelaufen=1`);
    return null;
  }

  app.get(EMPLOYER, async (request, reply) => {
    const q = parseQuery(request, FORM_QUERY);
    if (q.flow === undefined) return seeOther(reply, `${EMPLOYER}?flow=${flows.draft(employerRegistrationFlow, {}).id}`);
    const flow = await employerFlow(q.flow, reply, EMPLOYER);
    if (!flow) return reply;
    if (flow.state === 'submitted') return seeOther(reply, DONE);
    return sendHtml(reply, <CompanyPage chrome={chrome} csrf={csrf(request, reply)} flowId={flow.id} values={flow.data.company as Record<string, string>} expired={q.abgelaufen ?? false} />);
  });

  app.post(EMPLOYER, async (request, reply) => {
    const flowId = parseQuery(request, FORM_QUERY).flow;
    await rateLimiter.enforce(`jobmaster-register-company:ip:${request.ip}`, COMPANY_LIMIT_IP);
    const parsed = parseCompany(formBody(request.body));
    const flow = await employerFlow(flowId, reply, EMPLOYER);
    if (!flow) return reply;
    if (flow.state === 'submitted') return seeOther(reply, DONE);
    if (!parsed.ok) return sendHtml(reply, <CompanyPage chrome={chrome} csrf={csrf(request, reply)} flowId={flow.id} values={parsed.values} errors={parsed.errors} />, 422);
    const data = { ...flow.data, company: parsed.value };
    await onConflictReload(reply, flow.id, () =>
      deps.db.transaction().execute((trx) =>
        flow.state === 'contact' ? flows.update(trx, employerRegistrationFlow, flow, data) : flows.transition(trx, employerRegistrationFlow, flow, 'contact', { data }),
      ),
    );
    if (reply.sent) return reply;
    return seeOther(reply, `${CONTACT}?flow=${flow.id}`);
  });

  /** Another tab moved the flow on: show where it stands now instead of an error. */
  async function onConflictReload(reply: FastifyReply, flowId: string, work: () => Promise<unknown>) {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'flow.conflict') throw error;
      const now = await flows.load(employerRegistrationFlow, flowId, {});
      seeOther(reply, now.state === 'submitted' ? DONE : now.state === 'contact' ? `${CONTACT}?flow=${flowId}` : `${EMPLOYER}?flow=${flowId}`);
    }
  }

  // ---- Arbeitgeber, part 2 ----
  app.get(CONTACT, async (request, reply) => {
    const flow = await employerFlow(parseQuery(request, FORM_QUERY).flow, reply, EMPLOYER);
    if (!flow) return reply;
    if (flow.state === 'submitted') return seeOther(reply, DONE);
    if (flow.state !== 'contact') return seeOther(reply, `${EMPLOYER}?flow=${flow.id}`);
    return sendHtml(reply, <ContactPage chrome={chrome} csrf={csrf(request, reply)} flowId={flow.id} consents={consents} values={flow.data.contact as Record<string, string>} />);
  });

  app.post(CONTACT, async (request, reply) => {
    const flowId = parseQuery(request, FORM_QUERY).flow;
    await rateLimiter.enforce(`jobmaster-register:ip:${request.ip}`, REGISTER_LIMIT_IP);
    const body = formBody(request.body);
    const flow = await employerFlow(flowId, reply, EMPLOYER);
    if (!flow) return reply;
    if (flow.state === 'submitted') return seeOther(reply, DONE);
    if (flow.state !== 'contact') return seeOther(reply, `${EMPLOYER}?flow=${flow.id}`);
    const parsed = parsePerson(body, { withContact: true });
    if (body.aktion === 'zurueck') {
      const data = { ...flow.data, contact: keptContact(parsed.values) };
      await onConflictReload(reply, flow.id, () => deps.db.transaction().execute((trx) => flows.transition(trx, employerRegistrationFlow, flow, 'company', { data })));
      if (reply.sent) return reply;
      return seeOther(reply, `${EMPLOYER}?flow=${flow.id}`);
    }
    if (!parsed.ok) return sendHtml(reply, <ContactPage chrome={chrome} csrf={csrf(request, reply)} flowId={flow.id} consents={consents} values={parsed.values} errors={parsed.errors} />, 422);
    const company = parseCompany({ ...flow.data.company } as Record<string, string>);
    if (!company.ok) return seeOther(reply, `${EMPLOYER}?flow=${flow.id}`);
    await onConflictReload(reply, flow.id, () => service.register(site, { def: employerRegistrationFlow, flow }, parsed.value, company.value, request.ip));
    if (reply.sent) return reply;
    return seeOther(reply, DONE);
  });

  // ---- Bewerber ----
  app.get(APPLICANT, async (request, reply) => {
    const q = parseQuery(request, FORM_QUERY);
    if (q.flow === undefined) return seeOther(reply, `${APPLICANT}?flow=${flows.draft(applicantRegistrationFlow, {}).id}`);
    const { flow, replaced } = await flows.loadOrReplace(applicantRegistrationFlow, q.flow, {});
    if (replaced) return seeOther(reply, `${APPLICANT}?flow=${flow.id}&abgelaufen=1`);
    if (flow.state === 'submitted') return seeOther(reply, DONE);
    return sendHtml(reply, <ApplicantPage chrome={chrome} csrf={csrf(request, reply)} flowId={flow.id} consents={consents} expired={q.abgelaufen ?? false} />);
  });

  app.post(APPLICANT, async (request, reply) => {
    const flowId = parseQuery(request, FORM_QUERY).flow;
    await rateLimiter.enforce(`jobmaster-register:ip:${request.ip}`, REGISTER_LIMIT_IP);
    const parsed = parsePerson(formBody(request.body), { withContact: false });
    const { flow, replaced } = await flows.loadOrReplace(applicantRegistrationFlow, flowId, {});
    if (replaced) return seeOther(reply, `${APPLICANT}?flow=${flow.id}&abgelaufen=1`);
    if (flow.state === 'submitted') return seeOther(reply, DONE);
    if (!parsed.ok) return sendHtml(reply, <ApplicantPage chrome={chrome} csrf={csrf(request, reply)} flowId={flow.id} consents={consents} values={parsed.values} errors={parsed.errors} />, 422);
    try {
      await service.register(site, { def: applicantRegistrationFlow, flow }, parsed.value, null, request.ip);
    } catch (error) {
      // the same form sent twice at once: the other request registered it
      if (!(error instanceof AppError) || error.code !== 'flow.conflict') throw error;
    }
    return seeOther(reply, DONE);
  });

  app.get(DONE, async (_request, reply) => sendHtml(reply, <AlmostDonePage chrome={chrome} />));

  // ---- the mailed link ----
  app.get(`${BASE}/registrierung/bestaetigung`, async (request, reply) => {
    try {
      const role = await service.confirm(site, parseQuery(request, { token: input.one }).token, request.ip);
      return sendHtml(reply, <ConfirmedPage chrome={chrome} role={role} />);
    } catch (error) {
      if (error instanceof AppError && error.code.startsWith('token.')) {
        return sendHtml(reply, <LinkProblemPage chrome={chrome} csrf={csrf(request, reply)} code={error.code} />, error.status);
      }
      throw error;
    }
  });

  // ---- "Bestätigungsmail nicht erhalten?" ----
  app.get(`${BASE}/bestaetigungsmail`, async (request, reply) => sendHtml(reply, <ResendPage chrome={chrome} csrf={csrf(request, reply)} />));

  app.post(`${BASE}/bestaetigungsmail`, async (request, reply) => {
    const { values, errors, body } = parseForm(request, { email: input.email });
    const email = values.email;
    if (email === undefined) {
      return sendHtml(reply, <ResendPage chrome={chrome} csrf={csrf(request, reply)} email={(body.email ?? '').slice(0, 254)} error={errors.email ? t(errors.email) : undefined} />, 422);
    }
    await rateLimiter.enforce(`jobmaster-resend:ip:${request.ip}`, RESEND_LIMIT_IP);
    await rateLimiter.enforce(`jobmaster-resend:email:${email.toLowerCase()}`, RESEND_LIMIT_EMAIL);
    await service.resend(site, email, request.ip);
    return sendHtml(reply, <ResendPage chrome={chrome} csrf={csrf(request, reply)} email={email} sent />);
  });
}
