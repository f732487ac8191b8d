import Html from '@kitajs/html';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isErrorCode } from '../../../core/errors/app-error.ts';
import { localReturnPath } from '../../../core/http/forms.ts';
import { readMultipart } from '../../../core/http/multipart.ts';
import { defineNotices } from '../../../core/http/notices.ts';
import { seeOther, sendFile, sendHtml } from '../../../core/http/render.ts';
import { t } from '../../../core/i18n/de.ts';
import type { EpaRecords, EpaRecordsContext, EpaSignedIn } from '../epa-login/section.tsx';
import type { RecordApi, RecordApiError } from '../record-api.ts';
import { recordApiFor } from './api.ts';
import { signedNow } from '../representation/acting.ts';
import { apiQuery, listHref, listState, stateOf, type ListState } from './list-state.ts';
import { DeleteDocumentPage } from './delete-page.tsx';
import { DocumentsPage, type DocumentsView, type ListErrors } from './list-page.tsx';
import { DocumentProblemPage } from './problem-page.tsx';
import { AddDocumentPage, type AddErrors } from './upload-page.tsx';

/** The record service's limit per document ("bis 25 MB", meant as MiB); a bigger file is refused here, before it is sent on. */
export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;
const MAX_TITLE = 200;
/** "Als PDF speichern" takes at most this many (the record service's limit). */
const MAX_EXPORT = 100;
const NOT_FOUND = 'Das Dokument wurde nicht gefunden. Vielleicht wurde es bereits gelöscht.';

export const documentNotices = defineNotices(
  'epa-desktop/dokumente',
  { hinzugefuegt: 'Das Dokument wurde hinzugefügt.', geloescht: 'Das Dokument wurde gelöscht.' },
  { germanOnly: true },
);

/** The refusal's German words: the record service's own, a missing document said as such. */
function refusalText(error: RecordApiError): string {
  if (error.status === 404) return NOT_FOUND;
  return error.message;
}

/** Per field of `fields`, the message the record service gave it (its code's text); the rest of the refusal for the page. */
function fieldRefusals<F extends string>(error: RecordApiError, fields: readonly F[]): { fields: Partial<Record<F, string>>; page?: string } {
  const found: Partial<Record<F, string>> = {};
  for (const field of fields) {
    const code = error.details[field];
    if (code) found[field] = isErrorCode(code) ? t(code) : error.message;
  }
  return Object.keys(found).length ? { fields: found } : { fields: found, page: refusalText(error) };
}

/** A refusal's status for the page: the service's 4xx as it is, anything else (not reached, 5xx) a 502. */
const pageStatus = (error: RecordApiError) => (error.status >= 400 && error.status < 500 ? error.status : 502);

/** The ids of the checked documents, or of the whole page for "alle auswählen". */
function checkedIds(body: Record<string, unknown>): string[] {
  const list = (value: unknown) => (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 100);
  const ids = body.alle === 'ja' ? list(body.auf_seite) : list(body.dokument);
  return [...new Set(ids)].slice(0, MAX_EXPORT + 1);
}

/** "Dokument.pdf" → "Dokument": the title a document without one gets. */
function titleFromFileName(name: string): string {
  const base = name.replace(/^.*[\\/]/, '');
  const dot = base.lastIndexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base).slice(0, MAX_TITLE);
}

