import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { waitForMail, linkAfter } from '../../support/mailbox.ts';
import { activatedProvider, completedProviderRegistration, partnerClient, partnerLogin, provider, registerProviderAndConfirm, DEMO_IK, SECOND_IK, withDemoRegister } from '../../support/partner-journeys.ts';
import { samplePdf } from '../../support/samples.ts';

for (const kind of databaseKinds) {
  describe(`Gesundheitspartnerservice (${kind})`, () => {
    const t = testSystemFor(kind, withDemoRegister);

    it('cookie notice › first visit shows it with the real cookie name; Akzeptieren keeps the choice in the session cookie only', async () => {
      const c = new FormClient(t.baseUrl);
      await c.get('/partner/registrierung');
      assert.equal(c.lastStatus, 200);
      assert.match(c.text(), /Bezeichnung des Cookies pforte_session/);
      assert.match(c.text(), /Die Lebensdauer dieses Cookie entspricht der Dauer der Session/);
      assert.match(c.lastHtml, /name="weiter" value="\/partner\/registrierung"/);
      await c.postForm({ weiter: '/partner/registrierung' }, '/partner/cookies');
      assert.match(c.lastUrl, /\/partner\/registrierung\?flow=/);
      assert.match(c.text(), /Registrierung Leistungserbringer \(Administrator\)/);
      const cookies = c.cookieNames();
      assert.deepEqual(cookies, ['pforte_session']);
    });

    it('cookie notice › a foreign address in "weiter" does not redirect away', async () => {
      const c = new FormClient(t.baseUrl);
      await c.get('/partner/');
      await c.postForm({ weiter: 'https://evil.example/' }, '/partner/cookies');
      assert.match(c.lastUrl, /\/partner\/$/);
    });

    it('registration › IK lookup shows the institution on "Prüfen" without JavaScript', async () => {
      const c = await partnerClient(t);
      await c.get('/partner/registrierung');
      await c.postForm({ ik: DEMO_IK.ik, aktion: 'pruefen' }, '/partner/registrierung');
      assert.equal(c.lastStatus, 200);
      assert.match(c.text(), /Institution: Praxis Dr\. med\. Maler Montag/);
      assert.equal(c.fieldError('firstName'), null, 'Prüfen checks only the IK');
    });

    for (const [value, pattern] of [
      ['26032682', /genau 9 Ziffern/],
      ['260326823', /Prüfziffer/],
      ['26032682A', /nur aus Ziffern/],
      ['', /Institutionskennzeichen \(IK\) an/],
      ['101575510', /Prüfziffer|nicht bekannt/],
    ] as const) {
      it(`registration › IK "${value}" is refused with a clear message, nothing stored`, async () => {
        const c = await partnerClient(t);
        await c.get('/partner/registrierung');
        const fields = provider({ ik: value });
        await c.postForm(fields, '/partner/registrierung');
        assert.equal(c.lastStatus, 422);
        assert.match(c.fieldError('ik') ?? '', pattern);
        assert.match(c.lastHtml, new RegExp(`value="${fields.firstName}"`), 'typed values stay');
        const row = await t.system.deps.db.selectFrom('accounts').select('id').where('email', '=', fields.email).executeTakeFirst();
        assert.equal(row, undefined);
      });
    }

    it('registration › a valid IK that is not in the register is refused', async () => {
      const c = await partnerClient(t);
      await c.get('/partner/registrierung');
      // valid check digit, region 09, unknown serial
      await c.postForm(provider({ ik: '260999995' }), '/partner/registrierung');
      assert.equal(c.lastStatus, 422);
      assert.match(c.fieldError('ik') ?? '', /nicht bekannt/);
    });

    it('registration › JSON lookup for the page script', async () => {
      const ok = await fetch(`${t.baseUrl}/partner/ik-register/${DEMO_IK.ik}`);
      assert.equal(ok.status, 200);
      assert.equal(((await ok.json()) as { name: string }).name, 'Praxis Dr. med. Maler Montag');
      const bad = await fetch(`${t.baseUrl}/partner/ik-register/12345`);
      assert.equal(bad.status, 422);
      const unknown = await fetch(`${t.baseUrl}/partner/ik-register/260999995`);
      assert.equal(unknown.status, 404);
    });

    it('registration › the same address may have an employer account; mails name this portal', async () => {
      const fields = provider();
      const { client } = await registerProviderAndConfirm(t, fields);
      assert.match(client.text(), /E-Mail-Adresse bestätigt|erfolgreich bestätigt/);
      // manual 002 §2.3 names the confirmation "Ihre Registrierung"
      const mail = await waitForMail(t.baseUrl, fields.email, { subject: 'Ihre Registrierung' });
      assert.equal(mail.subject, 'Ihre Registrierung');
      const pdf = await client.request('GET', '/partner/registrierung/bescheinigung.pdf');
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers.get('content-type'), 'application/pdf');
      assert.match(pdf.headers.get('content-disposition') ?? '', /260326822/);
    });

    it('activation › staff activate; the mail of manual 002 §2.4 word for word; first login; IK recorded', async () => {
      const fields = provider();
      const p = await activatedProvider(t, fields);
      const mail = await waitForMail(t.baseUrl, fields.email, { subject: 'abgeschlossen' });
      assert.match(mail.text, /Ihre Registrierung als Leistungserbringer \(Administrator\) wurde erfolgreich abgeschlossen\./);
      assert.match(mail.text, /Sie können sich über den nachfolgenden Link nun bei "Mein AOK Gesundheitspartnerservice" anmelden\./);
      assert.match(mail.text, /Für den Login benutzen Sie Ihre bereits bekannten Daten\./);
      assert.match(linkAfter(mail.text, 'Zur Startseite:'), /\/partner\/$/);
      assert.match(p.client.text(), /Startseite von Mein AOK Gesundheitspartnerservice/);
      assert.match(p.client.text(), /IK-Verwaltung/);
      await p.client.get('/partner/ik-verwaltung');
      assert.match(p.client.text(), /260326822/);
      assert.match(p.client.text(), /freigeschaltet/);
    });

    it('IK-Verwaltung › a second IK: lookup, certificate, staff check, mail; other providers cannot touch it; the last IK stays', async () => {
      const a = await activatedProvider(t, provider({ ik: '510145219' }));
      const c = a.client;
      await c.get('/partner/ik-verwaltung');
      for (const [value, code] of [['33042205', /9 Ziffern/], ['330422056', /Prüfziffer/], ['260999995', /nicht bekannt/], ['510145219', /bereits von Ihnen/]] as const) {
        await c.postForm({ ik: value }, '/partner/ik-verwaltung');
        assert.ok(c.lastStatus === 422 || c.lastStatus === 409, `${value}: ${c.lastStatus}`);
        assert.match(c.fieldError('ik') ?? '', code);
      }
      await c.postForm({ ik: SECOND_IK }, '/partner/ik-verwaltung');
      assert.match(c.lastUrl, /\/partner\/ik-verwaltung\/[\w-]+\?hinweis=hinzugefuegt/);
      assert.match(c.text(), /Physiotherapie Weserufer/);
      const id = c.lastUrl.match(/ik-verwaltung\/([\w-]+)\?/)![1]!;
      const pdf = await c.request('GET', `/partner/ik-verwaltung/${id}/bescheinigung.pdf`);
      assert.equal(pdf.headers.get('content-type'), 'application/pdf');
      await c.postFiles(`/partner/ik-verwaltung/${id}/upload`, [{ name: 'Bescheinigung-IK2.pdf', bytes: await samplePdf('IK2') }]);
      assert.match(c.text(), /Bescheinigung-IK2\.pdf/);

      // another provider's LE-Admin: not found, nothing changed
      const b = await activatedProvider(t, provider({ ik: '260370111' }));
      await b.client.get(`/partner/ik-verwaltung/${id}`);
      assert.equal(b.client.lastStatus, 404);
      await b.client.get('/partner/ik-verwaltung');
      const bUsers = await t.system.deps.db.selectFrom('accounts').select('id').where('email', '=', a.fields.email).executeTakeFirstOrThrow();
      await b.client.get('/partner/nutzer');
      const resp = await b.client.request('POST', `/partner/nutzer/${bUsers.id}/sperren`, new URLSearchParams({ _csrf: b.client.csrf() }).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(resp.status, 404);
      assert.equal((await t.system.deps.db.selectFrom('accounts').select('status').where('id', '=', bUsers.id).executeTakeFirstOrThrow()).status, 'active');

      // the insurer of the second IK (Bremen) checks it
      const hb = (await t.system.deps.ikRegister.lookup(SECOND_IK))!.insurerId!;
      const { signedInStaff } = await import('../../support/staff.ts');
      const staff = await signedInStaff(t, 'clerk', hb);
      await staff.get('/backoffice/ik-nummern');
      assert.match(staff.text(), /330422055/);
      await staff.get(`/backoffice/ik-nummern/${id}`);
      await staff.postForm({}, `/backoffice/ik-nummern/${id}/freischalten`);
      assert.match(staff.lastUrl, /hinweis=freigeschaltet/);
      const mail = await waitForMail(t.baseUrl, a.fields.email, { subject: 'IK-Nummer 330422055 freigeschaltet' });
      assert.doesNotMatch(mail.text, /undefined/);
      await c.get('/partner/ik-verwaltung');
      assert.equal((c.text().match(/freigeschaltet/g) ?? []).length, 2);

      // removing: the second goes, the last one stays
      await c.get(`/partner/ik-verwaltung/${id}/entfernen`);
      await c.postForm({}, `/partner/ik-verwaltung/${id}/entfernen`);
      assert.match(c.lastUrl, /hinweis=entfernt/);
      const first = await t.system.deps.db.selectFrom('provider_iks').select('id').where('ik', '=', '510145219').where('status', '=', 'active').executeTakeFirstOrThrow();
      await c.get(`/partner/ik-verwaltung/${first.id}/entfernen`);
      await c.postForm({}, `/partner/ik-verwaltung/${first.id}/entfernen`);
      assert.equal(c.lastStatus, 409);
      assert.match(c.text(), /letzte IK-Nummer/);
    });

    it('Nutzerverwaltung › invite, give admin rights, take them back; never without an LE-Admin; users see only their rights', async () => {
      const a = await activatedProvider(t, provider({ ik: '510944103' }));
      const c = a.client;
      await c.get('/partner/nutzer');
      // the only LE-Admin cannot take their own rights or remove themselves
      const me = await t.system.deps.db.selectFrom('accounts').select('id').where('email', '=', a.fields.email).executeTakeFirstOrThrow();
      await c.postForm({}, `/partner/nutzer/${me.id}/admin-entziehen`);
      assert.equal(c.lastStatus, 409);
      assert.match(c.text(), /mindestens einen aktiven LE-Admin/);
      await c.get('/partner/nutzer');
      await c.postForm({}, `/partner/nutzer/${me.id}/entfernen`);
      assert.equal(c.lastStatus, 409);
      assert.equal((await t.system.deps.db.selectFrom('accounts').select('role').where('id', '=', me.id).executeTakeFirstOrThrow()).role, 'admin');

      const email = `kollegin.${Date.now()}@praxis-beispiel.de`;
      await c.get('/partner/nutzer');
      await c.postForm({ email }, '/partner/nutzer');
      assert.match(c.lastUrl, /hinweis=eingeladen/);
      const invitation = await waitForMail(t.baseUrl, email, { subject: 'Einladung zu „Mein AOK Gesundheitspartnerservice“' });
      assert.match(invitation.text, /Nutzer Ihrer Einrichtung/);
      const u = await partnerClient(t);
      await u.get(linkAfter(invitation.text, 'Einladung annehmen:'));
      await u.postForm({ salutation: 'Frau', title: '', firstName: 'Erika', lastName: 'Muster', password: 'Korrekt-Pferd-Batterie-42', passwordRepeat: 'Korrekt-Pferd-Batterie-42' }, '/partner/einladung');
      const user = await t.system.deps.db.selectFrom('accounts').select(['id', 'status', 'advice_access']).where('email', '=', email).executeTakeFirstOrThrow();
      assert.equal(user.status, 'active');
      assert.equal(user.advice_access, false);

      await c.get('/partner/nutzer');
      await c.postForm({}, `/partner/nutzer/${user.id}/zahlungsavise-geben`);
      assert.match(c.lastUrl, /hinweis=recht-gegeben/);
      await c.postForm({}, `/partner/nutzer/${user.id}/admin-geben`);
      assert.match(c.lastUrl, /hinweis=admin-gegeben/);
      assert.match(c.text(), /Administrator/);
      // now there are two: the first may hand over
      await c.postForm({}, `/partner/nutzer/${user.id}/admin-entziehen`);
      assert.match(c.lastUrl, /hinweis=admin-entzogen/);
      const after = await t.system.deps.db.selectFrom('accounts').select(['role', 'advice_access']).where('id', '=', user.id).executeTakeFirstOrThrow();
      assert.deepEqual(after, { role: 'user', advice_access: true });
    });

    it('Barriere melden › the report reaches the back office; bad input keeps what was typed', async () => {
      const c = await partnerClient(t);
      await c.get('/partner/barriere-melden');
      await c.postForm({ description: '', email: 'kein-at-zeichen', name: 'Eva' }, '/partner/barriere-melden');
      assert.equal(c.lastStatus, 422);
      assert.ok(c.fieldError('description'));
      assert.ok(c.fieldError('email'));
      assert.match(c.lastHtml, /value="Eva"/);
      await c.postForm({ description: 'Der Kontrast der Links im Fuß ist zu schwach.\nZweite Zeile.', page: '/partner/hilfe' }, '/partner/barriere-melden');
      assert.match(c.lastUrl, /gesendet=1/);
      const { signedInStaff } = await import('../../support/staff.ts');
      const staff = await signedInStaff(t, 'clerk', 'by');
      await staff.get('/backoffice/barrieren');
      assert.match(staff.text(), /Der Kontrast der Links im Fuß ist zu schwach/);
      await staff.postForm({}, '/backoffice/barrieren/');
      assert.match(staff.text(), /erledigt/);
    });

    it('several LE-Admins › a second registration for a managed IK joins that provider and sees its colleague', async () => {
      const first = await activatedProvider(t, provider({ ik: '510588011' }));
      const second = provider({ ik: '510588011', firstName: 'Zweite', lastName: 'Adminin' });
      const reg = await completedProviderRegistration(t, second);
      await first.staff.get(`/backoffice/registrierungen/${reg.registrationId}`);
      assert.match(first.staff.text(), /IK-Nummer 510588011/);
      await first.staff.postForm({}, `/backoffice/registrierungen/${reg.registrationId}/aktivieren`);
      const rows = await t.system.deps.db.selectFrom('accounts').select(['email', 'company', 'company_insurer_id', 'role']).where('email', 'in', [first.fields.email, second.email]).execute();
      assert.equal(new Set(rows.map((r) => `${r.company}/${r.company_insurer_id}/${r.role}`)).size, 1, JSON.stringify(rows));
      await first.client.get('/partner/nutzer');
      assert.match(first.client.text(), new RegExp(second.email.replace(/[.]/g, '\\.')));
      const live = await t.system.deps.db.selectFrom('provider_iks').select('id').where('ik', '=', '510588011').where('status', '=', 'active').execute();
      assert.equal(live.length, 1, 'the IK stays one row');
      const c = await partnerLogin(t, second, reg.state);
      assert.match(c.text(), /IK-Verwaltung/);
    });

    it('region 05 › staff hand a registration over to the other AOK; a missing choice is refused', async () => {
      const reg = await completedProviderRegistration(t, provider({ ik: '460589067' }));
      const { signedInStaff } = await import('../../support/staff.ts');
      const from = (await t.system.deps.db.selectFrom('registrations').select('insurer_id').where('id', '=', reg.registrationId).executeTakeFirstOrThrow()).insurer_id;
      const to = from === 'nw' ? 'rh' : 'nw';
      const clerk = await signedInStaff(t, 'clerk', from);
      await clerk.get(`/backoffice/registrierungen/${reg.registrationId}`);
      assert.match(clerk.text(), /An eine andere AOK abgeben/);
      await clerk.postForm({ insurerId: '' }, `/backoffice/registrierungen/${reg.registrationId}/abgeben`);
      assert.equal(clerk.lastStatus, 422);
      await clerk.postForm({ insurerId: to }, `/backoffice/registrierungen/${reg.registrationId}/abgeben`);
      assert.match(clerk.lastUrl, /abgegeben=1/);
      await clerk.get(`/backoffice/registrierungen/${reg.registrationId}`);
      assert.equal(clerk.lastStatus, 404, 'no longer in this AOK\'s scope');
      const other = await signedInStaff(t, 'clerk', to);
      await other.get('/backoffice/registrierungen');
      assert.match(other.text(), /460589067/);
    });
  });
}
