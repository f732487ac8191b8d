import Html from '@kitajs/html';
import { hostname } from 'node:os';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { demoInsurers, type Insurer } from '../../../core/config/insurers.ts';
import { AppError, isErrorCode } from '../../../core/errors/app-error.ts';
import { formBody } from '../../../core/http/forms.ts';
import { seeOther, sendHtml } from '../../../core/http/render.ts';
import { t } from '../../../core/i18n/de.ts';
import { checkKvnr } from '../../../core/identifiers/checks.ts';
import { berlinTime } from '../../../modules/epa-access/mails.ts';
import type { Signed } from '../layout.tsx';
import type { LocalUser } from '../local-users.ts';
import type { DesktopContext, EpaSection } from '../server.tsx';
import { startNotices } from '../start-notices.ts';
import { deviceKeyPair, isDeviceJwk, newDeviceKey, type DeviceJwk } from './device-key.ts';
import type { CustomFetch } from 'openid-client';
import { recordScreens } from '../record-screens.ts';
import { createIdentClient, isAuthorizationRefused, isGrantRefused, type ApiAnswer, type LoginStart } from './ident.ts';
import { CallbackDonePage, LoginProblemPage, SetupPage, UnlockPage, type SetupErrors, type UnlockView } from './pages.tsx';

/**
 * The ePA login of the desktop client (manual 003 §4–§4.3), the `EpaSection` behind the tile
 * "Elektronische Patientenakte (ePA)":
 *   1. the first time for a local user, "AOK-Kasse" and "Versichertennummer" (kept in the user's
 *      encrypted file, with the device key made then);
 *   2. the Ident login (ident.ts): PAR + PKCE + DPoP, the provider's QR page, back at /callback;
 *      the ID token's KVNR must be the one stored;
 *   3. "Endgerät freischalten": the record service does not know the device key yet → it is registered
 *      and the Bestätigungscode from the e-mail confirms it; then §4.3 "Erneut einloggen" (the local
 *      session ends);
 *   4. later: the tile leads straight to the Ident login, then to the record's start screen (`records`).
 * Tokens live in memory only, tied to the local login they were made in (a new local login needs a new
 * Ident login); the access token is renewed with the refresh token before it runs out; 120 minutes after
 * the Ident login, or when the provider refuses the refresh, the person logs in with the app again.
 * "Abmelden" revokes the refresh token at the provider (which ends the login's grant), forgets the
 * tokens and ends the local session.
 */

/** An Ident login lasts 120 minutes (the provider's refresh tokens end then too). */
export const EPA_LOGIN_LIFETIME_MS = 120 * 60_000;
/** The access token is renewed when it has less than this left. */
const RENEW_BEFORE_MS = 60_000;
/** A started login (its PAR request lives 60 s, the QR page renews itself) is forgotten after this. */
const PENDING_LOGIN_MS = 15 * 60_000;
const DEVICE_NAME_MAX = 60;

/** What the vault keeps for the ePA (LocalUserData.epa). */
interface StoredEpa {
  kasse?: string;
  kvnr?: string;
  deviceKey?: DeviceJwk;
  deviceKeyCreatedAt?: string;
  deviceUnlockedAt?: string;
}

/** An ePA login in memory: the tokens and what the record service said about this device. */
interface EpaState {
  kvnr: string;
  accessToken: string;
  accessExpiresAt: number;
  refreshToken: string | undefined;
  loginAt: number;
  device: 'unlocked' | 'pending' | 'none';
  deviceName: string;
  codeExpiresAt?: string;
  blockedUntil?: string;
}

/** The signed-in ePA of a request, for the record's screens. */
export interface EpaSignedIn {
  user: LocalUser;
  signed: Signed;
  kvnr: string;
  /**
   * A call of the record API (path under /epa/api/v1) with a fresh DPoP proof; the access token is
   * renewed first when needed. Throws AppError `epa_login.session_ended` when the login ended (the
   * section then shows that and offers the Ident login).
   */
  call(method: string, path: string, body?: unknown): Promise<ApiAnswer>;
  /**
   * For a record API client of its own (uploads …): the access token, renewed when due, and the device
   * key it is bound to, to sign a DPoP proof per request. Throws like `call` when the login ended.
   */
  credentials(): Promise<{ accessToken: string; keys: CryptoKeyPair }>;
  /** Ends this ePA login as "Abmelden" does (the refresh token revoked at the provider, the tokens forgotten); the local session is the caller's. */
  end(): Promise<void>;
}