/** The day in Berlin, for the saved PDF's name. */
const berlinDay = (date: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(date);

/**
 * The record's screens "Dokumente" (manual 003 §4.4), the ePA login's `EpaRecords`: the list (search,
 * filters, sort, pages), "Als PDF speichern", "Dokument hinzufügen", opening a document (counted by
 * the record service), "Löschen" with its confirmation. Every call goes through `recordApiFor`.
 */
export const documentScreens: EpaRecords = {
  start: '/epa/dokumente',
  routes(app, ctx: EpaRecordsContext) {
    /** The signed-in ePA and its record API client, or a redirect to the ePA login. */
    async function signedIn(request: FastifyRequest, reply: FastifyReply): Promise<{ epa: EpaSignedIn; api: RecordApi } | undefined> {
      const epa = ctx.epa(request, reply);
      if (!epa) {
        seeOther(reply, '/epa');
        return undefined;
      }
      return { epa, api: await recordApiFor(ctx, epa) };
    }

    /** The list as `state` says, with what else the page shows; a refused search or filter at its field. */
    async function listPage(reply: FastifyReply, epa: EpaSignedIn, api: RecordApi, state: ListState, extra: Partial<DocumentsView> = {}, status = 200) {
      const view: DocumentsView = { signed: epa.signed, kvnr: epa.kvnr, state, ...extra };
      let answer = await api.listDocuments(apiQuery(state));
      if (!answer.ok && answer.error.status === 400) {
        // a wrong search or filter: named at its field, the list shown without them
        const refused = fieldRefusals<keyof ListErrors>(answer.error, ['q', 'typ', 'von', 'bis', 'autor']);
        view.errors = refused.fields;
        if (refused.page) view.error = refused.page;
        answer = await api.listDocuments(apiQuery({ ...state, q: '', typ: '', von: '', bis: '', autor: '', seite: 1 }));
        status = 400;
      }
      // after the calls: a representation that ended meanwhile is said here, and the list is one's own
      view.signed = signedNow(epa);
      if (!answer.ok) return sendHtml(reply, <DocumentsPage {...view} error={refusalText(answer.error)} />, pageStatus(answer.error));
      // a page past the end (documents deleted meanwhile): the last one
      if (answer.value.documents.length === 0 && answer.value.pages > 0 && state.seite > answer.value.pages) return seeOther(reply, listHref(state, { seite: answer.value.pages }));
      return sendHtml(reply, <DocumentsPage {...view} list={answer.value} />, status);
    }

    app.get('/epa/dokumente', async (request, reply) => {
      const me = await signedIn(request, reply);
      if (!me) return reply;
      return listPage(reply, me.epa, me.api, stateOf(request), { notice: documentNotices.read(request) });
    });

    /** "Als PDF speichern": the checked documents as one PDF, a download named by the day. */
    app.post('/epa/dokumente/pdf', async (request, reply) => {
      const me = await signedIn(request, reply);
      if (!me) return reply;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const back = localReturnPath(body.zurueck, '/epa/dokumente');
      const state = listState(Object.fromEntries(new URL(back, 'http://pforte.invalid').searchParams));
      const ids = checkedIds(body);
      if (ids.length === 0) return listPage(reply, me.epa, me.api, state, { error: t('epa_record.export_none') }, 422);
      if (ids.length > MAX_EXPORT) return listPage(reply, me.epa, me.api, state, { error: t('epa_record.export_too_many') }, 422);
      const answer = await me.api.exportDocuments(ids);
      if (!answer.ok) return listPage(reply, me.epa, me.api, state, { error: refusalText(answer.error) }, pageStatus(answer.error));
      return sendFile(reply, { name: `ePA-Dokumente-${berlinDay(ctx.clock.now())}.pdf`, mime: 'application/pdf', bytes: Buffer.from(answer.value.pdf) });
    });

    app.get('/epa/dokumente/hinzufuegen', async (request, reply) => {
      const epa = ctx.epa(request, reply);
      if (!epa) return seeOther(reply, '/epa');
      return sendHtml(reply, <AddDocumentPage signed={signedNow(epa)} />);
    });

    /** "Dokument hinzufügen": the file read here (25 MB at most), then sent on to the record service. */
    app.post('/epa/dokumente/hinzufuegen', { config: { uploads: true, uploadMaxBytes: MAX_DOCUMENT_BYTES } }, async (request, reply) => {
      const me = await signedIn(request, reply);
      if (!me) return reply;
      const form = await readMultipart(request, ctx.sessions, { maxBytes: MAX_DOCUMENT_BYTES });
      const typ = (form.fields.typ ?? '').slice(0, 20);
      const titel = (form.fields.titel ?? '').slice(0, MAX_TITLE + 50);
      const again = (errors: AddErrors, status: number, error?: string) => sendHtml(reply, <AddDocumentPage signed={signedNow(me.epa)} typ={typ} titel={titel} errors={errors} error={error} />, status);
      if (form.tooLarge) return again({ datei: t('epa_record.too_large') }, 413);
      const file = form.files[0];
      if (!file || form.files.length !== 1) return again({ datei: t('epa_record.file_required') }, 422);
      const answer = await me.api.addDocument({ typ, titel: titel.trim() ? titel : titleFromFileName(file.name), fileName: file.name, bytes: file.bytes });
      if (!answer.ok) {
        const refused = fieldRefusals<keyof AddErrors>(answer.error, ['datei', 'typ', 'titel']);
        return again(refused.fields, pageStatus(answer.error), refused.page);
      }
      return seeOther(reply, documentNotices.after('/epa/dokumente', 'hinzugefuegt'));
    });

    /** Opening a title: the document itself (the record service counts the access). */
    app.get<{ Params: { id: string } }>('/epa/dokumente/:id', async (request, reply) => {
      const me = await signedIn(request, reply);
      if (!me) return reply;
      const answer = await me.api.openDocument(request.params.id);
      if (!answer.ok) return sendHtml(reply, <DocumentProblemPage signed={signedNow(me.epa)} title="Dokument öffnen" message={refusalText(answer.error)} />, pageStatus(answer.error));
      const { bytes, contentType, fileName } = answer.value;
      return sendFile(reply, { name: fileName ?? 'Dokument', mime: contentType, bytes: Buffer.from(bytes) }, { inline: true });
    });

    /** "Löschen": the confirmation with the warning; the document's facts from the list the link was on. */
    app.get<{ Params: { id: string } }>('/epa/dokumente/:id/loeschen', async (request, reply) => {
      const me = await signedIn(request, reply);
      if (!me) return reply;
      const state = stateOf(request);
      const back = listHref(state);
      const list = await me.api.listDocuments(apiQuery(state));
      const doc = list.ok ? list.value.documents.find((d) => d.id === request.params.id) : undefined;
      return sendHtml(reply, <DeleteDocumentPage signed={signedNow(me.epa)} id={request.params.id} doc={doc} back={back} />);
    });

    app.post<{ Params: { id: string } }>('/epa/dokumente/:id/loeschen', async (request, reply) => {
      const me = await signedIn(request, reply);
      if (!me) return reply;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const back = localReturnPath(body.zurueck, '/epa/dokumente');
      const answer = await me.api.deleteDocument(request.params.id);
      if (!answer.ok) {
        return sendHtml(reply, <DeleteDocumentPage signed={signedNow(me.epa)} id={request.params.id} back={back} error={refusalText(answer.error)} />, pageStatus(answer.error));
      }
      return seeOther(reply, documentNotices.after(back.startsWith('/epa/dokumente') ? back : '/epa/dokumente', 'geloescht'));
    });
  },
};
