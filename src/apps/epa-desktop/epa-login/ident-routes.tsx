import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { seeOther, sendHtml } from '../../../core/http/render.ts';
import { t } from '../../../core/i18n/de.ts';
import type { Signed } from '../layout.tsx';
import type { DesktopContext } from '../server.tsx';
import { isAuthorizationRefused, type LoginStart } from './ident.ts';
import { PENDING_LOGIN_MS, storedEpa, type EpaLogins, type EpaState } from './login-state.ts';
import { CallbackDonePage, LoginProblemPage } from './pages.tsx';
import { deviceName, refusal, register } from './unlock-routes.tsx';

/**
 * The Ident login (manual 003 §4.1, ident.ts): PAR + PKCE + DPoP, the provider's QR page, back at
 * /callback; the ID token's KVNR must be the one stored. Then the record service says whether this
 * device is unlocked; if not, it is registered and the code mailed (unlock-routes.tsx).
 */

/** A login that did not lead into the ePA: the page that says why and offers the Ident login again. */
export function loginProblem(reply: FastifyReply, code: Parameters<typeof t>[0], status: number, signed?: Pick<Signed, 'name' | 'csrf'>, changeKvnr = false) {
  return sendHtml(reply, <LoginProblemPage signed={signed} message={t(code)} changeKvnr={changeKvnr} />, status);
}

export function identRoutes(app: FastifyInstance, ctx: DesktopContext, logins: EpaLogins) {
  const { ident, pending } = logins;

  /** The Ident login: PAR, then the browser to the provider's page with the QR code (§4.1). */
  app.get('/epa/anmelden', async (request, reply) => {
    const me = ctx.signedIn(request, reply);
    if (!me) return seeOther(reply, '/');
    const stored = storedEpa(me.user);
    if (!stored.kvnr) return seeOther(reply, '/epa');
    const now = ctx.clock.now().getTime();
    for (const [state, entry] of pending) if (now - entry.createdAt > PENDING_LOGIN_MS) pending.delete(state);
    let login: LoginStart;
    try {
      // the onRequest hook let only Host 127.0.0.1:<our port> through: this is our own address
      login = await ident.start(await logins.keysOf(me.user), `http://${request.headers.host}/callback`, stored.kvnr);
    } catch (error) {
      request.log.warn({ err: error }, 'ident login could not start');
      return loginProblem(reply, 'epa_login.server_unreachable', 502, me.signed);
    }
    pending.set(login.state, { user: me.user, login, createdAt: now });
    return seeOther(reply, login.url.href);
  });

  /**
   * The loopback redirect (RFC 8252): "Öffne AOK Mein Leben.app" brings the browser here with the code.
   * The browser comes from the provider's site and may send no cookie (SameSite): the state, known
   * only to the login it was made for, names the local user; a cookie naming another one is refused.
   */
  app.get('/callback', async (request, reply) => {
    const url = new URL(request.url, `http://${request.headers.host}`);
    const stateParam = url.searchParams.get('state') ?? '';
    const entry = pending.get(stateParam);
    const now = ctx.clock.now().getTime();
    if (!entry || now - entry.createdAt > PENDING_LOGIN_MS) return loginProblem(reply, 'epa_login.login_unknown', 400);
    const current = ctx.sessions.user(request);
    if (current && current !== entry.user) return loginProblem(reply, 'epa_login.login_unknown', 400);
    // single use: a second answer to the same login, or the same answer again, is refused above
    pending.delete(stateParam);
    const user = entry.user;
    // the local session ended meanwhile (its key is wiped when the last session of the user ends)
    if (user.key.every((b) => b === 0)) return loginProblem(reply, 'epa_login.login_unknown', 400);
    const keys = await logins.keysOf(user);
    let tokens;
    try {
      tokens = await ident.finish(keys, entry.login, url);
    } catch (error) {
      if (isAuthorizationRefused(error)) return loginProblem(reply, 'epa_login.login_declined', 400);
      request.log.warn({ err: error }, 'ident login not finished');
      return loginProblem(reply, 'epa_login.login_failed', 400);
    }
    const stored = storedEpa(user);
    const forget = () => (tokens.refreshToken ? ident.revoke(tokens.refreshToken).catch(() => undefined) : undefined);
    if (typeof tokens.claims?.kvnr !== 'string' || tokens.claims.kvnr !== stored.kvnr) {
      await forget();
      return loginProblem(reply, 'epa_login.kvnr_mismatch', 403, undefined, true);
    }
    const state: EpaState = {
      kvnr: stored.kvnr,
      accessToken: tokens.accessToken,
      accessExpiresAt: ctx.clock.now().getTime() + tokens.expiresIn * 1000,
      refreshToken: tokens.refreshToken,
      loginAt: ctx.clock.now().getTime(),
      device: 'none',
      deviceName: deviceName(),
    };
    // §4.2: is this device unlocked for the record? If not, register it and mail the code
    const session = await logins.call(user, state, 'GET', '/session');
    if (session.status !== 200 || session.body.kvnr !== stored.kvnr) {
      await forget();
      const status = session.status === 200 ? 403 : session.status >= 500 ? 502 : session.status;
      return sendHtml(reply, <LoginProblemPage message={session.status === 200 ? t('epa_login.kvnr_mismatch') : refusal(session)} />, status);
    }
    const device = session.body.device as { name?: unknown } | null;
    if (device) {
      state.device = 'unlocked';
      if (typeof device.name === 'string') state.deviceName = device.name;
    } else {
      await register(logins, user, state);
    }
    logins.states.set(user, state);
    return sendHtml(reply, <CallbackDonePage />);
  });
}
