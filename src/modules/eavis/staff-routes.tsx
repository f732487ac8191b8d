import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { PlatformDeps } from '../../core/deps.ts';
import type { StaffShell } from '../../core/module.ts';
import type { StaffMember } from '../../core/staff/service.ts';
import { staffGuards } from '../../core/staff/guards.ts';
import { BO } from '../../core/staff/shell.tsx';
import { AppError, type FieldErrors } from '../../core/errors/app-error.ts';
import { input, parseQuery } from '../../core/http/input.ts';
import { defineNotices } from '../../core/http/notices.ts';
import { readMultipart } from '../../core/http/multipart.ts';
import { seeOther, sendFile, sendHtml } from '../../core/http/render.ts';
import { checkIk } from '../../core/identifiers/checks.ts';
import { MAX_ITEMS, fieldLabel } from './model.ts';
import { importAdvices, type ImportProblem } from './import.ts';
import { EavisBatchError } from './service.ts';
import { adviceFromForm, readPublishForm } from './publish-form.ts';
import { OverviewPage, StaffAdvicePage } from './staff-pages/advices.tsx';
import { ImportPage } from './staff-pages/import.tsx';
import { PublishPage, ROWS_MORE, ROWS_START } from './staff-pages/publish.tsx';

/** After a redirect to the overview; the import's sentence counts what it published (`&anzahl=`). */
const staffNotices = defineNotices<'bestaetigt' | 'abgelehnt' | 'veroeffentlicht' | 'importiert', number>(
  'eavis.staff',
  {
    bestaetigt: 'Der Antrag wurde bestätigt. Die Administratoren des Leistungserbringers wurden per E-Mail informiert.',
    abgelehnt: 'Der Antrag wurde abgelehnt. Die Administratoren des Leistungserbringers wurden per E-Mail informiert.',
    veroeffentlicht: 'Das Zahlungsavis wurde veröffentlicht. Der Leistungserbringer wurde per E-Mail (ohne Inhalt) informiert.',
    importiert: (count) => `${count} Zahlungsavis${count === 1 ? ' wurde' : 'e wurden'} veröffentlicht. Die Leistungserbringer wurden per E-Mail (ohne Inhalt) informiert.`,
  },
  { sample: 2, germanOnly: true },
);

const OVERVIEW_QUERY = {
  ik: input.one,
  seite: input.one,
  anzahl: z.unknown().transform((value) => Number.parseInt(String(value ?? '0'), 10) || 0),
};

/**
 * The insurer's side of the eAvis (manual 002): the work list "eAvis-Anträge" (applications
 * and endings to confirm), the published advices, publishing one advice by form and many by
 * a CSV or JSON import (all or nothing).
 */
