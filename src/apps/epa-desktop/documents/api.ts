import type { DesktopContext } from '../server.tsx';
import type { EpaSignedIn } from '../epa-login/section.tsx';
import { actingFor } from '../representation/acting.ts';
import { createRecordApi, dpopProofs, type RecordApi } from '../record-api.ts';

/**
 * The record API client of one request of the record's screens: the signed-in ePA login's access
 * token (renewed first when due) and its device key for the DPoP proofs. Every screen takes its client
 * from here, so what all calls need in addition is added in this one place: while the person acts
 * for someone (Vertretung für Angehörige), the representation's header.
 *
 * The credentials are fetched before the client exists: an ended ePA login throws its AppError
 * (`epa_login.session_ended`) here, which the ePA section turns into the page that says so, rather
 * than inside a call, where it would read as "not reachable".
 */
export async function recordApiFor(ctx: Pick<DesktopContext, 'server'>, epa: Pick<EpaSignedIn, 'credentials' | 'user'>): Promise<RecordApi> {
  const { accessToken, keys } = await epa.credentials();
  return createRecordApi({ server: ctx.server, accessToken: () => accessToken, proof: dpopProofs(keys), representation: actingFor(epa.user)?.id });
}
