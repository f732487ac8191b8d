import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CustomFetch } from 'openid-client';
import { demoInsurers, type Insurer } from '../../../core/config/insurers.ts';
import { AppError } from '../../../core/errors/app-error.ts';
import { seeOther } from '../../../core/http/render.ts';
import type { Signed } from '../layout.tsx';
import type { LocalUser } from '../local-users.ts';
import { recordScreens } from '../record-screens.ts';
import type { DesktopContext, EpaSection } from '../server.tsx';
import { startNotices } from '../start-notices.ts';
import { createIdentClient, type ApiAnswer } from './ident.ts';
import { identRoutes, loginProblem } from './ident-routes.tsx';
import { createEpaLogins, type EpaLogins } from './login-state.ts';
import { setupRoutes } from './setup-routes.tsx';
import { unlockRoutes } from './unlock-routes.tsx';

export { deviceName } from './unlock-routes.tsx';

/**
 * The ePA login of the desktop client (manual 003 §4–§4.3), the `EpaSection` behind the tile
 * "Elektronische Patientenakte (ePA)":
 *   1. the first time for a local user, "AOK-Kasse" and "Versichertennummer" (kept in the user's
 *      encrypted file, with the device key made then; setup-routes.tsx);
 *   2. the Ident login (ident-routes.tsx, ident.ts): PAR + PKCE + DPoP, the provider's QR page, back at
 *      /callback; the ID token's KVNR must be the one stored;
 *   3. "Endgerät freischalten" (unlock-routes.tsx): the record service does not know the device key yet
 *      → it is registered and the Bestätigungscode from the e-mail confirms it; then §4.3 "Erneut
 *      einloggen" (the local session ends);
 *   4. later: the tile leads straight to the Ident login, then to the record's start screen (`records`).
 * Tokens live in memory only (login-state.ts); 120 minutes after the Ident login, or when the provider
 * refuses the refresh, the person logs in with the app again.
 * "Abmelden" revokes the refresh token at the provider (which ends the login's grant), forgets the
 * tokens and ends the local session.
 */

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

export function createEpaLogin(options: EpaLoginOptions = {}): EpaSection {
  const records = options.records ?? recordScreens;
  const insurers = options.insurers ?? demoInsurers;
  // one section per program; its routes make these
  let current: EpaLogins | undefined;

  async function routes(app: FastifyInstance, ctx: DesktopContext, logins: EpaLogins) {
    // the record's screens and ours: a login that ended says so and offers the Ident login
    app.setErrorHandler(async (error, request, reply) => {
      if (error instanceof AppError && (error.code === 'epa_login.session_ended' || error.code === 'epa_login.server_unreachable')) {
        return loginProblem(reply, error.code, error.status, ctx.signedIn(request, reply)?.signed);
      }
      // another device removed this one: its key no longer reaches the record, so the ePA login here ends, as after removing it on "Registrierte Geräte"
      if (error instanceof AppError && error.code === 'epa.device_not_registered') {
        const me = ctx.signedIn(request, reply);
        if (me) await logins.end(me.user);
        ctx.sessions.logout(request, reply);
        return seeOther(reply, startNotices.after('/', 'geraet_entfernt'));
      }
      throw error;
    });

    setupRoutes(app, ctx, logins, insurers, records.start);
    identRoutes(app, ctx, logins);
    unlockRoutes(app, ctx, logins, records.start);

    /** "Abmelden" in the ePA: the login ended at the provider, the tokens forgotten, the local session ended. */
    app.post('/epa/abmelden', async (request, reply) => {
      const me = ctx.signedIn(request, reply);
      if (me) await logins.end(me.user);
      ctx.sessions.logout(request, reply);
      return seeOther(reply, startNotices.after('/', 'abgemeldet'));
    });

    const recordsCtx: EpaRecordsContext = {
      ...ctx,
      epa(request, reply) {
        const me = ctx.signedIn(request, reply);
        const state = me ? logins.states.get(me.user) : undefined;
        if (!me || !state || state.device !== 'unlocked') return undefined;
        return {
          user: me.user,
          signed: me.signed,
          kvnr: state.kvnr,
          call: (method, path, body) => logins.call(me.user, state, method, path, body),
          credentials: async () => ({ accessToken: await logins.freshToken(me.user, state), keys: await logins.keysOf(me.user) }),
          end: () => logins.end(me.user),
        };
      },
    };
    await records.routes(app, recordsCtx);
  }

  return {
    entry: '/epa',
    async routes(app, desktop) {
      const logins = createEpaLogins(desktop, createIdentClient(desktop.server, { fetch: options.fetch }));
      current = logins;
      // a scope of its own: its error handler turns an ended ePA login into the page that says so
      await app.register((scope) => routes(scope, desktop, logins));
    },
    logout: async (user) => {
      await current?.end(user);
    },
  };
}
