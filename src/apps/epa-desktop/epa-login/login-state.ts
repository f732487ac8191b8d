import { AppError } from '../../../core/errors/app-error.ts';
import type { LocalUser } from '../local-users.ts';
import type { DesktopContext } from '../server.tsx';
import { deviceKeyPair, isDeviceJwk, newDeviceKey, type DeviceJwk } from './device-key.ts';
import { isGrantRefused, type ApiAnswer, type IdentClient, type LoginStart } from './ident.ts';

/**
 * The ePA logins in memory: per local user the tokens of the Ident login and what the record service
 * said about this device, the logins started and not yet back, and the device key from the vault.
 * Tokens live in memory only, tied to the local login they were made in (a new local login needs a new
 * Ident login); the access token is renewed with the refresh token before it runs out; 120 minutes after
 * the Ident login, or when the provider refuses the refresh, the login has ended.
 */

/** An Ident login lasts 120 minutes (the provider's refresh tokens end then too). */
export const EPA_LOGIN_LIFETIME_MS = 120 * 60_000;
/** The access token is renewed when it has less than this left. */
const RENEW_BEFORE_MS = 60_000;
/** A started login (its PAR request lives 60 s, the QR page renews itself) is forgotten after this. */
export const PENDING_LOGIN_MS = 15 * 60_000;

/** What the vault keeps for the ePA (LocalUserData.epa). */
export interface StoredEpa {
  kasse?: string;
  kvnr?: string;
  deviceKey?: DeviceJwk;
  deviceKeyCreatedAt?: string;
  deviceUnlockedAt?: string;
}

/** An ePA login in memory: the tokens and what the record service said about this device. */
export interface EpaState {
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

/** A login sent to the provider, until the browser comes back with its answer. */
export interface PendingLogin {
  user: LocalUser;
  login: LoginStart;
  createdAt: number;
}

export function storedEpa(user: LocalUser): StoredEpa {
  const e = user.data.epa as StoredEpa;
  return {
    kasse: typeof e.kasse === 'string' ? e.kasse : undefined,
    kvnr: typeof e.kvnr === 'string' ? e.kvnr : undefined,
    deviceKey: isDeviceJwk(e.deviceKey) ? e.deviceKey : undefined,
    deviceKeyCreatedAt: typeof e.deviceKeyCreatedAt === 'string' ? e.deviceKeyCreatedAt : undefined,
    deviceUnlockedAt: typeof e.deviceUnlockedAt === 'string' ? e.deviceUnlockedAt : undefined,
  };
}

const sessionEnded = () => new AppError('epa_login.session_ended', 401);
const unreachable = () => new AppError('epa_login.server_unreachable', 502);

export interface EpaLogins {
  ident: IdentClient;
  /** the finished Ident logins, by local user */
  states: WeakMap<LocalUser, EpaState>;
  /** the started ones, by their state parameter */
  pending: Map<string, PendingLogin>;
  /** The device key from the vault, made (and saved) the first time. */
  keysOf(user: LocalUser): Promise<CryptoKeyPair>;
  /** Ends the user's ePA login: the refresh token revoked at the provider (its grant with it), the tokens forgotten. */
  end(user: LocalUser): Promise<void>;
  /** The state's access token, renewed when due; the login's end is an error. */
  freshToken(user: LocalUser, state: EpaState, force?: boolean): Promise<string>;
  /** A record API call in the user's ePA login; an expired token is renewed once and the call repeated. */
  call(user: LocalUser, state: EpaState, method: string, path: string, body?: unknown): Promise<ApiAnswer>;
}

export function createEpaLogins(ctx: DesktopContext, ident: IdentClient): EpaLogins {
  const states = new WeakMap<LocalUser, EpaState>();
  const keyPairs = new WeakMap<LocalUser, Promise<CryptoKeyPair>>();
  const pending = new Map<string, PendingLogin>();

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

  async function end(user: LocalUser): Promise<void> {
    for (const [state, entry] of pending) if (entry.user === user) pending.delete(state);
    const state = states.get(user);
    states.delete(user);
    if (state?.refreshToken) {
      await ident.revoke(state.refreshToken).catch(() => {
        // unreachable: the refresh token ends with its login, 120 minutes after it, and is forgotten here
      });
    }
  }

  async function freshToken(user: LocalUser, state: EpaState, force = false): Promise<string> {
    const now = ctx.clock.now().getTime();
    if (now - state.loginAt >= EPA_LOGIN_LIFETIME_MS) {
      await end(user);
      throw sessionEnded();
    }
    if (!force && state.accessExpiresAt - now > RENEW_BEFORE_MS) return state.accessToken;
    if (!state.refreshToken) {
      await end(user);
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

  return { ident, states, pending, keysOf, end, freshToken, call };
}
