import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { input, parseForm, parseQuery } from '../../core/http/input.ts';
import { localReturnPath } from '../../core/http/forms.ts';
import { seeOther, sendHtml } from '../../core/http/render.ts';
import type { PortalDefinition, PortalGuards } from '../../core/portal/definition.ts';
import { portalPreHandlers } from '../../core/portal/guards.ts';
import { loginNotices } from '../login/portal-routes.tsx';
import { createJobmasterLogin } from './service.ts';
import { jobmasterResetMail, jobmasterResetMails } from './mails.ts';
import { accountLinks } from './slots.ts';
import { chromeFor } from './chrome.ts';
import {
  AccountPage,
  ForgotPage,
  HistoryPage,
  JobmasterLoginPage,
  NotMeDonePage,
  PersonalDataPage,
  ResetDonePage,
  ResetPage,
  ResetProblemPage,
  signedInChrome,
} from './pages.tsx';

/** Manual 004: Login (e-mail and password), Mein Konto with Loginverlauf, Ausloggen, Passwort vergessen with the Kennwortfrage. */
export async function jobmasterLoginRoutes(app: FastifyInstance, deps: PlatformDeps, portal: PortalDefinition, guards: PortalGuards) {
  const { chrome, base: BASE, key: PORTAL } = portal;
  const { login, sessions, passwordReset, config } = deps;
  const service = createJobmasterLogin(deps, PORTAL);
  const csrf = (request: FastifyRequest, reply: FastifyReply) => sessions.csrfToken(request, reply);
  const signedIn = portalPreHandlers(guards).account;
  const brand = config.INSURER_BRAND;
  const resetLink = (token: string) => portal.url(`/passwort-zuruecksetzen?token=${token}`);
  const chromeOf = chromeFor(deps, portal);

  /** The signed-in account of this portal with its header, or a 404 when the account is gone. */
  async function accountOf(request: FastifyRequest) {
    const account = await service.account(request.accountId);
    if (!account) throw new AppError('request.not_found', 404);
    return { account, chrome: signedInChrome(chrome, account.role) };
  }

  /** Where a page sent the visitor to log in from (a posting to bookmark): a path of this portal, else none. */
  const returnPathOf = (request: FastifyRequest) => {
    const back = localReturnPath(parseQuery(request, { zurueck: input.one }).zurueck, '');
    return back.startsWith(`${BASE}/`) ? back : undefined;
  };
  const withBack = (path: string, back: string | undefined) => (back ? `${path}&zurueck=${encodeURIComponent(back)}` : path);

  // the login page keeps the platform's signed login drafts, so the guard's "?flow=…&hinweis=login.required" opens it
  app.get(`${BASE}/login`, async (request, reply) => {
    const q = parseQuery(request, { flow: input.one });
    const back = returnPathOf(request);
    if (q.flow === undefined) {
      const flow = await login.start(PORTAL);
      return seeOther(reply, withBack(`${BASE}/login?flow=${flow.id}`, back));
    }
    const { flow, replaced } = await login.loadOrReplace(q.flow, PORTAL);
    if (replaced || flow.state !== 'credentials') {
      const fresh = replaced ? flow : await login.start(PORTAL);
      return seeOther(reply, loginNotices.after(`${BASE}/login?flow=${fresh.id}`, 'flow.expired'));
    }
    return sendHtml(reply, <JobmasterLoginPage chrome={await chromeOf(request)} csrf={csrf(request, reply)} flowId={flow.id} notice={loginNotices.read(request)} back={back} />);
  });

  app.post(`${BASE}/login`, async (request, reply) => {
    const { flow, replaced } = await login.loadOrReplace(parseQuery(request, { flow: input.one }).flow, PORTAL);
    if (replaced || flow.state !== 'credentials') {
      const fresh = replaced ? flow : await login.start(PORTAL);
      return seeOther(reply, loginNotices.after(`${BASE}/login?flow=${fresh.id}`, 'flow.expired'));
    }
    const { email, password } = parseForm(request, { email: input.raw(254), password: input.raw(1024) }).values;
    try {
      const who = await service.signIn(email ?? '', password ?? '', request.ip, request.headers['user-agent']);
      // a new session id at login: nothing from before the login carries over
      await sessions.bind(request, reply, { portal: PORTAL, accountId: who.accountId, registrationId: null, staffId: null });
      const back = returnPathOf(request);
      if (back) return seeOther(reply, back);
      return seeOther(reply, `${BASE}${portal.landingAfterLogin?.(who) ?? '/konto'}`);
    } catch (error) {
      if (error instanceof AppError && error.code.startsWith('login.')) {
        return sendHtml(reply, <JobmasterLoginPage chrome={chrome} csrf={csrf(request, reply)} flowId={flow.id} email={email ?? ''} error={error.code} back={returnPathOf(request)} />, error.status);
      }
      throw error;
    }
  });

  app.post(`${BASE}/abmelden`, async (request, reply) => {
    await sessions.end(request, reply);
    return seeOther(reply, `${BASE}/`);
  });

  app.get(`${BASE}/konto`, { preHandler: signedIn }, async (request, reply) => {
    const { account, chrome: own } = await accountOf(request);
    const previousLogin = account.previous_login_at ? new Date(account.previous_login_at) : null;
    return sendHtml(reply, <AccountPage chrome={own} csrf={csrf(request, reply)} previousLogin={previousLogin} links={accountLinks(app, PORTAL, account.role)} />);
  });

  app.get(`${BASE}/konto/daten`, { preHandler: signedIn }, async (request, reply) => {
    const { account, chrome: own } = await accountOf(request);
    const elsewhere = portal.personalDataPage?.(account.role);
    if (elsewhere) return seeOther(reply, `${BASE}${elsewhere}`);
    return sendHtml(reply, <PersonalDataPage chrome={own} data={account} />);
  });

  app.get(`${BASE}/konto/loginverlauf`, { preHandler: signedIn }, async (request, reply) => {
    const { chrome: own } = await accountOf(request);
    const rows = await service.history(request.accountId);
    return sendHtml(reply, <HistoryPage chrome={own} csrf={csrf(request, reply)} rows={rows} />);
  });

  app.post(`${BASE}/konto/loginverlauf/nicht-ich`, { preHandler: signedIn }, async (request, reply) => {
    await service.notMe(request.accountId, request.ip, (link) => jobmasterResetMail(brand, link, true), resetLink);
    await sessions.end(request, reply);
    return sendHtml(reply, <NotMeDonePage chrome={chrome} />);
  });

  app.get(`${BASE}/passwort-vergessen`, async (request, reply) => sendHtml(reply, <ForgotPage chrome={await chromeOf(request)} csrf={csrf(request, reply)} />));

  app.post(`${BASE}/passwort-vergessen`, async (request, reply) => {
    const { values, errors, body } = parseForm(request, { email: input.email });
    if (values.email === undefined) {
      return sendHtml(reply, <ForgotPage chrome={chrome} csrf={csrf(request, reply)} email={(body.email ?? '').slice(0, 254)} error={errors.email} />, 422);
    }
    await passwordReset.request(PORTAL, values.email, jobmasterResetMails(brand, portal.url('/registrierung')), resetLink, request.ip);
    return sendHtml(reply, <ForgotPage chrome={chrome} csrf={csrf(request, reply)} email={values.email} sent />);
  });

  app.get(`${BASE}/passwort-zuruecksetzen`, async (request, reply) => {
    const { token } = parseQuery(request, { token: input.one });
    try {
      const { question } = await service.openReset(token);
      return sendHtml(reply, <ResetPage chrome={chrome} csrf={csrf(request, reply)} token={token ?? ''} question={question} />);
    } catch (error) {
      if (error instanceof AppError && error.code.startsWith('token.')) return sendHtml(reply, <ResetProblemPage chrome={chrome} code={error.code} />, error.status);
      throw error;
    }
  });

  app.post(`${BASE}/passwort-zuruecksetzen`, async (request, reply) => {
    const { token } = parseQuery(request, { token: input.one });
    const { values } = parseForm(request, { answer: input.raw(1000), password: input.raw(1024), passwordRepeat: input.raw(1024) });
    try {
      await service.completeReset(token, values, request.ip);
      return seeOther(reply, `${BASE}/passwort-zuruecksetzen/fertig`);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === 'form.invalid') {
        const { question } = await service.openReset(token);
        return sendHtml(reply, <ResetPage chrome={chrome} csrf={csrf(request, reply)} token={token ?? ''} question={question} errors={error.fields} />, 422);
      }
      if (error.code.startsWith('token.') || error.code === 'answer.locked') return sendHtml(reply, <ResetProblemPage chrome={chrome} code={error.code} />, error.status);
      throw error;
    }
  });

  app.get(`${BASE}/passwort-zuruecksetzen/fertig`, async (_request, reply) => sendHtml(reply, <ResetDonePage chrome={chrome} />));
}
