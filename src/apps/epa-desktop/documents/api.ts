import { AppError } from '../../../core/errors/app-error.ts';
import type { DesktopContext } from '../server.tsx';
import type { EpaSignedIn } from '../epa-login/section.tsx';
import { actingFor, actingRefused } from '../representation/acting.ts';
import { createRecordApi, dpopProofs, type ApiResult, type RecordApi } from '../record-api.ts';

/** The record API's reading calls: repeated on one's own record when the representation ended meanwhile. */
const READS = new Set<keyof RecordApi>(['session', 'devices', 'listDocuments', 'openDocument', 'protocol', 'protocolPdf', 'representations']);

/**
 * The record API client of one request of the record's screens: the signed-in ePA login's access
 * token (renewed first when due) and its device key for the DPoP proofs. Every screen takes its client
 * from here, so what all calls need in addition is added in this one place: while the person acts
 * for someone (Vertretung für Angehörige), the representation's header.
 *
 * The credentials are fetched before the client exists: an ended ePA login throws its AppError
 * (`epa_login.session_ended`) here, which the ePA section turns into the page that says so, rather
 * than inside a call, where it would read as "not reachable".
 *
 * Two refusals end something here, at the first call that meets them: the representation's
 * (`epa_representation.not_active`: the represented person ended it) ends acting for them, and a
 * reading call is asked again of one's own record, the next screen saying why; this device's
 * (`epa.device_not_registered`: another device removed it) throws its AppError, and the ePA section
 * ends the ePA login here and leads to the start.
 */
export async function recordApiFor(ctx: Pick<DesktopContext, 'server'>, epa: Pick<EpaSignedIn, 'credentials' | 'user'>): Promise<RecordApi> {
  const { accessToken, keys } = await epa.credentials();
  const make = () => createRecordApi({ server: ctx.server, accessToken: () => accessToken, proof: dpopProofs(keys), representation: actingFor(epa.user)?.id });
  const api = make();
  const guarded = {} as Record<string, unknown>;
  for (const [name, fn] of Object.entries(api) as [keyof RecordApi, (...args: unknown[]) => Promise<ApiResult<unknown>>][]) {
    guarded[name] = async (...args: unknown[]) => {
      const answer = await fn(...args);
      if (answer.ok) return answer;
      if (answer.error.code === 'epa.device_not_registered') throw new AppError('epa.device_not_registered', 403);
      if (answer.error.code === 'epa_representation.not_active' && actingFor(epa.user)) {
        actingRefused(epa.user, answer.error.message);
        if (READS.has(name)) return (make()[name] as (...a: unknown[]) => Promise<ApiResult<unknown>>)(...args);
      }
      return answer;
    };
  }
  return guarded as RecordApi;
}
