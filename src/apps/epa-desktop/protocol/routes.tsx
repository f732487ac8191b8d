import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isErrorCode } from '../../../core/errors/app-error.ts';
import { seeOther, sendFile, sendHtml } from '../../../core/http/render.ts';
import { t } from '../../../core/i18n/de.ts';
import type { EpaRecordsContext, EpaSignedIn } from '../epa-login/section.tsx';
import type { RecordApiError } from '../record-api.ts';
import { recordApiFor } from '../documents/api.ts';
import { signedNow } from '../representation/acting.ts';
import { ProtocolPage, type ProtocolErrors } from './pages.tsx';
import { protocolQuery, protocolState, protocolHref, type ProtocolState } from './state.ts';

/** The day in Berlin, for the saved PDF's name. */
const berlinDay = (date: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(date);

/** A refusal's status for the page: the service's 4xx as it is, anything else (not reached, 5xx) a 502. */
const pageStatus = (error: RecordApiError) => (error.status >= 400 && error.status < 500 ? error.status : 502);

/**
 * "Protokoll" after the ePA login (the records screens' guard): `/epa/protokoll` with the period and
 * kind in its address and pages of 25, and `/epa/protokoll.pdf`, the record service's PDF of the same
 * selection. While the person acts for someone, both are that person's Protokoll.
 */
export function protocolRoutes(app: FastifyInstance, ctx: EpaRecordsContext) {
  async function page(reply: FastifyReply, epa: EpaSignedIn, state: ProtocolState, extra: { error?: string; status?: number } = {}) {
    const api = await recordApiFor(ctx, epa);
    const answer = await api.protocol(protocolQuery(state));
    if (answer.ok) {
      // a page past the end (a narrower filter): the last one
      if (state.seite > answer.value.pages) return seeOther(reply, protocolHref(state, { seite: answer.value.pages }));
      return sendHtml(reply, <ProtocolPage signed={signedNow(epa)} kvnr={epa.kvnr} state={state} list={answer.value} error={extra.error} />, extra.status ?? 200);
    }
    const error = answer.error;
    if (error.code === 'form.invalid') {
      const errors: ProtocolErrors = {};
      for (const field of ['von', 'bis', 'art'] as const) {
        const code = error.details[field];
        if (code) errors[field] = isErrorCode(code) ? t(code) : error.message;
      }
      return sendHtml(reply, <ProtocolPage signed={signedNow(epa)} kvnr={epa.kvnr} state={state} errors={errors} />, 400);
    }
    return sendHtml(reply, <ProtocolPage signed={signedNow(epa)} kvnr={epa.kvnr} state={state} error={error.message} />, pageStatus(error));
  }

  app.get('/epa/protokoll', async (request, reply) => {
    const epa = ctx.epa(request, reply);
    if (!epa) return seeOther(reply, '/epa');
    return page(reply, epa, protocolState(request.query));
  });

  /** "Als PDF speichern": the Protokoll of this selection, every page, as the record service makes it. */
  app.get('/epa/protokoll.pdf', async (request, reply) => {
    const epa = ctx.epa(request, reply);
    if (!epa) return seeOther(reply, '/epa');
    const state = protocolState(request.query);
    const api = await recordApiFor(ctx, epa);
    const { page: _page, ...filter } = protocolQuery(state);
    const answer = await api.protocolPdf(filter);
    if (!answer.ok) {
      return page(reply, epa, { ...state, seite: 1 }, { error: answer.error.message, status: pageStatus(answer.error) });
    }
    return sendFile(reply, { name: `ePA-Protokoll-${berlinDay(ctx.clock.now())}.pdf`, mime: 'application/pdf', bytes: Buffer.from(answer.value) });
  });
}
