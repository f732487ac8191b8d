import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { PlatformDeps } from '../../core/deps.ts';
import type { StaffShell } from '../../core/module.ts';
import { AppError, isErrorCode } from '../../core/errors/app-error.ts';
import { parseQuery } from '../../core/http/input.ts';
import { readMultipart } from '../../core/http/multipart.ts';
import { seeOther, sendHtml } from '../../core/http/render.ts';
import { defineNotices } from '../../core/http/notices.ts';
import { staffGuards } from '../../core/staff/guards.ts';
import { staffActor } from '../insured/service.ts';
import { INSURED_PATH } from '../insured/pages.tsx';
import { RecordPage, recordPath, type RecordPageProps } from './staff-pages.tsx';
import { DOCUMENT_SORTS, MAX_DOCUMENT_BYTES, MAX_TITLE } from './service.ts';
import { staffDocuments } from './staff-view.ts';

const notices = defineNotices('epa_records.staff', { hinzugefuegt: 'Das Dokument ist der Patientenakte hinzugefügt.' }, { germanOnly: true });

const SORT_QUERY = { sortierung: z.enum(DOCUMENT_SORTS as [string, ...string[]]), richtung: z.enum(['asc', 'desc']) };
const FIELDS = ['typ', 'titel', 'datei'] as const;

/** "Patientenakte" of an insured person in the back office: the documents' metadata and "Dokument hinzufügen". */
export async function epaRecordsStaffRoutes(app: FastifyInstance, deps: PlatformDeps, shell: StaffShell) {
  const { epaRecords, insurers } = deps;
  const pre = staffGuards(shell);
  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

  async function page(request: FastifyRequest, reply: FastifyReply, extra: Pick<RecordPageProps, 'values' | 'errors'> = {}, status = 200) {
    const by = staffActor(request.staff, request.ip);
    const person = await epaRecords.personForStaff(by, idOf(request));
    const query = parseQuery(request, SORT_QUERY);
    const sort = (query.sortierung ?? 'erstelldatum') as RecordPageProps['sort'];
    const direction = query.richtung ?? 'desc';
    const documents = person.record_id ? staffDocuments(await epaRecords.list(epaRecords.staffAccess(by, person.insurer_id), person.id, { sort, direction }), sort, direction) : [];
    const csrf = deps.sessions.csrfToken(request, reply);
    return sendHtml(
      reply,
      <RecordPage chrome={shell.chrome} csrf={csrf} staff={request.staff} insurers={insurers} person={person} documents={documents} sort={sort} direction={direction} notice={status === 200 ? notices.read(request) : undefined} {...extra} />,
      status,
    );
  }

  app.get(`${INSURED_PATH}/:id/patientenakte`, { preHandler: pre.staff }, async (request, reply) => page(request, reply));

  app.post(`${INSURED_PATH}/:id/patientenakte`, { config: { uploads: true, uploadMaxBytes: MAX_DOCUMENT_BYTES }, preHandler: pre.staff }, async (request, reply) => {
    const by = staffActor(request.staff, request.ip);
    // the scope first: a person of another AOK is "not found" before anything of the form is read
    const person = await epaRecords.personForStaff(by, idOf(request));
    const form = await readMultipart(request, deps.sessions, { maxBytes: MAX_DOCUMENT_BYTES });
    const values = { typ: (form.fields.typ ?? '').slice(0, 20), titel: (form.fields.titel ?? '').slice(0, MAX_TITLE + 50) };
    const refused = (code: string, field: (typeof FIELDS)[number], status: number) => page(request, reply, { values, errors: { [field]: code } }, status);
    if (form.tooLarge) return refused('epa_record.too_large', 'datei', 413);
    const files = form.files.filter((f) => f.name || f.bytes.length);
    if (files.length !== 1) return refused('epa_record.file_required', 'datei', 422);
    try {
      await epaRecords.add(epaRecords.staffAccess(by, person.insurer_id), person.id, { title: values.titel, classCode: values.typ, fileName: files[0]!.name ?? '', bytes: files[0]!.bytes });
    } catch (error) {
      if (!(error instanceof AppError) || error.status === 404 || error.status >= 500) throw error;
      const field = FIELDS.find((f) => error.fields[f]) ?? 'datei';
      return refused(isErrorCode(error.code) ? error.code : 'request.malformed', field, error.status);
    }
    return seeOther(reply, notices.after(recordPath(person.id), 'hinzugefuegt'));
  });
}
