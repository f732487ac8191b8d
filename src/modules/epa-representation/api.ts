import type { FastifyRequest } from 'fastify';
import type { EpaRoutes } from '../epa-access/api.ts';
import { jsonObject } from '../../core/http/input.ts';
import { INVITED_MESSAGE, RepresentationEndedMeanwhile } from './service.ts';

/**
 * "Vertretung für Angehörige" in the record API (issue 15 §8), on an unlocked device only. The
 * `/vertretungen` routes manage one's own representations only: with the representation header they
 * are refused (no further delegation).
 *
 * - `GET /vertretungen`: whom the caller named (`granted`) and who named them (`received`)
 * - `POST /vertretungen` {kvnr, email}: name a representative; 202 with the same answer whether or
 *   not such a person exists
 * - `POST /vertretungen/:id/bestaetigen`: the named person confirms
 * - `GET /vertretung` with the header `Pforte-Vertretung: <id>`: the representative switches to the
 *   represented record (checked like every call for it, and logged); without it, `{ representation: null }`
 * - `DELETE /vertretungen/:id`: the person revokes, or the representative steps down or declines
 */
export const epaRepresentationRoutes: EpaRoutes = (api, access, deps) => {
  const service = deps.epaRepresentation;

  // A call for the represented record whose representation ended while it ran is refused inside its
  // transaction (the actor's `holds`), which takes the refusal's entries with it; they are written
  // here, after the rollback. The hook is the whole API scope's: the documents' and the Protokoll's
  // routes, registered beside these, act for someone else too.
  api.addHook('onError', async (request, _reply, error) => {
    if (!(error instanceof RepresentationEndedMeanwhile)) return;
    try {
      await service.refusedMeanwhile(error, request.ip);
    } catch (failure) {
      request.log.error({ err: failure }, 'refusal of an ended representation not written');
    }
  });

  const ownCaller = async (request: FastifyRequest) => {
    const caller = await access.requireDevice(request);
    await service.ownOnly(request, caller);
    return caller;
  };

  api.get('/vertretungen', async (request) => service.list(await ownCaller(request)));

  api.post('/vertretungen', async (request, reply) => {
    const caller = await ownCaller(request);
    const b = jsonObject(request);
    const representation = await service.invite(caller, { kvnr: b.kvnr, email: b.email }, request.ip);
    return reply.code(202).send({ message: INVITED_MESSAGE, representation });
  });

  api.post<{ Params: { id: string } }>('/vertretungen/:id/bestaetigen', async (request) => {
    const caller = await ownCaller(request);
    return { representation: await service.confirm(caller, request.params.id, request.ip) };
  });

  /** Whose record the calls with this header act on: what the client asks when it switches ("Sie handeln für …"). */
  api.get('/vertretung', async (request) => {
    const caller = await access.requireDevice(request);
    return service.current(request, caller);
  });

  api.delete<{ Params: { id: string } }>('/vertretungen/:id', async (request, reply) => {
    const caller = await ownCaller(request);
    await service.end(caller, request.params.id, request.ip);
    return reply.code(204).send();
  });
};
