import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { input, parseForm, parseQuery } from '../../core/http/input.ts';
import { seeOther, sendHtml } from '../../core/http/render.ts';
import type { PortalDefinition } from '../../core/portal/definition.ts';
import { passwordResetLockedMail, passwordResetMail, passwordResetNoAccountMail } from '../registration/mails.ts';
import { LinkProblemPage } from '../registration/pages/wizard.tsx';
import { SecurityCodePage } from '../login/pages.tsx';
import { ForgotPasswordPage, NewPasswordPage, PasswordChangedPage } from './pages.tsx';

/** "Passwort vergessen?": request → mail link → new password → security code → done. */
export async function passwordRoutes(app: FastifyInstance, deps: PlatformDeps, portal: PortalDefinition) {
  const { chrome, base: BASE, key: PORTAL } = portal;
  const { passwordReset, sessions, config } = deps;
  const csrf = (request: FastifyRequest, reply: FastifyReply) => sessions.csrfToken(request, reply);
  const brand = config.INSURER_BRAND;
  const flowOf = (request: FastifyRequest) => parseQuery(request, { flow: input.one }).flow;

  app.get(`${BASE}/passwort-vergessen`, async (request, reply) => sendHtml(reply, <ForgotPasswordPage chrome={chrome} csrf={csrf(request, reply)} />));

  app.post(`${BASE}/passwort-vergessen`, async (request, reply) => {
    const { values, errors, body } = parseForm(request, { email: input.email });
    const email = values.email;
    if (email === undefined) {
      return sendHtml(reply, <ForgotPasswordPage chrome={chrome} csrf={csrf(request, reply)} email={(body.email ?? '').slice(0, 254)} error={errors.email} />, 422);
    }
    await passwordReset.request(
      PORTAL,
      email,
      {
        reset: (link) => passwordResetMail(portal.words, { link }),
        locked: () => passwordResetLockedMail(portal.words),
        noAccount: () => passwordResetNoAccountMail(portal.words, { registerUrl: `${config.publicUrl}${BASE}/registrierung` }),
      },
      (token) => `${config.publicUrl}${BASE}/passwort-zuruecksetzen?token=${token}`,
      request.ip,
    );
    return sendHtml(reply, <ForgotPasswordPage chrome={chrome} csrf={csrf(request, reply)} email={email} sent />);
  });

  app.get(`${BASE}/passwort-zuruecksetzen`, async (request, reply) => {
    const q = parseQuery(request, { token: input.one, flow: input.one });
    if (q.token !== undefined) {
      try {
        const flow = await passwordReset.open(PORTAL, q.token);
        return seeOther(reply, `${BASE}/passwort-zuruecksetzen?flow=${flow.id}`);
      } catch (error) {
        if (error instanceof AppError && error.code.startsWith('token.')) {
          return sendHtml(reply, <LinkProblemPage chrome={chrome} csrf={csrf(request, reply)} code={error.code} />, error.status);
        }
        throw error;
      }
    }
    const flow = await passwordReset.load(q.flow);
    if (flow.state === 'code') return seeOther(reply, `${BASE}/passwort-zuruecksetzen/sicherheitscode?flow=${flow.id}`);
    if (flow.state === 'done') return sendHtml(reply, <PasswordChangedPage chrome={chrome} />);
    if (flow.state !== 'password') throw new AppError('flow.expired', 410);
    return sendHtml(reply, <NewPasswordPage chrome={chrome} csrf={csrf(request, reply)} flowId={flow.id} />);
  });

  app.post(`${BASE}/passwort-zuruecksetzen`, async (request, reply) => {
    const flow = await passwordReset.load(flowOf(request));
    const { password, passwordRepeat } = parseForm(request, { password: input.raw(1024), passwordRepeat: input.raw(1024) }).values;
    try {
      const next = await passwordReset.setPassword(flow, password ?? '', passwordRepeat ?? '', request.ip);
      if (next.state === 'done') return seeOther(reply, `${BASE}/passwort-zuruecksetzen?flow=${next.id}`);
      return seeOther(reply, `${BASE}/passwort-zuruecksetzen/sicherheitscode?flow=${next.id}`);
    } catch (error) {
      if (error instanceof AppError && error.code === 'form.invalid') {
        return sendHtml(reply, <NewPasswordPage chrome={chrome} csrf={csrf(request, reply)} flowId={flow.id} errors={error.fields} />, 422);
      }
      throw error;
    }
  });

  app.get(`${BASE}/passwort-zuruecksetzen/sicherheitscode`, async (request, reply) => {
    const flow = await passwordReset.load(flowOf(request));
    if (flow.state !== 'code') throw new AppError('flow.expired', 410);
    return sendHtml(reply, <SecurityCodePage chrome={chrome} brand={brand} csrf={csrf(request, reply)} flowId={flow.id} action={`${BASE}/passwort-zuruecksetzen/sicherheitscode`} />);
  });

  app.post(`${BASE}/passwort-zuruecksetzen/sicherheitscode`, async (request, reply) => {
    const flow = await passwordReset.load(flowOf(request));
    const { code } = parseForm(request, { code: input.raw(20) }).values;
    try {
      await passwordReset.submitCode(flow, code ?? '', request.ip);
      await sessions.end(request, reply);
      return seeOther(reply, `${BASE}/passwort-zuruecksetzen?flow=${flow.id}`);
    } catch (error) {
      if (error instanceof AppError && error.code === 'login.code_wrong') {
        return sendHtml(
          reply,
          <SecurityCodePage chrome={chrome} brand={brand} csrf={csrf(request, reply)} flowId={flow.id} error={error.code} attemptsLeft={error.details.attemptsLeft} action={`${BASE}/passwort-zuruecksetzen/sicherheitscode`} />,
          422,
        );
      }
      throw error;
    }
  });
}
