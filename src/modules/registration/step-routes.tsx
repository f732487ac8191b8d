import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import { AppError, type ErrorCode } from '../../core/errors/app-error.ts';
import { t } from '../../core/i18n/de.ts';
import { input, parseForm, parseQuery } from '../../core/http/input.ts';
import { readMultipart } from '../../core/http/multipart.ts';
import { seeOther, sendHtml } from '../../core/http/render.ts';
import type { CertifiedPortal } from '../../core/portal/definition.ts';
import { ActivationCodePage, DeviceDownloadPage, DeviceIntroPage, DeviceNotYetActivatedPage, RegistrationDonePage } from './pages/device.tsx';
import { CancelResetPage } from './pages/device-reset.tsx';
import { CertificatePage, CompletionPage, FileList, uploadedMessage } from './pages/wizard.tsx';
import { orLinkProblem, type registrationAccess } from './access.tsx';
import type { registrationsOf } from './for-portal.ts';
import type { createRegistrationFiles } from './files.ts';

const UPLOAD_LIMIT_IP = { points: 30, windowMs: 3_600_000 };
const CANCEL_LIMIT_IP = { points: 30, windowMs: 3_600_000 };

/** What the certificate page says after a redirect: how many files were stored, or that one was deleted. */
const CERTIFICATE_QUERY = { hochgeladen: input.one, geloescht: input.flag };

/**
 * The steps after the e-mail confirmation: "Arbeitgeberbescheinigung" (download, upload, delete),
 * "Geräteregistrierung" (manual 000 steps 8–10), "Abschluss" (step 13), and the holder's cancelling
 * of a device reset from its mail.
 */
export async function registrationStepRoutes(
  app: FastifyInstance,
  deps: PlatformDeps,
  portal: CertifiedPortal,
  registrations: ReturnType<typeof registrationsOf>,
  files: ReturnType<typeof createRegistrationFiles>,
  access: ReturnType<typeof registrationAccess>,
) {
  const { config, sessions, rateLimiter } = deps;
  const { chrome, base: BASE } = portal;
  const brand = config.INSURER_BRAND;
  const csrf = (request: FastifyRequest, reply: FastifyReply) => sessions.csrfToken(request, reply);
  const { certificateStep, deviceStep } = access;

  app.get(`${BASE}/registrierung/bescheinigung`, { preHandler: certificateStep }, async (request, reply) => {
    const q = parseQuery(request, CERTIFICATE_QUERY);
    const uploaded = q.hochgeladen === '1' ? 1 : q.hochgeladen === '2' ? 2 : undefined;
    return sendHtml(
      reply,
      <CertificatePage chrome={chrome} csrf={csrf(request, reply)} files={await files.list(request.registration.id)} uploaded={uploaded} deleted={q.geloescht === true} />,
    );
  });

  app.get(`${BASE}/registrierung/bescheinigung.pdf`, { preHandler: certificateStep }, async (request, reply) => {
    const { registration } = request;
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
  app.post(`${BASE}/registrierung/bescheinigung/upload`, { config: { uploads: true }, preHandler: certificateStep }, async (request, reply) => {
    const { registration } = request;
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

  app.post(`${BASE}/registrierung/bescheinigung/dateien/:fileId/loeschen`, { preHandler: certificateStep }, async (request, reply) => {
    await files.remove(request.registration.id, (request.params as { fileId: string }).fileId, request.ip);
    return seeOther(reply, `${BASE}/registrierung/bescheinigung?geloescht=1`);
  });

  app.get(`${BASE}/registrierung/geraet`, { preHandler: deviceStep }, async (_request, reply) => sendHtml(reply, <DeviceIntroPage chrome={chrome} />));

  app.get(`${BASE}/registrierung/geraet/app`, { preHandler: deviceStep }, async (_request, reply) => sendHtml(reply, <DeviceDownloadPage chrome={chrome} brand={brand} />));

  // Opening the page makes no code; the button (POST, CSRF) does, and only while no device is in use.
  const codePage = (request: FastifyRequest, reply: FastifyReply, code: string | null, registered: boolean, status = 200) =>
    sendHtml(
      reply,
      <ActivationCodePage
        chrome={chrome}
        brand={brand}
        csrf={csrf(request, reply)}
        action={`${BASE}/registrierung/geraet/aktivierungscode`}
        email={request.registration.account.email}
        code={code}
        registered={registered}
      />,
      status,
    );

  app.get(`${BASE}/registrierung/geraet/aktivierungscode`, { preHandler: deviceStep }, async (request, reply) =>
    codePage(request, reply, null, await deps.devices.hasDeviceInUse(request.registration.access.accountId)),
  );

  app.post(`${BASE}/registrierung/geraet/aktivierungscode`, { preHandler: deviceStep }, async (request, reply) => {
    const { registration } = request;
    const { accountId } = registration.access;
    if (await deps.devices.hasDeviceInUse(accountId)) return codePage(request, reply, null, true, 409);
    const code = await deps.devices.issueActivationCode(accountId, registration.id);
    await deps.audit.record({ actor: `account:${accountId}`, action: 'device.activation_code_issued', subject: accountId, ip: request.ip });
    return codePage(request, reply, code, false);
  });

  app.get(`${BASE}/registrierung/abschluss`, async (request, reply) => {
    const registration = await access.currentRegistration(request);
    // a device reset that ended with the new device, like a registration staff activated, ends here
    if (registration && (await access.accessOf(registration)).kind === 'done') return sendHtml(reply, <RegistrationDonePage chrome={chrome} />);
    const confirmed = await access.confirmedRegistration(request, reply, 'device');
    if (!confirmed) return reply;
    if (confirmed.access.kind === 'reset') return sendHtml(reply, <DeviceNotYetActivatedPage chrome={chrome} brand={brand} />, 409);
    return sendHtml(reply, <CompletionPage chrome={chrome} brand={brand} registration={confirmed} />);
  });

  // The holder's link from the mail "Zurücksetzung beantragt – waren Sie das nicht?": the page
  // shows what it finds, only the button (POST, CSRF) cancels.
  app.get(`${BASE}/geraet-zuruecksetzen/abbrechen`, async (request, reply) => {
    await rateLimiter.enforce(`reset-cancel:ip:${request.ip}`, CANCEL_LIMIT_IP);
    const { token } = parseQuery(request, { token: input.one });
    return orLinkProblem(request, reply, deps, chrome, async () => {
      const state = await deps.deviceResets.cancelState(token);
      return sendHtml(reply, <CancelResetPage chrome={chrome} csrf={csrf(request, reply)} brand={brand} token={String(token)} state={state} />, state === 'decided' ? 409 : 200);
    });
  });

  app.post(`${BASE}/geraet-zuruecksetzen/abbrechen`, async (request, reply) => {
    await rateLimiter.enforce(`reset-cancel:ip:${request.ip}`, CANCEL_LIMIT_IP);
    const { token } = parseForm(request, { token: input.one }).values;
    return orLinkProblem(request, reply, deps, chrome, async () => {
      const state = await deps.deviceResets.cancel(token, request.ip);
      return sendHtml(reply, <CancelResetPage chrome={chrome} csrf={csrf(request, reply)} brand={brand} token="" state={state} />, state === 'decided' ? 409 : 200);
    });
  });
}
