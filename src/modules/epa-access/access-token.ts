import { createHash } from 'node:crypto';
import { calculateJwkThumbprint, createLocalJWKSet, EmbeddedJWK, errors, jwtVerify, type JSONWebKeySet, type JWK } from 'jose';
import type { SigningKeys } from '../ident-provider/signing-keys.ts';
import { SIGNING_ALG } from '../ident-provider/signing-keys.ts';
import { EPA_CLIENT_ID, EPA_SCOPE } from '../ident-provider/clients.ts';
import { AppError } from '../../core/errors/app-error.ts';

/** A proof may be this old (seconds) … */
export const PROOF_MAX_AGE_S = 300;
/** … and this far ahead of our clock (the computer's clock may run a little fast). */
export const PROOF_MAX_AHEAD_S = 60;
/** Longer values are no token or proof of ours, and are not parsed. */
const MAX_JWT_LENGTH = 8192;
const KVNR = /^[A-Z][0-9]{9}$/;

/** What a valid access token says, after every check. */
export interface VerifiedToken {
  kvnr: string;
  /** the key the token is bound to (cnf.jkt) */
  jkt: string;
  /** the Ident login's time, the same for each token of one login; null when the token has none */
  authTime: number | null;
}

/** What a valid DPoP proof says. */
export interface VerifiedProof {
  jkt: string;
  jti: string;
  /** seconds since the epoch */
  iat: number;
}

const fail = (code: 'epa.token_invalid' | 'epa.token_expired' | 'epa.proof_invalid') => new AppError(code, 401);

/**
 * The provider's published keys, from the database (so every process sees a rotation), as a key set
 * for jose; made again only when the keys change.
 */
export function providerKeySet(keys: SigningKeys) {
  let cached: { state: string; set: ReturnType<typeof createLocalJWKSet> } | null = null;
  return async () => {
    const state = await keys.state();
    const id = `${state.signing}|${state.kids.join()}`;
    if (cached?.state === id) return cached.set;
    const loaded = await keys.load(state);
    const jwks: JSONWebKeySet = {
      keys: loaded.map(({ jwk }): JWK => ({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, kid: jwk.kid, alg: jwk.alg, use: 'sig' })),
    };
    cached = { state: id, set: createLocalJWKSet(jwks) };
    return cached.set;
  };
}

/**
 * The access token (RFC 9068 JWT of the Ident provider, ES256): signature by a current key, issuer,
 * audience, expiry on our clock, the ePA client, the record's scope, the KVNR, and a DPoP binding.
 */
export async function verifyAccessToken(
  token: string,
  input: { keySet: ReturnType<typeof createLocalJWKSet>; issuer: string; audience: string; now: Date },
): Promise<VerifiedToken> {
  if (token.length > MAX_JWT_LENGTH) throw fail('epa.token_invalid');
  let payload;
  try {
    ({ payload } = await jwtVerify(token, input.keySet, {
      issuer: input.issuer,
      audience: input.audience,
      algorithms: [SIGNING_ALG],
      typ: 'at+jwt',
      currentDate: input.now,
      requiredClaims: ['exp', 'iat', 'sub', 'client_id'],
    }));
  } catch (error) {
    throw fail(error instanceof errors.JWTExpired ? 'epa.token_expired' : 'epa.token_invalid');
  }
  const cnf = payload.cnf as { jkt?: unknown } | undefined;
  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
  if (payload.client_id !== EPA_CLIENT_ID || !scopes.includes(EPA_SCOPE)) throw fail('epa.token_invalid');
  if (typeof payload.kvnr !== 'string' || !KVNR.test(payload.kvnr)) throw fail('epa.token_invalid');
  // a token that is not bound to a key (a Bearer token) is not accepted here (RFC 9449 §7.1)
  if (typeof cnf?.jkt !== 'string' || cnf.jkt.length > 100) throw fail('epa.token_invalid');
  const authTime = typeof payload.auth_time === 'number' && Number.isSafeInteger(payload.auth_time) ? payload.auth_time : null;
  return { kvnr: payload.kvnr, jkt: cnf.jkt, authTime };
}

/** The `ath` of a proof: the access token's SHA-256, base64url (RFC 9449 §4.2). */
export function accessTokenHash(token: string): string {
  return createHash('sha256').update(token, 'ascii').digest('base64url');
}

/** Scheme, host and path of an address; query and fragment do not count (RFC 9449 §4.3). */
function targetOf(url: string): string | null {
  const parsed = URL.parse(url);
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) return null;
  parsed.search = '';
  parsed.hash = '';
  return parsed.href;
}

/**
 * The DPoP proof (RFC 9449 §4.3): a JWT of type dpop+jwt, ES256, signed by the public key in its own
 * header, for this method and address, made just now, for this access token. Whether its jti was seen
 * before is the caller's check (it needs the database).
 */
export async function verifyProof(proof: string, input: { method: string; url: string; accessToken: string; now: Date }): Promise<VerifiedProof> {
  if (proof.length > MAX_JWT_LENGTH) throw fail('epa.proof_invalid');
  let payload;
  let jwk: JWK | undefined;
  try {
    const verified = await jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt', algorithms: [SIGNING_ALG], currentDate: input.now });
    ({ payload } = verified);
    jwk = verified.protectedHeader.jwk;
  } catch {
    throw fail('epa.proof_invalid');
  }
  const now = Math.floor(input.now.getTime() / 1000);
  const { jti, iat, htm, htu, ath } = payload as { jti?: unknown; iat?: unknown; htm?: unknown; htu?: unknown; ath?: unknown };
  if (!jwk || jwk.kty !== 'EC' || jwk.crv !== 'P-256') throw fail('epa.proof_invalid');
  if (typeof jti !== 'string' || jti.length === 0 || jti.length > 200) throw fail('epa.proof_invalid');
  if (typeof iat !== 'number' || iat < now - PROOF_MAX_AGE_S || iat > now + PROOF_MAX_AHEAD_S) throw fail('epa.proof_invalid');
  if (htm !== input.method) throw fail('epa.proof_invalid');
  const target = typeof htu === 'string' ? targetOf(htu) : null;
  if (target === null || target !== targetOf(input.url)) throw fail('epa.proof_invalid');
  if (ath !== accessTokenHash(input.accessToken)) throw fail('epa.proof_invalid');
  return { jkt: await calculateJwkThumbprint(jwk, 'sha256'), jti, iat };
}
