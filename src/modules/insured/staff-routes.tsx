import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { PlatformDeps } from '../../core/deps.ts';
import type { StaffShell } from '../../core/module.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { input, parseForm, parseQuery, searchOf } from '../../core/http/input.ts';
import { readMultipart } from '../../core/http/multipart.ts';
import { seeOther, sendFile, sendHtml } from '../../core/http/render.ts';
import { defineNotices } from '../../core/http/notices.ts';
import { staffGuards } from '../../core/staff/guards.ts';
import { INSURED_PATH, InsuredCreatePage, InsuredImportPage, InsuredListPage } from './pages.tsx';
import { InsuredDetailPage, type DetailFailure } from './detail-page.tsx';
import { DeviceRemovePage } from './devices-section.tsx';
import { staffActor } from './service.ts';
import { MAX_REASON } from './fields.ts';
import type { Letter } from './letters.ts';

const notices = defineNotices(
  'insured.staff',
  {
    angelegt: 'Die versicherte Person ist angelegt.',
    gesperrt: 'Die versicherte Person ist gesperrt.',
    entsperrt: 'Die versicherte Person ist entsperrt.',
    anschrift: 'Die Anschrift ist gespeichert.',
    'geraet-entfernt': 'Das Gerät ist entfernt.',
  },
  { germanOnly: true },
);

/** What an import counted, from the address it redirects to (`?neu=…&aktualisiert=…`). */
const IMPORT_COUNT = z
  .string()
  .regex(/^[0-9]{1,7}$/)
  .transform(Number);

const ADDRESS_FORM = { street: input.raw(200), postalCode: input.raw(20), city: input.raw(200) };

const PERSON_FORM = {
  kvnr: input.raw(20),
  lastName: input.raw(200),
  firstName: input.raw(200),
  birthDate: input.raw(20),
  email: input.raw(300),
  ...ADDRESS_FORM,
  aok: input.raw(20),
};

