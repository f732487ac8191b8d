import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import type { StaffShell } from '../../core/module.ts';
import { isId } from '../../core/ids/secrets.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { sendFile, seeOther, sendHtml } from '../../core/http/render.ts';
import { decryptFile } from '../../core/files/encryption.ts';
import { BO } from '../../core/staff/shell.tsx';
import { createWorklist, type WorklistFilter } from './worklist.ts';
import { RegistrationDetailPage, WorklistPage } from './pages/worklist.tsx';
import { staffGuards } from '../../core/staff/guards.ts';
import { input, parseForm, parseQuery, searchOf, single } from '../../core/http/input.ts';
import { defineNotices } from '../../core/http/notices.ts';

/** "Registrierungen zur Prüfung": the registrations staff check, with their files, and the decisions on them. */
/** After a decision on the work list: `?abgelehnt=1`, `?abgegeben=1`. */
const worklistNotices = defineNotices(
  'registration.worklist',
  {
    abgelehnt: 'Die Registrierung wurde abgelehnt; der Administrator wurde per E-Mail informiert.',
    abgegeben: 'Die Registrierung wurde an die andere AOK abgegeben.',
  },
  { flags: true, germanOnly: true },
);
/** After the activation: `?aktiviert=1`. */
const detailNotices = defineNotices('registration.detail', { aktiviert: 'Der Zugang wurde aktiviert; die E-Mail an den Administrator ist unterwegs.' }, { flags: true, germanOnly: true });

export async function registrationStaffRoutes(app: FastifyInstance, deps: PlatformDeps, shell: StaffShell) {
  const { chrome } = shell;
  const pre = staffGuards(shell);
  const worklist = createWorklist(deps);
  const csrf = (request: FastifyRequest, reply: FastifyReply) => deps.sessions.csrfToken(request, reply);

  app.get(`${BO}/registrierungen`, { preHandler: pre.staff }, async (request, reply) => {
    const member = request.staff;
    const q = parseQuery(request, single('seite', 'sortierung'));
    const page = Math.min(10_000, Math.max(1, Number.parseInt(q.seite ?? '1', 10) || 1));
    const search = searchOf(request);
    const filter: WorklistFilter = { q: search.text, order: q.sortierung === 'neueste' ? 'newest' : 'oldest', page };
    const result = search.error ? { total: 0, rows: [] } : await worklist.list(member, filter);
    const notice = worklistNotices.read(request);
    const html = <WorklistPage chrome={chrome} csrf={csrf(request, reply)} staff={member} insurers={deps.insurers} filter={filter} result={result} notice={notice} searchError={search.error} />;
    return sendHtml(reply, html, search.error ? 400 : 200);
  });

  function registrationId(request: FastifyRequest): string {
    const id = (request.params as { id: string }).id;
    if (!isId(id)) throw new AppError('request.not_found', 404);
    return id;
  }

  app.get(`${BO}/registrierungen/:id`, { preHandler: pre.staff }, async (request, reply) => {
    const member = request.staff;
    const detail = await worklist.detail(member, registrationId(request), request.ip);
    const notice = detailNotices.read(request);
    return sendHtml(reply, <RegistrationDetailPage chrome={chrome} csrf={csrf(request, reply)} staff={member} insurers={deps.insurers} detail={detail} notice={notice} />);
  });

  app.post(`${BO}/registrierungen/:id/aktivieren`, { preHandler: pre.staff }, async (request, reply) => {
    const member = request.staff;
    const id = registrationId(request);
    try {
      await worklist.activate(member, id, request.ip);
    } catch (error) {
      if (error instanceof AppError && error.code.startsWith('backoffice.')) {
        const detail = await worklist.detail(member, id, request.ip);
        return sendHtml(reply, <RegistrationDetailPage chrome={chrome} csrf={csrf(request, reply)} staff={member} insurers={deps.insurers} detail={detail} error={error.code} />, 409);
      }
      throw error;
    }
    return seeOther(reply, detailNotices.after(`${BO}/registrierungen/${id}`, 'aktiviert'));
  });

  app.post(`${BO}/registrierungen/:id/ablehnen`, { preHandler: pre.staff }, async (request, reply) => {
    const member = request.staff;
    const id = registrationId(request);
    const form = parseForm(request, { reason: input.text({ max: 1000 }) });
    const show = async (error: string, status: number, value = '') => {
      const detail = await worklist.detail(member, id, request.ip);
      return sendHtml(reply, <RegistrationDetailPage chrome={chrome} csrf={csrf(request, reply)} staff={member} insurers={deps.insurers} detail={detail} error={error} reason={value} />, status);
    };
    if (!form.ok) {
      const code = form.errors.reason!;
      return show(code === 'field.required' ? 'backoffice.reason_required' : code, 422, (form.body.reason ?? '').slice(0, 1000));
    }
    try {
      await worklist.reject(member, id, form.values.reason, request.ip);
    } catch (error) {
      if (error instanceof AppError && error.code.startsWith('backoffice.')) return show(error.code, 409);
      throw error;
    }
    return seeOther(reply, worklistNotices.after(`${BO}/registrierungen`, 'abgelehnt'));
  });

  app.post(`${BO}/registrierungen/:id/abgeben`, { preHandler: pre.staff }, async (request, reply) => {
    const member = request.staff;
    const id = registrationId(request);
    try {
      await worklist.handOver(member, id, parseForm(request, { insurerId: input.raw(20) }).values.insurerId ?? '', request.ip);
    } catch (error) {
      if (error instanceof AppError && error.code.startsWith('backoffice.')) {
        const detail = await worklist.detail(member, id, request.ip);
        return sendHtml(reply, <RegistrationDetailPage chrome={chrome} csrf={csrf(request, reply)} staff={member} insurers={deps.insurers} detail={detail} error={error.code} />, error.status);
      }
      throw error;
    }
    return seeOther(reply, worklistNotices.after(`${BO}/registrierungen`, 'abgegeben'));
  });

  app.get(`${BO}/registrierungen/:id/dateien/:fileId`, { preHandler: pre.staff }, async (request, reply) => {
    const member = request.staff;
    const fileId = (request.params as { fileId: string }).fileId;
    if (!isId(fileId)) throw new AppError('request.not_found', 404);
    const file = await worklist.file(member, registrationId(request), fileId, request.ip);
    const bytes = decryptFile(deps.fileKey, { iv: file.iv, tag: file.tag, ciphertext: file.content });
    // only PDF and images are shown inline (under a sandboxing CSP); everything else is a download
    const inline = !parseQuery(request, { download: input.flag }).download && /^(application\/pdf|image\/(png|jpeg|gif))$/.test(file.mime);
    return sendFile(reply, { name: file.name, mime: file.mime, bytes }, { inline });
  });
}
