import Html from '@kitajs/html';
import { currentPage } from '../../core/i18n/locale.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import { AppError, type ErrorCode } from '../../core/errors/app-error.ts';
import { t } from '../../core/i18n/de.ts';
import { emailField, formBody } from '../../core/http/forms.ts';
import { seeOther, sendHtml } from '../../core/http/render.ts';
import { ConsentPage } from '../../core/ui/consent-page.tsx';
import { registrationsOf } from './for-portal.ts';
import { createRegistrationFiles } from './files.ts';
import { readMultipart } from '../../core/http/multipart.ts';
import type { PortalDefinition } from '../../core/portal/definition.ts';
import { ActivationCodePage, DeviceDownloadPage, DeviceIntroPage, DeviceNotYetActivatedPage, RegistrationDonePage } from './pages/device.tsx';
import { CancelResetPage, ResetStatusPage } from './pages/device-reset.tsx';
import type { DeviceResetView } from '../devices/device-reset.ts';
import type { RegistrationView } from './service.ts';
import { parseRegistrationForm } from './form.ts';
import {
  CertificatePage,
  CompletionPage,
  ConfirmEmailNoticePage,
  FileList,
  EmailConfirmedPage,
  LinkProblemPage,
  RegistrationFormPage,
  ResendPage,
  SessionNeededPage,
  StatusPage,
  uploadedMessage,
} from './pages/wizard.tsx';

const RESEND_LIMIT_IP = { points: 10, windowMs: 3_600_000 };
const RESEND_LIMIT_EMAIL = { points: 3, windowMs: 3_600_000 };
const REGISTER_LIMIT_IP = { points: 20, windowMs: 3_600_000 };
const UPLOAD_LIMIT_IP = { points: 30, windowMs: 3_600_000 };
const CANCEL_LIMIT_IP = { points: 30, windowMs: 3_600_000 };

/**
 * What a registration-bound session may still do: the steps of an unfinished registration
 * (account not yet activated by staff), the steps of a running device reset, or nothing.
 */
type Access = { kind: 'registration'; accountId: string } | { kind: 'reset'; accountId: string; reset: DeviceResetView } | { kind: 'done'; accountId: string };

/**
 * The administrator's registration in four steps (Persönliche Daten → Arbeitgeberbescheinigung →
 * Geräteregistrierung → Abschluss), the same for every portal; the portal brings its company
 * fields, words, certificate and mails.
 */
