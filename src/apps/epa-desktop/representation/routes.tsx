import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isErrorCode } from '../../../core/errors/app-error.ts';
import { emailField, formBody, localReturnPath } from '../../../core/http/forms.ts';
import { defineNotices } from '../../../core/http/notices.ts';
import { seeOther, sendHtml } from '../../../core/http/render.ts';
import { t } from '../../../core/i18n/de.ts';
import { checkKvnr } from '../../../core/identifiers/checks.ts';
import type { EpaRecordsContext, EpaSignedIn } from '../epa-login/section.tsx';
import { createRecordApi, dpopProofs, type RecordApi, type RecordApiError } from '../record-api.ts';
import { recordApiFor } from '../documents/api.ts';
import { actingFor, signedNow, startActing, stopActing } from './acting.ts';
import { ActingRepresentationPage, EndRepresentationPage, RepresentationLoginPage, RepresentationPage, type Ending, type NameErrors, type RepresentationView } from './pages.tsx';

/** Where acting for someone, and coming back, lead: the record's first screen. */
const RECORD_START = '/epa/dokumente';

/**
 * What the page says after naming someone: the same whether or not such a person is registered (the
 * record service answers alike), so nobody learns from it who has an ePA.
 */
export const INVITED =
  'Falls die Person mit dieser Versichertennummer und E-Mail-Adresse für die ePA registriert ist, erhält sie eine E-Mail und kann die Vertretung in ihrem ePA Desktop Client bestätigen. Bis dahin ist die Vertretung nicht wirksam.';

export const representationNotices = defineNotices(
  'epa-desktop/vertretung',
  {
    benannt: INVITED,
    bestaetigt: 'Sie haben die Vertretung bestätigt. Mit „Für … handeln“ wechseln Sie zu der Akte dieser Person.',
    beendet: 'Die Vertretung wurde beendet.',
    abgelehnt: 'Sie haben die Einladung abgelehnt.',
  },
  { germanOnly: true },
);

/** A refusal's status for the page: the service's 4xx as it is, anything else (not reached, 5xx) a 502. */
const pageStatus = (error: RecordApiError) => (error.status >= 400 && error.status < 500 ? error.status : 502);

/** The fields' messages of a refusal (the record service's codes, in German). */
function fieldErrors(error: RecordApiError): NameErrors {
  const errors: NameErrors = {};
  for (const field of ['kvnr', 'email'] as const) {
    const code = error.details[field];
    if (code) errors[field] = isErrorCode(code) ? t(code) : error.message;
  }
  return errors;
}

/** The same checks the record service makes, at the fields before anything is sent. */
function checkName(form: { kvnr: string; email: string }): { errors: NameErrors; kvnr?: string; email?: string } {
  const errors: NameErrors = {};
  const kvnr = checkKvnr(form.kvnr);
  const email = emailField(form.email);
  if (!kvnr.ok) errors.kvnr = t(kvnr.code);
  if (!email.ok) errors.email = t(email.code);
  return { errors, kvnr: kvnr.ok ? kvnr.value : undefined, email: email.ok ? email.value : undefined };
}

/**
 * "Vertretung für Angehörige" behind the ePA login (the records screens' guard; before it, what it is
 * and the way to the login): name a representative, end one, confirm or decline an invitation, and
 * "Für <Name> handeln", which switches every ePA screen to that person's record (the banner "Sie
 * handeln für …", the header on every record API call) until "Zurück zu meiner Akte". While acting,
 * the management is hidden, and the record service refuses it anyway (no further delegation).
 */
