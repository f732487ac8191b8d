import Html from '@kitajs/html';
import type { FastifyInstance } from 'fastify';
import type { Insurer } from '../../../core/config/insurers.ts';
import { formBody } from '../../../core/http/forms.ts';
import { seeOther, sendHtml } from '../../../core/http/render.ts';
import { t } from '../../../core/i18n/de.ts';
import { checkKvnr } from '../../../core/identifiers/checks.ts';
import type { DesktopContext } from '../server.tsx';
import { storedEpa, type EpaLogins } from './login-state.ts';
import { SetupPage, type SetupErrors } from './pages.tsx';

/**
 * The tile "Elektronische Patientenakte (ePA)" and, the first time for a local user, "AOK-Kasse" and
 * "Versichertennummer" (manual 003 §4), kept in the user's encrypted file with the device key made then.
 */
export function setupRoutes(app: FastifyInstance, ctx: DesktopContext, logins: EpaLogins, insurers: readonly Pick<Insurer, 'id' | 'name'>[], start: string) {
  function setupErrors(form: { kasse: string; kvnr: string }): { errors: SetupErrors; kvnr?: string } {
    const errors: SetupErrors = {};
    if (!form.kasse) errors.kasse = t('epa_login.kasse_required');
    else if (!insurers.some((i) => i.id === form.kasse)) errors.kasse = t('epa_login.kasse_unknown');
    const kvnr = checkKvnr(form.kvnr);
    if (!kvnr.ok) errors.kvnr = t(kvnr.code);
    return { errors, kvnr: kvnr.ok ? kvnr.value : undefined };
  }

  /** The tile: the first time the Kasse and KVNR, then the Ident login, the unlock or the record. */
  app.get('/epa', async (request, reply) => {
    const me = ctx.signedIn(request, reply);
    if (!me) return seeOther(reply, '/');
    const stored = storedEpa(me.user);
    if (!stored.kvnr) return sendHtml(reply, <SetupPage signed={me.signed} insurers={[...insurers]} />);
    const state = logins.states.get(me.user);
    if (!state) return seeOther(reply, '/epa/anmelden');
    return seeOther(reply, state.device === 'unlocked' ? start : '/epa/freischalten');
  });

  app.get('/epa/angaben', async (request, reply) => {
    const me = ctx.signedIn(request, reply);
    if (!me) return seeOther(reply, '/');
    const stored = storedEpa(me.user);
    return sendHtml(reply, <SetupPage signed={me.signed} insurers={[...insurers]} kasse={stored.kasse} kvnr={stored.kvnr} change={stored.kvnr !== undefined} />);
  });

  app.post('/epa', async (request, reply) => {
    const me = ctx.signedIn(request, reply);
    if (!me) return seeOther(reply, '/');
    const form = formBody(request.body);
    const values = { kasse: (form.kasse ?? '').slice(0, 20), kvnr: (form.kvnr ?? '').slice(0, 40) };
    const checked = setupErrors(values);
    if (!checked.kvnr || Object.keys(checked.errors).length) {
      const change = storedEpa(me.user).kvnr !== undefined;
      return sendHtml(reply, <SetupPage signed={me.signed} insurers={[...insurers]} kasse={values.kasse} kvnr={values.kvnr} errors={checked.errors} change={change} />, 400);
    }
    if (storedEpa(me.user).kvnr !== checked.kvnr) await logins.end(me.user);
    me.user.data.epa = { ...me.user.data.epa, kasse: values.kasse, kvnr: checked.kvnr };
    ctx.users.save(me.user);
    // the device key is made now, once, and kept with them
    await logins.keysOf(me.user);
    return seeOther(reply, '/epa/anmelden');
  });
}
