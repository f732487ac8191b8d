import Html from '@kitajs/html';
import { hostname } from 'node:os';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isErrorCode } from '../../../core/errors/app-error.ts';
import { formBody } from '../../../core/http/forms.ts';
import { seeOther, sendHtml } from '../../../core/http/render.ts';
import { t } from '../../../core/i18n/de.ts';
import { berlinTime } from '../../../modules/epa-access/mails.ts';
import type { LocalUser } from '../local-users.ts';
import type { DesktopContext } from '../server.tsx';
import { startNotices } from '../start-notices.ts';
import type { ApiAnswer } from './ident.ts';
import type { EpaLogins, EpaState } from './login-state.ts';
import { UnlockPage, type UnlockView } from './pages.tsx';

/**
 * "Endgerät freischalten" (manual 003 §4.2): a device the record service does not know yet is registered
 * after the Ident login, and the Bestätigungscode from the e-mail confirms it; then §4.3 "Erneut
 * einloggen" (the local session ends).
 */

const DEVICE_NAME_MAX = 60;

/** The device's name at the record service: "pforte-epa auf <hostname>". */
export function deviceName(): string {
  const host = hostname().replace(/[^\p{L}\p{N}._ -]/gu, '').trim() || 'diesem Computer';
  return `pforte-epa auf ${host}`.slice(0, DEVICE_NAME_MAX);
}

/** The refusal's German words, with what the record service added (attempts left, the wait's end). */
export function refusal(answer: ApiAnswer): string {
  const code = typeof answer.body.error === 'string' ? answer.body.error : '';
  const details = (answer.body.details ?? {}) as Record<string, string>;
  if (code === 'form.invalid') return t(isErrorCode(details.code ?? '') ? details.code! : 'epa.code_format');
  if (!isErrorCode(code)) return t('epa_login.login_failed');
  if (code === 'epa.code_wrong' && details.attemptsLeft) {
    const left = Number(details.attemptsLeft);
    return `${t(code)} Sie haben noch ${left} ${left === 1 ? 'Versuch' : 'Versuche'}.`;
  }
  if ((code === 'epa.registration_wait' || code === 'epa.code_locked') && details.until) return `${t(code)} Sie können ab ${berlinTime(new Date(details.until))} ein Gerät erneut freischalten.`;
  return t(code);
}

/** "Endgerät freischalten": the device key registered, the code mailed; the state says what came of it. */
export async function register(logins: EpaLogins, user: LocalUser, state: EpaState): Promise<{ error?: string; unlocked?: boolean }> {
  const answer = await logins.call(user, state, 'POST', '/devices', { name: state.deviceName });
  if (answer.status === 201) {
    state.device = 'pending';
    state.blockedUntil = undefined;
    const expiresAt = typeof answer.body.expiresAt === 'string' ? new Date(answer.body.expiresAt) : undefined;
    state.codeExpiresAt = expiresAt ? berlinTime(expiresAt) : undefined;
    return {};
  }
  if (answer.status === 409 && answer.body.error === 'epa.device_already_registered') {
    state.device = 'unlocked';
    return { unlocked: true };
  }
  state.device = 'none';
  state.codeExpiresAt = undefined;
  if (waits(answer)) state.blockedUntil = refusal(answer);
  return { error: refusal(answer) };
}

/** The record service takes no registration for a while: after too many registrations, or wrong codes. */
function waits(answer: ApiAnswer): boolean {
  return answer.body.error === 'epa.registration_wait' || answer.body.error === 'epa.code_locked';
}

type SignedIn = NonNullable<ReturnType<DesktopContext['signedIn']>>;

function unlockView(state: EpaState): UnlockView {
  return { deviceName: state.deviceName, expiresAt: state.codeExpiresAt, pending: state.device === 'pending' };
}

/** `/epa/freischalten`: the code's form, "Bestätigen", and "Neuen Bestätigungscode anfordern" or "Gerät erneut freischalten". */
export function unlockRoutes(app: FastifyInstance, ctx: DesktopContext, logins: EpaLogins, start: string) {
  /** The local user and their ePA login while this device waits to be unlocked; otherwise where they belong instead. */
  function waiting(request: FastifyRequest, reply: FastifyReply): { to: string } | { me: SignedIn; state: EpaState } {
    const me = ctx.signedIn(request, reply);
    if (!me) return { to: '/' };
    const state = logins.states.get(me.user);
    if (!state) return { to: '/epa' };
    if (state.device === 'unlocked') return { to: start };
    return { me, state };
  }

  app.get('/epa/freischalten', async (request, reply) => {
    const found = waiting(request, reply);
    if ('to' in found) return seeOther(reply, found.to);
    const { me, state } = found;
    return sendHtml(reply, <UnlockPage signed={me.signed} view={unlockView(state)} blocked={state.blockedUntil} />);
  });

  /** "Bestätigen": right, the device is unlocked and §4.3 follows; wrong, the refusal at the field. */
  app.post('/epa/freischalten', async (request, reply) => {
    const found = waiting(request, reply);
    if ('to' in found) return seeOther(reply, found.to);
    const { me, state } = found;
    const code = (formBody(request.body).code ?? '').trim().slice(0, 20);
    const again = (error: string, status: number) => sendHtml(reply, <UnlockPage signed={me.signed} view={unlockView(state)} error={error} code={code} blocked={state.blockedUntil} />, status);
    if (!/^[0-9]{6}$/.test(code)) return again(t('epa.code_format'), 422);
    const answer = await logins.call(me.user, state, 'POST', '/devices/confirm', { code });
    if (answer.status === 200 || answer.body.error === 'epa.device_already_registered') {
      me.user.data.epa = { ...me.user.data.epa, deviceUnlockedAt: ctx.clock.now().toISOString() };
      ctx.users.save(me.user);
      // §4.3 "Erneut einloggen": the local session ends; the local login and the Ident app follow
      await logins.end(me.user);
      ctx.sessions.logout(request, reply);
      return seeOther(reply, startNotices.after('/', 'freigeschaltet'));
    }
    const gone = ['epa.code_too_many', 'epa.code_expired', 'epa.registration_not_found', 'epa.code_locked'].includes(String(answer.body.error));
    if (gone) {
      state.device = 'none';
      state.codeExpiresAt = undefined;
    }
    // the fifteenth wrong code of the person: the pending registration is gone and no new one is taken until the wait ends
    if (waits(answer)) {
      state.blockedUntil = refusal(answer);
      return sendHtml(reply, <UnlockPage signed={me.signed} view={unlockView(state)} code={code} blocked={state.blockedUntil} />, answer.status);
    }
    return again(refusal(answer), answer.status >= 400 && answer.status < 500 ? answer.status : 400);
  });

  /** A new code, or a new registration after the old one is gone. */
  app.post('/epa/freischalten/neu', async (request, reply) => {
    const found = waiting(request, reply);
    if ('to' in found) return seeOther(reply, found.to);
    const { me, state } = found;
    const result = await register(logins, me.user, state);
    if (result.unlocked) return seeOther(reply, start);
    const notice = result.error ? undefined : 'Wir haben Ihnen einen neuen Bestätigungscode per E-Mail gesendet.';
    const error = result.error && !state.blockedUntil ? result.error : undefined;
    return sendHtml(reply, <UnlockPage signed={me.signed} view={unlockView(state)} notice={notice} error={error} blocked={state.blockedUntil} />, result.error ? 400 : 200);
  });
}
