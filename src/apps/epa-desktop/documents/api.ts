import type { DesktopContext } from '../server.tsx';
import type { EpaSignedIn } from '../epa-login/section.tsx';
import { createRecordApi, dpopProofs, type RecordApi } from '../record-api.ts';

/**
 * The record API client of one request of the record's screens: the signed-in ePA login's access
 * token (renewed first when due) and its device key for the DPoP proofs. Every screen takes its client
 * from here, so what all calls need in addition (e.g. the header of a representative acting for
 * someone) is added in this one place.
 *
 * The credentials are fetched before the client exists: an ended ePA login throws its AppError
 * (`epa_login.session_ended`) here, which the ePA section turns into the page that says so, rather
 * than inside a call, where it would read as "not reachable".
 */
export async function recordApiFor(ctx: Pick<DesktopContext, 'server'>, epa: Pick<EpaSignedIn, 'credentials'>): Promise<RecordApi> {
  const { accessToken, keys } = await epa.credentials();
  return createRecordApi({ server: ctx.server, accessToken: () => accessToken, proof: dpopProofs(keys) });
}