export async function registrationRoutes(app: FastifyInstance, deps: PlatformDeps, portal: PortalDefinition) {
  const { config, sessions, rateLimiter } = deps;
  const { chrome, base: BASE, key: PORTAL } = portal;
  const registrations = registrationsOf(deps, portal);
  const files = createRegistrationFiles({ db: deps.db, clock: deps.clock, audit: deps.audit, key: deps.fileKey });
  const csrf = (request: FastifyRequest, reply: FastifyReply) => sessions.csrfToken(request, reply);

  /** The registration this browser continues: set by the confirmation or the status link. */
  async function currentRegistration(request: FastifyRequest) {
    const session = await sessions.load(request);
    if (!session || session.portal !== PORTAL || !session.registrationId) return null;
    try {
      return await registrations.view(session.registrationId);
    } catch (error) {
      if (error instanceof AppError && error.code === 'registration.not_found') return null;
      throw error;
    }
  }

  for (const doc of [portal.consents.terms, portal.consents.privacy]) {
    app.get(`${BASE}/${doc.id}`, async (_request, reply) => sendHtml(reply, <ConsentPage chrome={chrome} document={doc} />));
  }

  // Step 1 "Persönliche Daten": a flow per form, so a double submit registers once.
  app.get(`${BASE}/registrierung`, async (request, reply) => {
    const flowId = (request.query as Record<string, unknown>).flow;
    if (flowId === undefined) {
      const flow = await registrations.startForm();
      return seeOther(reply, `${BASE}/registrierung?flow=${flow.id}`);
    }
    const flow = await loadFormOrRestart(flowId, reply);
    if (!flow) return reply;
    if (flow.state === 'submitted') return seeOther(reply, `${BASE}/registrierung/email-bestaetigen?flow=${flow.id}`);
    const expired = (request.query as Record<string, unknown>).abgelaufen === '1';
    return sendHtml(reply, <RegistrationFormPage chrome={chrome} csrf={csrf(request, reply)} flowId={flow.id} company={portal.company} consents={portal.consents} expired={expired} />);
  });

  async function loadFormOrRestart(flowId: unknown, reply: FastifyReply) {
    try {
      return await registrations.loadForm(flowId);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'flow.expired') throw error;
      // an expired form is replaced, never a dead end
      const flow = await registrations.startForm();
      seeOther(reply, `${BASE}/registrierung?flow=${flow.id}&abgelaufen=1`);
      return null;
    }
  }

  app.post(`${BASE}/registrierung`, async (request, reply) => {
    const flowId = (request.query as Record<string, unknown>).flow;
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
    const flow = await registrations.loadForm((request.query as Record<string, unknown>).flow);
    if (flow.state !== 'submitted') return seeOther(reply, `${BASE}/registrierung?flow=${flow.id}`);
    const email = typeof flow.data.email === 'string' ? flow.data.email : '';
    return sendHtml(reply, <ConfirmEmailNoticePage chrome={chrome} csrf={csrf(request, reply)} email={email} />);
  });

  app.post(`${BASE}/registrierung/bestaetigungsmail`, async (request, reply) => {
    const body = formBody(request.body);
    const email = emailField(body.email);
    if (!email.ok) {
      return sendHtml(
        reply,
        <ResendPage chrome={chrome} csrf={csrf(request, reply)} email={(body.email ?? '').slice(0, 254)} error={email.code} />,
        422,
      );
    }
    await rateLimiter.enforce(`resend:ip:${request.ip}`, RESEND_LIMIT_IP);
    await rateLimiter.enforce(`resend:email:${email.value.toLowerCase()}`, RESEND_LIMIT_EMAIL);
    await registrations.resendConfirmation(email.value, request.ip);
    return sendHtml(reply, <ConfirmEmailNoticePage chrome={chrome} csrf={csrf(request, reply)} email={email.value} resent />);
  });

  app.get(`${BASE}/registrierung/bestaetigung`, async (request, reply) => {
    try {
      const registrationId = await registrations.confirmEmail((request.query as Record<string, unknown>).token, request.ip);
      await sessions.bind(request, reply, { portal: PORTAL, accountId: null, registrationId });
      return sendHtml(reply, <EmailConfirmedPage chrome={chrome} />);
    } catch (error) {
      if (error instanceof AppError && error.code.startsWith('token.')) {
        return sendHtml(reply, <LinkProblemPage chrome={chrome} csrf={csrf(request, reply)} code={error.code} />, error.status);
      }
      throw error;
    }
  });

  async function accessOf(registration: RegistrationView): Promise<Access> {
    const accountId = await accountOf(registration.id);
    const reset = await deps.deviceResets.open(accountId);
    if (reset) return { kind: 'reset', accountId, reset };
    if (registration.account.status === 'pending') return { kind: 'registration', accountId };
    return { kind: 'done', accountId };
  }

  app.get(`${BASE}/registrierung/status`, async (request, reply) => {
    const token = (request.query as Record<string, unknown>).token;
    if (token !== undefined) {
      try {
        const link = await registrations.openStatus(token);
        const access = await accessOf(await registrations.view(link.registrationId));
        // after staff activation the first mail's link opens nothing; a device reset continues only
        // through a link issued for it (the decision mail), never through an older one
        const continues = access.kind === 'registration' ? !link.forReset : access.kind === 'reset' && link.forReset && !link.spent;
        if (!continues) return sendHtml(reply, <RegistrationDonePage chrome={chrome} />);
        await sessions.bind(request, reply, { portal: PORTAL, accountId: null, registrationId: link.registrationId });
        // the secret leaves the address bar at once
        return seeOther(reply, `${BASE}/registrierung/status`);
      } catch (error) {
        if (error instanceof AppError && error.code.startsWith('token.')) {
          return sendHtml(reply, <LinkProblemPage chrome={chrome} csrf={csrf(request, reply)} code={error.code} />, error.status);
        }
        throw error;
      }
    }
    const registration = await currentRegistration(request);
    if (!registration) return sendHtml(reply, <SessionNeededPage chrome={chrome} csrf={csrf(request, reply)} />, 401);
    const access = await accessOf(registration);
    if (access.kind === 'done') return sendHtml(reply, <RegistrationDonePage chrome={chrome} />);
    if (access.kind === 'reset') return sendHtml(reply, <ResetStatusPage chrome={chrome} brand={config.INSURER_BRAND} reset={access.reset} />);
    return sendHtml(reply, <StatusPage chrome={chrome} brand={config.INSURER_BRAND} registration={registration} />);
  });

  async function accountOf(registrationId: string): Promise<string> {
    return (await deps.db.selectFrom('registrations').select('account_id').where('id', '=', registrationId).executeTakeFirstOrThrow()).account_id;
  }

  /**
   * Steps after the confirmation need the confirmed registration of this browser, and a reason to
   * continue: an unfinished registration, or a running device reset (its device steps only once
   * staff approved it). A finished registration grants nothing.
   */
  async function confirmedRegistration(request: FastifyRequest, reply: FastifyReply, step: 'certificate' | 'device' = 'certificate') {
    const registration = await currentRegistration(request);
    if (!registration) {
      await sendHtml(reply, <SessionNeededPage chrome={chrome} csrf={csrf(request, reply)} />, 401);
      return null;
    }
    const access = await accessOf(registration);
    if (access.kind === 'done') {
      await sendHtml(reply, <RegistrationDonePage chrome={chrome} />, 403);
      return null;
    }
    if (!registration.steps.email_confirmed) throw new AppError('registration.step_open', 409);
    // during a device reset a new device only after the insurer's check
    if (step === 'device' && access.kind === 'reset' && access.reset.status !== 'approved') throw new AppError('device_reset.pending', 409);
    return Object.assign(registration, { access });
  }

  app.get(`${BASE}/registrierung/bescheinigung`, async (request, reply) => {
    const registration = await confirmedRegistration(request, reply);
    if (!registration) return reply;
    const q = request.query as Record<string, unknown>;
    const uploaded = q.hochgeladen === '1' ? 1 : q.hochgeladen === '2' ? 2 : undefined;
    return sendHtml(
      reply,
      <CertificatePage chrome={chrome} csrf={csrf(request, reply)} files={await files.list(registration.id)} uploaded={uploaded} deleted={q.geloescht === '1'} />,
    );
  });

  app.get(`${BASE}/registrierung/bescheinigung.pdf`, async (request, reply) => {
    const registration = await confirmedRegistration(request, reply);
    if (!registration) return reply;
    const pdf = await portal.certificate(registration, deps.clock.now());
    await registrations.markStep(registration.id, 'certificate_downloaded');
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${portal.certificateFileName(registration.identifier)}"`)
      .header('cache-control', 'no-store')
      .send(Buffer.from(pdf));
  });

  /**
   * The certificate form (manual 000 step 7, 002 §2.2). "Hochladen" stores the chosen files and shows
   * the page again; "Weiter" stores them too (none, if none was chosen: the certificate may follow
   * later) and goes on to the device step. A refused file keeps the user on the page with the message
   * at the field, and nothing is stored. The page script asks for JSON: the message, or the new list.
   */
  app.post(`${BASE}/registrierung/bescheinigung/upload`, { config: { uploads: true } }, async (request, reply) => {
    const registration = await confirmedRegistration(request, reply);
    if (!registration) return reply;
    await rateLimiter.enforce(`upload:ip:${request.ip}`, UPLOAD_LIMIT_IP);
    const form = await readMultipart(request, sessions);
    const json = String(request.headers.accept ?? '').includes('application/json');
    const onward = form.fields.aktion === 'weiter';
    const refuse = async (code: ErrorCode) => {
      const status = code === 'upload.too_large' ? 413 : 422;
      if (json) return reply.code(status).header('cache-control', 'no-store').send({ error: code, message: t(code) });
      return sendHtml(reply, <CertificatePage chrome={chrome} csrf={csrf(request, reply)} files={await files.list(registration.id)} error={code} />, status);
    };
    if (form.tooLarge) return refuse('upload.too_large');
    if (form.files.length > 0 || !onward) {
      try {
        await files.add(registration.id, form.files, request.ip);
      } catch (error) {
        if (error instanceof AppError && error.code.startsWith('upload.')) return refuse(error.code);
        throw error;
      }
    }
    if (onward) {
      // a device reset goes on with its new device only once the insurer has approved it
      const waiting = registration.access.kind === 'reset' && registration.access.reset.status !== 'approved';
      return seeOther(reply, `${BASE}/registrierung/${waiting ? 'status' : 'geraet'}`);
    }
    if (json) {
      const list = await (<FileList base={BASE} files={await files.list(registration.id)} deleteLabel={chrome.registration?.certificate.deleteLabel} />);
      return reply.header('cache-control', 'no-store').send({ message: uploadedMessage(form.files.length), list });
    }
    return seeOther(reply, `${BASE}/registrierung/bescheinigung?hochgeladen=${form.files.length}`);
  });

  app.post(`${BASE}/registrierung/bescheinigung/dateien/:fileId/loeschen`, async (request, reply) => {
    const registration = await confirmedRegistration(request, reply);
    if (!registration) return reply;
    await files.remove(registration.id, (request.params as { fileId: string }).fileId, request.ip);
    return seeOther(reply, `${BASE}/registrierung/bescheinigung?geloescht=1`);
  });

  // Step "Geräteregistrierung" (manual 000 steps 8–10) and "Abschluss" (step 13)
  const brand = config.INSURER_BRAND;
  app.get(`${BASE}/registrierung/geraet`, async (request, reply) => {
    if (!(await confirmedRegistration(request, reply, 'device'))) return reply;
    return sendHtml(reply, <DeviceIntroPage chrome={chrome} />);
  });

  app.get(`${BASE}/registrierung/geraet/app`, async (request, reply) => {
    if (!(await confirmedRegistration(request, reply, 'device'))) return reply;
    return sendHtml(reply, <DeviceDownloadPage chrome={chrome} brand={brand} />);
  });

  // Opening the page makes no code; the button (POST, CSRF) does, and only while no device is in use.
  const codePage = (request: FastifyRequest, reply: FastifyReply, email: string, code: string | null, registered: boolean, status = 200) =>
    sendHtml(
      reply,
      <ActivationCodePage chrome={chrome} brand={brand} csrf={csrf(request, reply)} action={`${BASE}/registrierung/geraet/aktivierungscode`} email={email} code={code} registered={registered} />,
      status,
    );

  app.get(`${BASE}/registrierung/geraet/aktivierungscode`, async (request, reply) => {
    const registration = await confirmedRegistration(request, reply, 'device');
    if (!registration) return reply;
    return codePage(request, reply, registration.account.email, null, await deps.devices.hasDeviceInUse(registration.access.accountId));
  });

  app.post(`${BASE}/registrierung/geraet/aktivierungscode`, async (request, reply) => {
    const registration = await confirmedRegistration(request, reply, 'device');
    if (!registration) return reply;
    const { accountId } = registration.access;
    if (await deps.devices.hasDeviceInUse(accountId)) return codePage(request, reply, registration.account.email, null, true, 409);
    const code = await deps.devices.issueActivationCode(accountId, registration.id);
    await deps.audit.record({ actor: `account:${accountId}`, action: 'device.activation_code_issued', subject: accountId, ip: request.ip });
    return codePage(request, reply, registration.account.email, code, false);
  });

  app.get(`${BASE}/registrierung/abschluss`, async (request, reply) => {
    const registration = await currentRegistration(request);
    // a device reset that ended with the new device, like a registration staff activated, ends here
    if (registration && (await accessOf(registration)).kind === 'done') return sendHtml(reply, <RegistrationDonePage chrome={chrome} />);
    const confirmed = await confirmedRegistration(request, reply, 'device');
    if (!confirmed) return reply;
    if (confirmed.access.kind === 'reset') return sendHtml(reply, <DeviceNotYetActivatedPage chrome={chrome} brand={brand} />, 409);
    return sendHtml(reply, <CompletionPage chrome={chrome} brand={brand} registration={confirmed} />);
  });

  // The holder's link from the mail "Zurücksetzung beantragt – waren Sie das nicht?": the page
  // shows what it finds, only the button (POST, CSRF) cancels.
  app.get(`${BASE}/geraet-zuruecksetzen/abbrechen`, async (request, reply) => {
    await rateLimiter.enforce(`reset-cancel:ip:${request.ip}`, CANCEL_LIMIT_IP);
    const token = (request.query as Record<string, unknown>).token;
    try {
      const state = await deps.deviceResets.cancelState(token);
      return sendHtml(reply, <CancelResetPage chrome={chrome} csrf={csrf(request, reply)} brand={brand} token={String(token)} state={state} />, state === 'decided' ? 409 : 200);
    } catch (error) {
      if (error instanceof AppError && error.code.startsWith('token.')) {
        return sendHtml(reply, <LinkProblemPage chrome={chrome} csrf={csrf(request, reply)} code={error.code} />, error.status);
      }
      throw error;
    }
  });

  app.post(`${BASE}/geraet-zuruecksetzen/abbrechen`, async (request, reply) => {
    await rateLimiter.enforce(`reset-cancel:ip:${request.ip}`, CANCEL_LIMIT_IP);
    const token = formBody(request.body).token;
    try {
      const state = await deps.deviceResets.cancel(token, request.ip);
      return sendHtml(reply, <CancelResetPage chrome={chrome} csrf={csrf(request, reply)} brand={brand} token="" state={state} />, state === 'decided' ? 409 : 200);
    } catch (error) {
      if (error instanceof AppError && error.code.startsWith('token.')) {
        return sendHtml(reply, <LinkProblemPage chrome={chrome} csrf={csrf(request, reply)} code={error.code} />, error.status);
      }
      throw error;
    }
  });

  return { registrations };
}