export interface EpaRecordsContext extends DesktopContext {
  /** The request's ePA login on an unlocked device, or undefined (then send the person to `/epa`). */
  epa(request: FastifyRequest, reply: FastifyReply): EpaSignedIn | undefined;
}

/**
 * The record's screens after the login (manual 003 §4.4): `start` is where a finished login leads,
 * `routes` adds the screens. The default is "Dokumente" (documents/routes.tsx).
 */
export interface EpaRecords {
  start: string;
  routes(app: FastifyInstance, ctx: EpaRecordsContext): void | Promise<void>;
}

export interface EpaLoginOptions {
  records?: EpaRecords;
  /** the Kassen of the form (default: the AOKs the server is configured with, shipped with the program) */
  insurers?: readonly Pick<Insurer, 'id' | 'name'>[];
  /** for the tests: how the program reaches the server (openid-client's customFetch) */
  fetch?: CustomFetch;
}

function storedEpa(user: LocalUser): StoredEpa {
  const e = user.data.epa as StoredEpa;
  return {
    kasse: typeof e.kasse === 'string' ? e.kasse : undefined,
    kvnr: typeof e.kvnr === 'string' ? e.kvnr : undefined,
    deviceKey: isDeviceJwk(e.deviceKey) ? e.deviceKey : undefined,
    deviceKeyCreatedAt: typeof e.deviceKeyCreatedAt === 'string' ? e.deviceKeyCreatedAt : undefined,
    deviceUnlockedAt: typeof e.deviceUnlockedAt === 'string' ? e.deviceUnlockedAt : undefined,
  };
}

/** The device's name at the record service: "pforte-epa auf <hostname>". */
export function deviceName(): string {
  const host = hostname().replace(/[^\p{L}\p{N}._ -]/gu, '').trim() || 'diesem Computer';
  return `pforte-epa auf ${host}`.slice(0, DEVICE_NAME_MAX);
}

const sessionEnded = () => new AppError('epa_login.session_ended', 401);
const unreachable = () => new AppError('epa_login.server_unreachable', 502);