/** "Versicherte" in the back office: search, create, import, the detail page with its address, letters and devices, lock and unlock. */
export async function insuredStaffRoutes(app: FastifyInstance, deps: PlatformDeps, shell: StaffShell) {
  const { chrome } = shell;
  const { insured, insurers, identDevices } = deps;
  const pre = staffGuards(shell);
  const csrf = (request: FastifyRequest, reply: FastifyReply) => deps.sessions.csrfToken(request, reply);
  const frame = (request: FastifyRequest, reply: FastifyReply) => ({ chrome, csrf: csrf(request, reply), staff: request.staff, insurers });
  const by = (request: FastifyRequest) => staffActor(request.staff, request.ip);
  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

  app.get(INSURED_PATH, { preHandler: pre.staff }, async (request, reply) => {
    const query = parseQuery(request, { seite: input.page, neu: IMPORT_COUNT, aktualisiert: IMPORT_COUNT });
    const search = searchOf(request);
    const result = search.error ? { rows: [], total: 0, page: 1, pages: 1 } : await insured.search(by(request), search.text, query.seite ?? 1);
    const imported = query.neu !== undefined && query.aktualisiert !== undefined ? `Import abgeschlossen: ${query.neu} neu, ${query.aktualisiert} aktualisiert.` : undefined;
    return sendHtml(reply, <InsuredListPage {...frame(request, reply)} q={search.text} result={result} notice={imported} searchError={search.error} />, search.error ? 400 : 200);
  });

  app.get(`${INSURED_PATH}/neu`, { preHandler: pre.staff }, async (request, reply) => sendHtml(reply, <InsuredCreatePage {...frame(request, reply)} />));

  app.post(`${INSURED_PATH}/neu`, { preHandler: pre.staff }, async (request, reply) => {
    const form = parseForm(request, PERSON_FORM);
    const v = form.values;
    const { aok, ...person } = v;
    const created = await insured.create(by(request), { ...person, insurerId: aok });
    if (created.ok) return seeOther(reply, notices.after(`${INSURED_PATH}/${created.id}`, 'angelegt'));
    const { insurerId, ...errors } = created.errors;
    const values = Object.fromEntries(Object.keys(PERSON_FORM).map((k) => [k, form.body[k] ?? '']));
    return sendHtml(reply, <InsuredCreatePage {...frame(request, reply)} values={values} errors={{ ...errors, ...(insurerId ? { aok: insurerId } : {}) }} />, 422);
  });

  app.get(`${INSURED_PATH}/import`, { preHandler: pre.staff }, async (request, reply) => sendHtml(reply, <InsuredImportPage {...frame(request, reply)} />));

  app.post(`${INSURED_PATH}/import`, { config: { uploads: true }, preHandler: pre.staff }, async (request, reply) => {
    const page = (extra: Partial<Parameters<typeof InsuredImportPage>[0]>) => sendHtml(reply, <InsuredImportPage {...frame(request, reply)} {...extra} />, 422);
    const form = await readMultipart(request, deps.sessions).catch((error: { code?: string; statusCode?: number }) => {
      // a file over the limit can also end the whole form; the page says so instead of a bare 413
      if (error?.code === 'FST_REQ_FILE_TOO_LARGE' || error?.statusCode === 413) return null;
      throw error;
    });
    if (!form) return page({ fileError: 'insured_import.too_large' });
    const aok = (form.fields.aok ?? '').slice(0, 20);
    const admin = request.staff.role === 'admin';
    if (admin && !insurers.some((i) => i.id === aok)) return page({ aok, aokError: 'insured.insurer_required' });
    const files = form.files.filter((f) => f.name || f.bytes.length);
    const fileError = form.tooLarge ? 'insured_import.too_large' : files.length === 0 ? 'insured_import.no_file' : files.length > 1 ? 'insured_import.one_file' : undefined;
    if (fileError) return page({ aok, fileError });
    const result = await insured.importFile(by(request), admin ? aok : undefined, files[0]!.bytes, files[0]!.name ?? '');
    if (!result.ok) return page({ aok, importErrors: result.errors, truncated: result.truncated });
    return seeOther(reply, `${INSURED_PATH}?neu=${result.inserted}&aktualisiert=${result.updated}`);
  });

  async function detailPage(request: FastifyRequest, reply: FastifyReply, failure?: DetailFailure, status = 200) {
    const detail = await insured.detail(by(request), idOf(request));
    const devices = await identDevices.staff.list(by(request), idOf(request));
    return sendHtml(reply, <InsuredDetailPage {...frame(request, reply)} detail={detail} devices={devices} notice={failure ? undefined : notices.read(request)} failure={failure} />, status);
  }

  app.get(`${INSURED_PATH}/:id`, { preHandler: pre.staff }, async (request, reply) => detailPage(request, reply));

  /** Runs an action of the detail page; a refusal shows the page again with its message, what was typed kept. */
  async function act(request: FastifyRequest, reply: FastifyReply, failure: Omit<DetailFailure, 'code'>, run: () => Promise<FastifyReply>) {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof AppError) || error.status === 404 || error.status >= 500) throw error;
      return detailPage(request, reply, { ...failure, code: error.code, fields: error.fields }, error.status);
    }
  }

  for (const [path, locked, notice] of [['sperren', true, 'gesperrt'], ['entsperren', false, 'entsperrt']] as const) {
    app.post(`${INSURED_PATH}/:id/${path}`, { preHandler: pre.staff }, async (request, reply) => {
      const { reason } = parseForm(request, { reason: input.raw(MAX_REASON) }).values;
      return act(request, reply, { form: 'lock', reason }, async () => {
        await insured.setLocked(by(request), idOf(request), locked, reason ?? '');
        return seeOther(reply, notices.after(`${INSURED_PATH}/${idOf(request)}`, notice));
      });
    });
  }

  app.post(`${INSURED_PATH}/:id/anschrift`, { preHandler: pre.staff }, async (request, reply) => {
    const form = parseForm(request, ADDRESS_FORM);
    const typed = Object.fromEntries(Object.keys(ADDRESS_FORM).map((k) => [k, form.body[k] ?? '']));
    return act(request, reply, { form: 'address', address: typed }, async () => {
      await insured.changeAddress(by(request), idOf(request), form.values);
      return seeOther(reply, notices.after(`${INSURED_PATH}/${idOf(request)}`, 'anschrift'));
    });
  });

  const deviceOf = (request: FastifyRequest) => (request.params as { deviceId: string }).deviceId;
  const devicePath = `${INSURED_PATH}/:id/geraete/:deviceId/entfernen`;
  app.get(devicePath, { preHandler: pre.staff }, async (request, reply) => {
    const { person, device } = await identDevices.staff.one(by(request), idOf(request), deviceOf(request));
    return sendHtml(reply, <DeviceRemovePage {...frame(request, reply)} person={person} device={device} />);
  });

  app.post(devicePath, { preHandler: pre.staff }, async (request, reply) => {
    const { reason } = parseForm(request, { reason: input.raw(MAX_REASON) }).values;
    try {
      await identDevices.staff.remove(by(request), idOf(request), deviceOf(request), reason ?? '');
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      const { person, device } = await identDevices.staff.one(by(request), idOf(request), deviceOf(request));
      return sendHtml(reply, <DeviceRemovePage {...frame(request, reply)} person={person} device={device} reason={reason} error={error.code} />, 422);
    }
    return seeOther(reply, notices.after(`${INSURED_PATH}/${idOf(request)}`, 'geraet-entfernt'));
  });

  // the letter is the answer itself: its code is written nowhere else, so it can be fetched only now
  const sendLetter = (reply: FastifyReply, letter: Letter) => sendFile(reply, { name: letter.fileName, mime: 'application/pdf', bytes: Buffer.from(letter.pdf) });
  for (const [path, issue] of [['epa-registrieren', 'registerForEpa'], ['aktivierungsbrief', 'newLetter']] as const) {
    app.post(`${INSURED_PATH}/:id/${path}`, { preHandler: pre.staff }, async (request, reply) => {
      const { identityCheck } = parseForm(request, { identityCheck: input.raw(20) }).values;
      return act(request, reply, { form: 'letter', identityCheck }, async () => sendLetter(reply, await insured[issue](by(request), idOf(request), identityCheck)));
    });
  }
}
