import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { guard } from '../../core/http/guards.ts';
import { input, parseForm, parseQuery } from '../../core/http/input.ts';
import { defineNotices } from '../../core/http/notices.ts';
import { t } from '../../core/i18n/de.ts';
import { seeOther, sendHtml } from '../../core/http/render.ts';
import type { PortalDefinition } from '../../core/portal/definition.ts';
import { LoginPage, SecurityCodePage } from './pages.tsx';
import { DeviceResetRequestPage } from '../registration/pages/device-reset.tsx';
import { deviceResetRequestedMail } from '../registration/mails.ts';

/** Why the login page was opened again: its sentences are the catalogue's for these codes. */
export const loginNotices = defineNotices('login', {
  'login.code_expired': t('login.code_expired'),
  'login.code_too_many': t('login.code_too_many'),
  'flow.expired': t('flow.expired'),
  'login.required': t('login.required'),
});
type LoginNotice = (typeof loginNotices.codes)[number];
type LoginFlow = Awaited<ReturnType<PlatformDeps['login']['load']>>;

declare module '../../core/http/guards.ts' {
  interface Guarded {
    /** the login this page continues (`?flow=`); an expired one was replaced by a fresh login */
    loginFlow: LoginFlow;
  }
}

/** Manual 001: Login → Eingabe Sicherheitscode → Startseite; Abmelden. */
export async function loginRoutes(app: FastifyInstance, deps: PlatformDeps, portal: PortalDefinition) {
  const { chrome, base: BASE, key: PORTAL } = portal;
  const { login, sessions, config } = deps;
  const csrf = (request: FastifyRequest, reply: FastifyReply) => sessions.csrfToken(request, reply);
  const brand = config.INSURER_BRAND;

  async function restart(reply: FastifyReply, notice: LoginNotice) {
    const flow = await login.start(PORTAL);
    return seeOther(reply, loginNotices.after(`${BASE}/login?flow=${flow.id}`, notice));
  }

  async function loadOrRestart(flowId: unknown, reply: FastifyReply) {
    const { flow, replaced } = await login.loadOrReplace(flowId, PORTAL);
    if (!replaced) return flow;
    await seeOther(reply, loginNotices.after(`${BASE}/login?flow=${flow.id}`, replaced));
    return null;
  }
  const withFlow = guard('loginFlow', (request, reply) => loadOrRestart(parseQuery(request, { flow: input.one }).flow, reply));

  app.get(`${BASE}/login`, async (request, reply) => {
    const q = parseQuery(request, { flow: input.one });
    if (q.flow === undefined) {
      const flow = await login.start(PORTAL);
      return seeOther(reply, `${BASE}/login?flow=${flow.id}`);
    }
    const flow = await loadOrRestart(q.flow, reply);
    if (!flow) return reply;
    if (flow.state === 'code') return seeOther(reply, `${BASE}/login/sicherheitscode?flow=${flow.id}`);
    if (flow.state !== 'credentials') return restart(reply, 'flow.expired');
    return sendHtml(reply, <LoginPage chrome={chrome} csrf={csrf(request, reply)} flowId={flow.id} notice={loginNotices.read(request)} />);
  });

  app.post(`${BASE}/login`, { preHandler: withFlow }, async (request, reply) => {
    const flow = request.loginFlow;
    const { email, password } = parseForm(request, { email: input.raw(254), password: input.raw(1024) }).values;
    try {
      const next = await login.submitPassword(flow, email ?? '', password ?? '', request.ip);
      return seeOther(reply, `${BASE}/login/sicherheitscode?flow=${next.id}`);
    } catch (error) {
      if (error instanceof AppError && error.code.startsWith('login.')) {
        return sendHtml(reply, <LoginPage chrome={chrome} csrf={csrf(request, reply)} flowId={flow.id} email={email ?? ''} error={error.code} />, error.status);
      }
      throw error;
    }
  });

  app.get(`${BASE}/login/sicherheitscode`, { preHandler: withFlow }, async (request, reply) => {
    const flow = request.loginFlow;
    if (flow.state !== 'code') return restart(reply, 'flow.expired');
    return sendHtml(reply, <SecurityCodePage chrome={chrome} brand={brand} csrf={csrf(request, reply)} flowId={flow.id} />);
  });

  app.post(`${BASE}/login/sicherheitscode`, { preHandler: withFlow }, async (request, reply) => {
    const flow = request.loginFlow;
    const { code } = parseForm(request, { code: input.raw(20) }).values;
    try {
      const { accountId } = await login.submitCode(flow, code ?? '', request.ip);
      // a new session id at login: nothing from before the login carries over
      await sessions.bind(request, reply, { portal: PORTAL, accountId, registrationId: null });
      return seeOther(reply, `${BASE}/startseite`);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === 'login.code_wrong') {
        return sendHtml(
          reply,
          <SecurityCodePage chrome={chrome} brand={brand} csrf={csrf(request, reply)} flowId={flow.id} error={error.code} attemptsLeft={error.details.attemptsLeft} />,
          422,
        );
      }
      if (error.code === 'login.code_expired' || error.code === 'login.code_too_many' || error.code === 'flow.expired') return restart(reply, error.code);
      throw error;
    }
  });

  app.get(`${BASE}/geraet-zuruecksetzen`, { preHandler: withFlow }, async (request, reply) => {
    const flow = request.loginFlow;
    if (flow.state !== 'code') return restart(reply, 'flow.expired');
    return sendHtml(reply, <DeviceResetRequestPage chrome={chrome} csrf={csrf(request, reply)} flowId={flow.id} brand={brand} />);
  });

  app.post(`${BASE}/geraet-zuruecksetzen`, { preHandler: withFlow }, async (request, reply) => {
    const flow = request.loginFlow;
    const registration = flow.data.accountId
      ? await deps.db.selectFrom('registrations').select('id').where('account_id', '=', flow.data.accountId).executeTakeFirst()
      : undefined;
    // an invited user has no registration of their own: their administrator resets the device
    if (flow.state === 'code' && !registration) throw new AppError('device_reset.ask_admin', 409);
    const { accountId } = await login.startDeviceReset(flow);
    // the password alone only records the request: the holder is told at once and may cancel
    await deps.deviceResets.request(accountId, request.ip, {
      mailer: deps.mailer,
      mail: (cancelLink) => deviceResetRequestedMail(portal.words, { cancelLink, passwordUrl: portal.url('/passwort-vergessen') }),
      link: (token) => portal.url(`/geraet-zuruecksetzen/abbrechen?token=${token}`),
    });
    // the reset continues on the status page, with its own session (no login without a device)
    await sessions.bind(request, reply, { portal: PORTAL, accountId: null, registrationId: registration!.id });
    return seeOther(reply, `${BASE}/registrierung/status`);
  });

  app.post(`${BASE}/abmelden`, async (request, reply) => {
    await sessions.end(request, reply);
    return seeOther(reply, `${BASE}/`);
  });

  return {
    /** The signed-in account of this portal, or null after sending the browser to the login. */
    async requireAccount(request: FastifyRequest, reply: FastifyReply): Promise<string | null> {
      const session = await sessions.load(request);
      if (session && session.portal === PORTAL && session.accountId) return session.accountId;
      await restart(reply, 'login.required');
      return null;
    },
  };
}