export function createEpaLogin(options: EpaLoginOptions = {}): EpaSection {
  const records = options.records ?? recordScreens;
  const insurers = options.insurers ?? demoInsurers;
  const states = new WeakMap<LocalUser, EpaState>();
  const keyPairs = new WeakMap<LocalUser, Promise<CryptoKeyPair>>();
  const pending = new Map<string, { user: LocalUser; login: LoginStart; createdAt: number }>();
  // one section per program; the routes fill these in
  let ctx: DesktopContext;
  let ident: ReturnType<typeof createIdentClient>;

  /** The device key from the vault, made (and saved) the first time. */
  function keysOf(user: LocalUser): Promise<CryptoKeyPair> {
    let pair = keyPairs.get(user);
    if (!pair) {
      pair = (async () => {
        const stored = storedEpa(user);
        let jwk = stored.deviceKey;
        if (!jwk) {
          jwk = await newDeviceKey();
          user.data.epa = { ...user.data.epa, deviceKey: jwk, deviceKeyCreatedAt: ctx.clock.now().toISOString() };
          ctx.users.save(user);
        }
        return deviceKeyPair(jwk);
      })();
      pair.catch(() => keyPairs.delete(user));
      keyPairs.set(user, pair);
    }
    return pair;
  }

  /** Ends the user's ePA login: the refresh token revoked at the provider (its grant with it), the tokens forgotten. */
  async function endEpa(user: LocalUser): Promise<void> {
    for (const [state, entry] of pending) if (entry.user === user) pending.delete(state);
    const state = states.get(user);
    states.delete(user);
    if (state?.refreshToken) {
      await ident.revoke(state.refreshToken).catch(() => {
        // unreachable: the refresh token ends with its login, 120 minutes after it, and is forgotten here
      });
    }
  }

  /** The state's access token, renewed when due; the login's end is an error. */
  async function freshToken(user: LocalUser, state: EpaState, force = false): Promise<string> {
    const now = ctx.clock.now().getTime();
    if (now - state.loginAt >= EPA_LOGIN_LIFETIME_MS) {
      await endEpa(user);
      throw sessionEnded();
    }
    if (!force && state.accessExpiresAt - now > RENEW_BEFORE_MS) return state.accessToken;
    if (!state.refreshToken) {
      await endEpa(user);
      throw sessionEnded();
    }
    try {
      const tokens = await ident.refresh(await keysOf(user), state.refreshToken);
      state.accessToken = tokens.accessToken;
      state.accessExpiresAt = ctx.clock.now().getTime() + tokens.expiresIn * 1000;
      state.refreshToken = tokens.refreshToken ?? state.refreshToken;
      return state.accessToken;
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (!isGrantRefused(error)) throw unreachable();
      states.delete(user);
      throw sessionEnded();
    }
  }

  /** A record API call in the user's ePA login; an expired token is renewed once and the call repeated. */
  async function call(user: LocalUser, state: EpaState, method: string, path: string, body?: unknown): Promise<ApiAnswer> {
    const send = async (token: string) => {
      try {
        return await ident.call(await keysOf(user), token, method, path, body);
      } catch {
        throw unreachable();
      }
    };
    const answer = await send(await freshToken(user, state));
    if (answer.status === 401 && (answer.body.error === 'epa.token_expired' || answer.body.error === 'epa.token_invalid')) {
      return send(await freshToken(user, state, true));
    }
    return answer;
  }

  /** The refusal's German words, with what the record service added (attempts left, the wait's end). */
  function refusal(answer: ApiAnswer): string {
    const code = typeof answer.body.error === 'string' ? answer.body.error : '';
    const details = (answer.body.details ?? {}) as Record<string, string>;
    if (code === 'form.invalid') return t(isErrorCode(details.code ?? '') ? details.code! : 'epa.code_format');
    if (!isErrorCode(code)) return t('epa_login.login_failed');
    if (code === 'epa.code_wrong' && details.attemptsLeft) {
      const left = Number(details.attemptsLeft);
      return `${t(code)} Sie haben noch ${left} ${left === 1 ? 'Versuch' : 'Versuche'}.`;
    }
    if (code === 'epa.registration_wait' && details.until) return `${t(code)} Sie können ab ${berlinTime(new Date(details.until))} ein Gerät erneut freischalten.`;
    return t(code);
  }

  /** "Endgerät freischalten": the device key registered, the code mailed; the state says what came of it. */
  async function register(user: LocalUser, state: EpaState): Promise<{ error?: string; unlocked?: boolean }> {
    const answer = await call(user, state, 'POST', '/devices', { name: state.deviceName });
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
    if (answer.body.error === 'epa.registration_wait') state.blockedUntil = refusal(answer);
    return { error: refusal(answer) };
  }

  function problem(reply: FastifyReply, code: Parameters<typeof t>[0], status: number, signed?: { name: string; csrf: string }, changeKvnr = false) {
    return sendHtml(reply, <LoginProblemPage signed={signed} message={t(code)} changeKvnr={changeKvnr} />, status);
  }

  function unlockView(state: EpaState): UnlockView {
    return { deviceName: state.deviceName, expiresAt: state.codeExpiresAt, pending: state.device === 'pending' };
  }

  function setupErrors(form: { kasse: string; kvnr: string }): { errors: SetupErrors; kvnr?: string } {
    const errors: SetupErrors = {};
    if (!form.kasse) errors.kasse = t('epa_login.kasse_required');
    else if (!insurers.some((i) => i.id === form.kasse)) errors.kasse = t('epa_login.kasse_unknown');
    const kvnr = checkKvnr(form.kvnr);
    if (!kvnr.ok) errors.kvnr = t(kvnr.code);
    return { errors, kvnr: kvnr.ok ? kvnr.value : undefined };
  }

  async function routes(app: FastifyInstance) {
    const signedIn = (request: FastifyRequest, reply: FastifyReply) => ctx.signedIn(request, reply);

    // the record's screens and ours: a login that ended says so and offers the Ident login
    app.setErrorHandler(async (error, request, reply) => {
      if (error instanceof AppError && (error.code === 'epa_login.session_ended' || error.code === 'epa_login.server_unreachable')) {
        return problem(reply, error.code, error.status, signedIn(request, reply)?.signed);
      }
      // another device removed this one: its key no longer reaches the record, so the ePA login here ends, as after removing it on "Registrierte Geräte"
      if (error instanceof AppError && error.code === 'epa.device_not_registered') {
        const me = signedIn(request, reply);
        if (me) await endEpa(me.user);
        ctx.sessions.logout(request, reply);
        return seeOther(reply, startNotices.after('/', 'geraet_entfernt'));
      }
      throw error;
    });

    /** The tile: the first time the Kasse and KVNR, then the Ident login, the unlock or the record. */
    app.get('/epa', async (request, reply) => {
      const me = signedIn(request, reply);
      if (!me) return seeOther(reply, '/');
      const stored = storedEpa(me.user);
      if (!stored.kvnr) return sendHtml(reply, <SetupPage signed={me.signed} insurers={[...insurers]} />);
      const state = states.get(me.user);
      if (!state) return seeOther(reply, '/epa/anmelden');
      return seeOther(reply, state.device === 'unlocked' ? records.start : '/epa/freischalten');
    });

    app.get('/epa/angaben', async (request, reply) => {
      const me = signedIn(request, reply);
      if (!me) return seeOther(reply, '/');
      const stored = storedEpa(me.user);
      return sendHtml(reply, <SetupPage signed={me.signed} insurers={[...insurers]} kasse={stored.kasse} kvnr={stored.kvnr} change={stored.kvnr !== undefined} />);
    });

    app.post('/epa', async (request, reply) => {
      const me = signedIn(request, reply);
      if (!me) return seeOther(reply, '/');
      const form = formBody(request.body);
      const values = { kasse: (form.kasse ?? '').slice(0, 20), kvnr: (form.kvnr ?? '').slice(0, 40) };
      const checked = setupErrors(values);
      if (!checked.kvnr || Object.keys(checked.errors).length) {
        const change = storedEpa(me.user).kvnr !== undefined;
        return sendHtml(reply, <SetupPage signed={me.signed} insurers={[...insurers]} kasse={values.kasse} kvnr={values.kvnr} errors={checked.errors} change={change} />, 400);
      }
      if (storedEpa(me.user).kvnr !== checked.kvnr) await endEpa(me.user);
      me.user.data.epa = { ...me.user.data.epa, kasse: values.kasse, kvnr: checked.kvnr };
      ctx.users.save(me.user);
      // the device key is made now, once, and kept with them
      await keysOf(me.user);
      return seeOther(reply, '/epa/anmelden');
    });

    /** The Ident login: PAR, then the browser to the provider's page with the QR code (§4.1). */
    app.get('/epa/anmelden', async (request, reply) => {
      const me = signedIn(request, reply);
      if (!me) return seeOther(reply, '/');
      const stored = storedEpa(me.user);
      if (!stored.kvnr) return seeOther(reply, '/epa');
      const now = ctx.clock.now().getTime();
      for (const [state, entry] of pending) if (now - entry.createdAt > PENDING_LOGIN_MS) pending.delete(state);
      let login: LoginStart;
      try {
        // the onRequest hook let only Host 127.0.0.1:<our port> through: this is our own address
        login = await ident.start(await keysOf(me.user), `http://${request.headers.host}/callback`, stored.kvnr);
      } catch (error) {
        request.log.warn({ err: error }, 'ident login could not start');
        return problem(reply, 'epa_login.server_unreachable', 502, me.signed);
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
      if (!entry || now - entry.createdAt > PENDING_LOGIN_MS) return problem(reply, 'epa_login.login_unknown', 400);
      const current = ctx.sessions.user(request);
      if (current && current !== entry.user) return problem(reply, 'epa_login.login_unknown', 400);
      // single use: a second answer to the same login, or the same answer again, is refused above
      pending.delete(stateParam);
      const user = entry.user;
      // the local session ended meanwhile (its key is wiped when the last session of the user ends)
      if (user.key.every((b) => b === 0)) return problem(reply, 'epa_login.login_unknown', 400);
      const keys = await keysOf(user);
      let tokens;
      try {
        tokens = await ident.finish(keys, entry.login, url);
      } catch (error) {
        if (isAuthorizationRefused(error)) return problem(reply, 'epa_login.login_declined', 400);
        request.log.warn({ err: error }, 'ident login not finished');
        return problem(reply, 'epa_login.login_failed', 400);
      }
      const stored = storedEpa(user);
      const forget = () => (tokens.refreshToken ? ident.revoke(tokens.refreshToken).catch(() => undefined) : undefined);
      if (typeof tokens.claims?.kvnr !== 'string' || tokens.claims.kvnr !== stored.kvnr) {
        await forget();
        return problem(reply, 'epa_login.kvnr_mismatch', 403, undefined, true);
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
      const session = await call(user, state, 'GET', '/session');
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
        await register(user, state);
      }
      states.set(user, state);
      return sendHtml(reply, <CallbackDonePage />);
    });

    app.get('/epa/freischalten', async (request, reply) => {
      const me = signedIn(request, reply);
      if (!me) return seeOther(reply, '/');
      const state = states.get(me.user);
      if (!state) return seeOther(reply, '/epa');
      if (state.device === 'unlocked') return seeOther(reply, records.start);
      return sendHtml(reply, <UnlockPage signed={me.signed} view={unlockView(state)} blocked={state.blockedUntil} />);
    });

    /** "Bestätigen": right, the device is unlocked and §4.3 follows; wrong, the refusal at the field. */
    app.post('/epa/freischalten', async (request, reply) => {
      const me = signedIn(request, reply);
      if (!me) return seeOther(reply, '/');
      const state = states.get(me.user);
      if (!state) return seeOther(reply, '/epa');
      if (state.device === 'unlocked') return seeOther(reply, records.start);
      const code = (formBody(request.body).code ?? '').trim().slice(0, 20);
      const again = (error: string, status: number) => sendHtml(reply, <UnlockPage signed={me.signed} view={unlockView(state)} error={error} code={code} blocked={state.blockedUntil} />, status);
      if (!/^[0-9]{6}$/.test(code)) return again(t('epa.code_format'), 422);
      const answer = await call(me.user, state, 'POST', '/devices/confirm', { code });
      if (answer.status === 200 || answer.body.error === 'epa.device_already_registered') {
        me.user.data.epa = { ...me.user.data.epa, deviceUnlockedAt: ctx.clock.now().toISOString() };
        ctx.users.save(me.user);
        // §4.3 "Erneut einloggen": the local session ends; the local login and the Ident app follow
        await endEpa(me.user);
        ctx.sessions.logout(request, reply);
        return seeOther(reply, startNotices.after('/', 'freigeschaltet'));
      }
      const gone = ['epa.code_too_many', 'epa.code_expired', 'epa.registration_not_found'].includes(String(answer.body.error));
      if (gone) {
        state.device = 'none';
        state.codeExpiresAt = undefined;
      }
      return again(refusal(answer), answer.status >= 400 && answer.status < 500 ? answer.status : 400);
    });

    /** A new code, or a new registration after the old one is gone. */
    app.post('/epa/freischalten/neu', async (request, reply) => {
      const me = signedIn(request, reply);
      if (!me) return seeOther(reply, '/');
      const state = states.get(me.user);
      if (!state) return seeOther(reply, '/epa');
      if (state.device === 'unlocked') return seeOther(reply, records.start);
      const result = await register(me.user, state);
      if (result.unlocked) return seeOther(reply, records.start);
      const notice = result.error ? undefined : 'Wir haben Ihnen einen neuen Bestätigungscode per E-Mail gesendet.';
      const error = result.error && !state.blockedUntil ? result.error : undefined;
      return sendHtml(reply, <UnlockPage signed={me.signed} view={unlockView(state)} notice={notice} error={error} blocked={state.blockedUntil} />, result.error ? 400 : 200);
    });

    /** "Abmelden" in the ePA: the login ended at the provider, the tokens forgotten, the local session ended. */
    app.post('/epa/abmelden', async (request, reply) => {
      const me = signedIn(request, reply);
      if (me) await endEpa(me.user);
      ctx.sessions.logout(request, reply);
      return seeOther(reply, startNotices.after('/', 'abgemeldet'));
    });

    const recordsCtx: EpaRecordsContext = {
      ...ctx,
      epa(request, reply) {
        const me = signedIn(request, reply);
        const state = me ? states.get(me.user) : undefined;
        if (!me || !state || state.device !== 'unlocked') return undefined;
        return {
          user: me.user,
          signed: me.signed,
          kvnr: state.kvnr,
          call: (method, path, body) => call(me.user, state, method, path, body),
          credentials: async () => ({ accessToken: await freshToken(me.user, state), keys: await keysOf(me.user) }),
          end: () => endEpa(me.user),
        };
      },
    };
    await records.routes(app, recordsCtx);
  }

  return {
    entry: '/epa',
    async routes(app, desktop) {
      ctx = desktop;
      ident = createIdentClient(desktop.server, { fetch: options.fetch });
      // a scope of its own: its error handler turns an ended ePA login into the page that says so
      await app.register(routes);
    },
    logout: (user) => endEpa(user),
  };
}