export async function eavisBackofficeRoutes(app: FastifyInstance, deps: PlatformDeps, shell: StaffShell) {
  const { eavis, sessions } = deps;
  const { chrome } = shell;
  const pre = staffGuards(shell);
  const csrf = (request: FastifyRequest, reply: FastifyReply) => sessions.csrfToken(request, reply);
  const bar = (request: FastifyRequest, reply: FastifyReply, staff: StaffMember) => ({ chrome, insurers: deps.insurers, staff, csrf: csrf(request, reply) });
  const insurerName = (id: string) => deps.insurers.find((i) => i.id === id)?.name ?? id;
  const adviceId = (request: FastifyRequest) => (request.params as { id: string }).id;

  async function overview(request: FastifyRequest, reply: FastifyReply, messages: { notice?: string; error?: string; status?: number } = {}) {
    const member = request.staff;
    const q = parseQuery(request, OVERVIEW_QUERY);
    const ikRaw = q.ik !== undefined ? q.ik.trim().slice(0, 20) : '';
    const page = Math.min(10_000, Math.max(1, Number.parseInt(q.seite !== undefined ? q.seite.slice(0, 6) : '1', 10) || 1));
    let ikError: string | undefined;
    let ik: string | undefined;
    if (ikRaw) {
      const r = checkIk(ikRaw);
      if (r.ok) ik = r.value;
      else ikError = r.code;
    }
    const [pending, published] = await Promise.all([eavis.pending(member), eavis.listForStaff(member, { ik, page })]);
    const props = { ...bar(request, reply, member), pending, published, ikRaw, ik, ikError, page, ...messages };
    return sendHtml(reply, <OverviewPage {...props} />, messages.status ?? (ikError ? 422 : 200));
  }

  app.get(`${BO}/zahlungsavise`, { preHandler: pre.staff }, async (request, reply) => {
    const count = parseQuery(request, OVERVIEW_QUERY).anzahl ?? 0;
    return overview(request, reply, { notice: staffNotices.read(request, count) });
  });

  for (const [path, approve] of [['bestaetigen', true], ['ablehnen', false]] as const) {
    app.post(`${BO}/zahlungsavise/antraege/:id/${path}`, { preHandler: pre.staff }, async (request, reply) => {
      try {
        await eavis.decide(request.staff, adviceId(request), approve, request.ip);
      } catch (error) {
        if (error instanceof AppError && error.code === 'eavis.nothing_pending') return overview(request, reply, { error: error.code, status: 409 });
        throw error;
      }
      return seeOther(reply, staffNotices.after(`${BO}/zahlungsavise`, approve ? 'bestaetigt' : 'abgelehnt'));
    });
  }

  app.get(`${BO}/zahlungsavise/:id`, { preHandler: pre.staff }, async (request, reply) => {
    const advice = await eavis.getForStaff(request.staff, adviceId(request), request.ip);
    return sendHtml(reply, <StaffAdvicePage {...bar(request, reply, request.staff)} advice={advice} />);
  });

  for (const format of ['pdf', 'csv'] as const) {
    app.get(`${BO}/zahlungsavise/:id/${format}`, { preHandler: pre.staff }, async (request, reply) =>
      sendFile(reply, await eavis.documentForStaff(request.staff, adviceId(request), format, request.ip)),
    );
  }

  app.get(`${BO}/zahlungsavise/veroeffentlichen`, { preHandler: pre.staff }, async (request, reply) => {
    const member = request.staff;
    const payer = member.role === 'clerk' && member.insurerId ? insurerName(member.insurerId) : '';
    return sendHtml(reply, <PublishPage {...bar(request, reply, member)} rows={ROWS_START} values={{ payer }} errors={{}} />);
  });

  app.post(`${BO}/zahlungsavise/veroeffentlichen`, { preHandler: pre.staff }, async (request, reply) => {
    const member = request.staff;
    const { aktion, shownRows, values } = readPublishForm(request.body);
    const again = (rows: number, errors: FieldErrors, status: number) => sendHtml(reply, <PublishPage {...bar(request, reply, member)} rows={rows} values={values} errors={errors} />, status);
    if (aktion === 'mehr') return again(Math.min(MAX_ITEMS, shownRows + ROWS_MORE), {}, 200);
    const { input: advice, errors, toFormField } = adviceFromForm(values, shownRows);
    if (Object.keys(errors).length) return again(shownRows, errors, 422);
    try {
      await eavis.publish(member, [advice], 'form', request.ip);
    } catch (error) {
      if (!(error instanceof EavisBatchError)) throw error;
      for (const p of error.problems) errors[toFormField(p.field)] ??= p.code;
      return again(shownRows, errors, 422);
    }
    return seeOther(reply, staffNotices.after(`${BO}/zahlungsavise`, 'veroeffentlicht'));
  });

  app.get(`${BO}/zahlungsavise/import`, { preHandler: pre.staff }, async (request, reply) => sendHtml(reply, <ImportPage {...bar(request, reply, request.staff)} />));

  app.post(`${BO}/zahlungsavise/import`, { config: { uploads: true }, preHandler: pre.staff }, async (request, reply) => {
    const member = request.staff;
    const form = await readMultipart(request, sessions);
    const again = (props: { error?: string; problems?: ImportProblem[] }, status: number) => sendHtml(reply, <ImportPage {...bar(request, reply, member)} {...props} />, status);
    if (form.tooLarge) return again({ error: 'upload.too_large' }, 413);
    if (form.files.length !== 1) return again({ error: 'upload.none' }, 422);
    const result = importAdvices(form.files[0]!);
    if (!result.ok) {
      const fileLevel = result.problems.length === 1 && result.problems[0]!.field === 'datei' && result.problems[0]!.line === undefined;
      return again(fileLevel ? { error: result.problems[0]!.code } : { problems: result.problems }, 422);
    }
    try {
      const published = await eavis.publish(member, result.advices, result.source, request.ip);
      return seeOther(reply, `${staffNotices.after(`${BO}/zahlungsavise`, 'importiert')}&anzahl=${published.ids.length}`);
    } catch (error) {
      if (!(error instanceof EavisBatchError)) throw error;
      const problems: ImportProblem[] = error.problems.map((p) => {
        const origin = result.origins[p.index] ?? p.index;
        return result.source === 'csv'
          ? { line: origin, field: p.field, label: fieldLabel(p.field), code: p.code }
          : { index: origin, field: p.field, label: fieldLabel(p.field), code: p.code };
      });
      return again({ problems }, 422);
    }
  });
}
