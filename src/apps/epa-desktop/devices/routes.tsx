import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isErrorCode } from '../../../core/errors/app-error.ts';
import { formBody, textField } from '../../../core/http/forms.ts';
import { defineNotices } from '../../../core/http/notices.ts';
import { seeOther, sendHtml } from '../../../core/http/render.ts';
import { t } from '../../../core/i18n/de.ts';
import type { EpaDeviceView } from '../../../modules/epa-access/service.ts';
import type { EpaRecordsContext, EpaSignedIn } from '../epa-login/section.tsx';
import type { RecordApi, RecordApiError } from '../record-api.ts';
import { recordApiFor } from '../documents/api.ts';
import { signedNow } from '../representation/acting.ts';
import { startNotices } from '../start-notices.ts';
import { ActingDevicesPage, DEVICES_PATH, DEVICE_NAME_MAX, DevicesPage, RemoveDevicePage, RenameDevicePage } from './pages.tsx';

export const deviceNotices = defineNotices(
  'epa-desktop/geraete',
  {
    umbenannt: 'Das Gerät wurde umbenannt.',
    entfernt: 'Das Gerät wurde entfernt. Es kann nicht mehr auf Ihre ePA zugreifen.',
  },
  { germanOnly: true },
);

/** A refusal's status for the page: the service's 4xx as it is, anything else (not reached, 5xx) a 502. */
const pageStatus = (error: RecordApiError) => (error.status >= 400 && error.status < 500 ? error.status : 502);

/** The name as the record service checks it (trimmed, 1–60 characters, no control characters); the German message otherwise. */
function checkName(value: string | undefined): { name?: string; error?: string } {
  const checked = textField(value, { max: DEVICE_NAME_MAX });
  return checked.ok ? { name: checked.value } : { error: t(checked.code) };
}

/**
 * "Registrierte Geräte" behind the ePA login (issue 15 §5): the person's devices from the record
 * service, "Umbenennen" and "Entfernen" (after a confirmation that says what follows). Removing the
 * device this program is ends the ePA login here and the local session, like "Abmelden"; the start
 * screen says why, and the next ePA login unlocks the device again with a new Bestätigungscode.
 *
 * Devices are one's own: the record service's device routes act on the caller whatever the
 * representation header says. While the person acts for someone, the screen says so and offers the
 * way back instead of listing anything, and its forms change nothing.
 */
export function deviceRoutes(app: FastifyInstance, ctx: EpaRecordsContext) {
  type Me = { epa: EpaSignedIn; api: RecordApi };

  /** The signed-in ePA with its client; otherwise the reply is sent (the ePA tile, or the acting page). */
  async function signedIn(request: FastifyRequest, reply: FastifyReply): Promise<Me | undefined> {
    const epa = ctx.epa(request, reply);
    if (!epa) {
      seeOther(reply, '/epa');
      return undefined;
    }
    const signed = signedNow(epa);
    if (signed.actingFor) {
      await sendHtml(reply, <ActingDevicesPage signed={signed} kvnr={epa.kvnr} />, request.method === 'GET' ? 200 : 403);
      return undefined;
    }
    return { epa, api: await recordApiFor(ctx, epa) };
  }

  async function listPage(reply: FastifyReply, me: Me, extra: { notice?: string; error?: string; status?: number } = {}) {
    const signed = signedNow(me.epa);
    const answer = await me.api.devices();
    if (!answer.ok) return sendHtml(reply, <DevicesPage signed={signed} kvnr={me.epa.kvnr} devices={[]} error={answer.error.message} />, pageStatus(answer.error));
    return sendHtml(reply, <DevicesPage signed={signed} kvnr={me.epa.kvnr} devices={answer.value.devices} notice={extra.notice} error={extra.error} />, extra.status ?? 200);
  }

  /** The device `id` as the list names it; otherwise the list is sent with the refusal. */
  async function deviceOf(reply: FastifyReply, me: Me, id: string): Promise<EpaDeviceView | undefined> {
    const answer = await me.api.devices();
    if (!answer.ok) {
      await sendHtml(reply, <DevicesPage signed={signedNow(me.epa)} kvnr={me.epa.kvnr} devices={[]} error={answer.error.message} />, pageStatus(answer.error));
      return undefined;
    }
    const device = answer.value.devices.find((d) => d.id === id);
    if (!device) await sendHtml(reply, <DevicesPage signed={signedNow(me.epa)} kvnr={me.epa.kvnr} devices={answer.value.devices} error={t('epa.device_not_found')} />, 404);
    return device;
  }

  /** The signed-in ePA and the device of the address; otherwise the reply is sent. */
  async function withDevice(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply): Promise<{ me: Me; device: EpaDeviceView } | undefined> {
    const me = await signedIn(request, reply);
    const device = me ? await deviceOf(reply, me, request.params.id) : undefined;
    return me && device ? { me, device } : undefined;
  }

  app.get(DEVICES_PATH, async (request, reply) => {
    const me = await signedIn(request, reply);
    if (!me) return reply;
    return listPage(reply, me, { notice: deviceNotices.read(request) });
  });

  app.get<{ Params: { id: string } }>(`${DEVICES_PATH}/:id/umbenennen`, async (request, reply) => {
    const found = await withDevice(request, reply);
    if (!found) return reply;
    const { me, device } = found;
    return sendHtml(reply, <RenameDevicePage signed={signedNow(me.epa)} device={device} />);
  });

  /** "Speichern": the name checked here as the record service does, its refusal at the field too. */
  app.post<{ Params: { id: string } }>(`${DEVICES_PATH}/:id/umbenennen`, async (request, reply) => {
    const found = await withDevice(request, reply);
    if (!found) return reply;
    const { me, device } = found;
    const typed = (formBody(request.body).name ?? '').slice(0, 1000);
    const checked = checkName(typed);
    if (!checked.name) return sendHtml(reply, <RenameDevicePage signed={signedNow(me.epa)} device={device} name={typed} error={checked.error} />, 400);
    const answer = await me.api.renameDevice(device.id, checked.name);
    if (!answer.ok) {
      const code = answer.error.details.name;
      const error = code && isErrorCode(code) ? t(code) : answer.error.message;
      return sendHtml(reply, <RenameDevicePage signed={signedNow(me.epa)} device={device} name={typed} error={error} />, pageStatus(answer.error));
    }
    return seeOther(reply, deviceNotices.after(DEVICES_PATH, 'umbenannt'));
  });

  /** "Entfernen": the confirmation first, saying what follows. */
  app.get<{ Params: { id: string } }>(`${DEVICES_PATH}/:id/entfernen`, async (request, reply) => {
    const found = await withDevice(request, reply);
    if (!found) return reply;
    const { me, device } = found;
    return sendHtml(reply, <RemoveDevicePage signed={signedNow(me.epa)} device={device} />);
  });

  app.post<{ Params: { id: string } }>(`${DEVICES_PATH}/:id/entfernen`, async (request, reply) => {
    const found = await withDevice(request, reply);
    if (!found) return reply;
    const { me, device } = found;
    const answer = await me.api.removeDevice(device.id);
    if (!answer.ok) return sendHtml(reply, <RemoveDevicePage signed={signedNow(me.epa)} device={device} error={answer.error.message} />, pageStatus(answer.error));
    if (!device.current) return seeOther(reply, deviceNotices.after(DEVICES_PATH, 'entfernt'));
    // this device: its key no longer reaches the record, so the ePA login here ends, and the local session with it
    await me.epa.end();
    ctx.sessions.logout(request, reply);
    return seeOther(reply, startNotices.after('/', 'geraet_entfernt'));
  });
}