export function representationRoutes(app: FastifyInstance, ctx: EpaRecordsContext) {
  /** The page with both lists; what else it shows in `extra`. */
  async function page(reply: FastifyReply, epa: EpaSignedIn, api: RecordApi, extra: Partial<RepresentationView> = {}, status = 200) {
    const signed = signedNow(epa);
    if (signed.actingFor) return sendHtml(reply, <ActingRepresentationPage signed={signed} kvnr={epa.kvnr} error={extra.error} />, status === 200 ? 200 : status);
    const lists = await api.representations();
    if (!lists.ok) return sendHtml(reply, <RepresentationPage signed={signed} kvnr={epa.kvnr} granted={[]} received={[]} {...extra} error={lists.error.message} />, pageStatus(lists.error));
    return sendHtml(reply, <RepresentationPage signed={signed} kvnr={epa.kvnr} granted={lists.value.granted} received={lists.value.received} {...extra} />, status);
  }

  /** The signed-in ePA with its client; without the ePA login, the page that explains and leads to it. */
  async function signedIn(request: Parameters<EpaRecordsContext['epa']>[0], reply: FastifyReply): Promise<{ epa: EpaSignedIn; api: RecordApi } | undefined> {
    const me = ctx.signedIn(request, reply);
    if (!me) {
      seeOther(reply, '/');
      return undefined;
    }
    const epa = ctx.epa(request, reply);
    if (!epa) {
      if (request.method === 'GET') sendHtml(reply, <RepresentationLoginPage signed={me.signed} />);
      else seeOther(reply, '/vertretung');
      return undefined;
    }
    return { epa, api: await recordApiFor(ctx, epa) };
  }

  app.get('/vertretung', async (request, reply) => {
    const me = await signedIn(request, reply);
    if (!me) return reply;
    return page(reply, me.epa, me.api, { notice: representationNotices.read(request) });
  });

  /** Name a representative: Versichertennummer (its check digit) and E-Mail-Adresse at their fields. */
  app.post('/vertretung/benennen', async (request, reply) => {
    const me = await signedIn(request, reply);
    if (!me) return reply;
    const body = formBody(request.body);
    const form = { kvnr: (body.kvnr ?? '').slice(0, 40), email: (body.email ?? '').slice(0, 300) };
    const checked = checkName(form);
    if (!checked.kvnr || !checked.email) return page(reply, me.epa, me.api, { form, errors: checked.errors }, 400);
    const answer = await me.api.nameRepresentative({ kvnr: checked.kvnr, email: checked.email });
    if (!answer.ok) {
      const errors = fieldErrors(answer.error);
      return page(reply, me.epa, me.api, { form, errors, error: Object.keys(errors).length ? undefined : answer.error.message }, pageStatus(answer.error));
    }
    return seeOther(reply, representationNotices.after('/vertretung', 'benannt'));
  });

  app.post<{ Params: { id: string } }>('/vertretung/:id/bestaetigen', async (request, reply) => {
    const me = await signedIn(request, reply);
    if (!me) return reply;
    const answer = await me.api.confirmRepresentation(request.params.id);
    if (!answer.ok) return page(reply, me.epa, me.api, { error: answer.error.message }, pageStatus(answer.error));
    return seeOther(reply, representationNotices.after('/vertretung', 'bestaetigt'));
  });

  /** The representation `id` of either list, as the confirmation names it; undefined when it is not (any more). */
  async function ending(api: RecordApi, id: string): Promise<Ending | undefined> {
    const lists = await api.representations();
    if (!lists.ok) return undefined;
    const granted = lists.value.granted.find((r) => r.id === id);
    if (granted) return { kind: 'granted', id, who: granted.name ?? `${granted.email} (${granted.kvnr})`, confirmed: granted.status === 'confirmed' };
    const received = lists.value.received.find((r) => r.id === id);
    if (received) return { kind: 'received', id, who: received.from.name, confirmed: received.status === 'confirmed' };
    return undefined;
  }

  /** "Vertretung beenden" / "Ablehnen": the confirmation first. */
  app.get<{ Params: { id: string } }>('/vertretung/:id/beenden', async (request, reply) => {
    const me = await signedIn(request, reply);
    if (!me) return reply;
    if (actingFor(me.epa.user)) return page(reply, me.epa, me.api);
    const found = await ending(me.api, request.params.id);
    if (!found) return page(reply, me.epa, me.api, { error: t('epa_representation.not_found') }, 404);
    return sendHtml(reply, <EndRepresentationPage signed={signedNow(me.epa)} ending={found} />);
  });

  app.post<{ Params: { id: string } }>('/vertretung/:id/beenden', async (request, reply) => {
    const me = await signedIn(request, reply);
    if (!me) return reply;
    const found = actingFor(me.epa.user) ? undefined : await ending(me.api, request.params.id);
    const answer = await me.api.endRepresentation(request.params.id);
    if (!answer.ok) return page(reply, me.epa, me.api, { error: answer.error.message }, pageStatus(answer.error));
    return seeOther(reply, representationNotices.after('/vertretung', found?.kind === 'received' && !found.confirmed ? 'abgelehnt' : 'beendet'));
  });

  /** "Für <Name> handeln": the record service checks the representation and logs the switch; then every screen acts for that person. */
  app.post<{ Params: { id: string } }>('/vertretung/:id/handeln', async (request, reply) => {
    const me = await signedIn(request, reply);
    if (!me) return reply;
    if (actingFor(me.epa.user)) return page(reply, me.epa, me.api);
    const { accessToken, keys } = await me.epa.credentials();
    const forThem = createRecordApi({ server: ctx.server, accessToken: () => accessToken, proof: dpopProofs(keys), representation: request.params.id });
    const answer = await forThem.actingFor();
    if (!answer.ok) return page(reply, me.epa, me.api, { error: answer.error.message }, pageStatus(answer.error));
    if (!answer.value.representation) return page(reply, me.epa, me.api, { error: t('epa_representation.not_active') }, 403);
    startActing(me.epa.user, { id: answer.value.representation.id, name: answer.value.representation.for.name });
    return seeOther(reply, RECORD_START);
  });

  /** "Zurück zu meiner Akte": one's own record again (needs no ePA login: it only forgets the switch). */
  app.post('/vertretung/zurueck', async (request, reply) => {
    const me = ctx.signedIn(request, reply);
    if (!me) return seeOther(reply, '/');
    stopActing(me.user);
    return seeOther(reply, localReturnPath(formBody(request.body).weiter, RECORD_START));
  });
}
