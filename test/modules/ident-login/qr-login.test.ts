import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FormClient } from '../../support/browser-client.ts';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor, type TestSystem } from '../../support/system.ts';
import { ACR_HIGH } from '../../../src/modules/ident-provider/provider-config.ts';
import { exchange, loopbackForSuite } from '../ident-provider/support.ts';
import { appApprove, appCall, appDecline, personWithApp, pforteIdent, qrLogin, shownRequest, terminalPerson, wrongNumber } from './support.ts';

const auditOf = async (t: TestSystem, action: string) =>
  t.system.deps.db.selectFrom('audit_log').select(['actor', 'subject', 'outcome', 'data']).where('action', '=', action as never).orderBy('id').execute();

for (const kind of databaseKinds) {
  describe(`AOK Ident › QR login (${kind})`, () => {
    const t = testSystemFor(kind);
    const callback = loopbackForSuite();

    const login = () => qrLogin(t, callback);
    const person = () => personWithApp(t);

    test('the page shows the QR code, a code to type and a number; the app approves with the right number and its code; the browser goes on to the client', async () => {
      const p = await person();
      const started = await login();
      const page = started.browser.text();
      assert.match(page, /Bitte scannen Sie den QR-Code ein, um in Ihre „AOK Ident“-App zu gelangen\. Befolgen Sie die Anweisungen auf dem mobilen Gerät und geben Sie anschließend Ihren GesundheitsID-Code ein\./);
      assert.match(started.browser.lastHtml, /<svg role="img" aria-label="QR-Code für die „AOK Ident“-App"/);
      assert.match(started.browser.lastHtml, /<script src="\/assets\/build\/ident-login\.js" defer>/);
      const shown = shownRequest(started.browser);
      assert.match(shown.shortCode, /^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

      // the typed code finds the same request as the QR code; the app sees who asks, from where, and three numbers
      const byCode = await appCall(t, '', { code: shown.shortCode.toLowerCase().replace('-', ' ') });
      assert.equal(byCode.status, 200, JSON.stringify(byCode.data));
      const byId = await appCall(t, '', { id: shown.id });
      assert.deepEqual(byId.data, byCode.data);
      assert.equal(byId.data.clientName, 'AOK Mein Leben');
      assert.equal(byId.data.browser, 'Firefox 133 auf Windows');
      assert.equal(byId.data.choices.length, 3);
      assert.ok(byId.data.choices.includes(shown.number));
      assert.deepEqual((await appCall(t, '', { id: shown.id })).data.choices, byId.data.choices, 'the same three every time');

      const status = `/ident/interaction/${started.uid}/status?request=${shown.id}`;
      assert.equal((await (await started.browser.get(status)).json()).state, 'waiting');
      const approved = await appApprove(t, p.device, shown.id, shown.number);
      assert.equal(approved.status, 200, JSON.stringify(approved.data));
      assert.deepEqual(approved.data, { clientName: 'AOK Mein Leben' });
      assert.equal((await (await started.browser.get(status)).json()).state, 'approved');

      // without script: "Weiter" asks, and the page hands back to the client (manual 003 §4.2)
      await started.browser.get(`/ident/interaction/${started.uid}`);
      assert.match(started.browser.text(), /Öffne AOK Mein Leben\.app/);
      const link = /<a class="button" href="([^"]+)"/.exec(started.browser.lastHtml)![1]!;
      await started.browser.get(link.replace(/&amp;/g, '&'));
      const tokens = await exchange(started.config, started, new URL(started.browser.lastUrl));
      assert.equal(tokens.claims()!.kvnr, p.kvnr);
      assert.equal(tokens.claims()!.acr, ACR_HIGH);
      assert.deepEqual(tokens.claims()!.amr, ['mfa', 'pin', 'swk']);

      const row = await t.system.deps.db.selectFrom('ident_login_requests').select(['state', 'device_id']).where('id', '=', shown.id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { state: 'used', device_id: p.device.deviceId });
      const [entry] = await auditOf(t, 'ident.request_approved');
      assert.equal(entry!.actor, `insured:${p.id}`);
      assert.equal((entry!.data as Record<string, unknown>).device, p.device.deviceId);
      assert.equal((await auditOf(t, 'ident.login_approved')).at(-1)!.subject, p.id);
    });

    test('a request is approved once: a second approval and a second scan are refused, and logged', async () => {
      const p = await person();
      const started = await login();
      const shown = shownRequest(started.browser);
      assert.equal((await appApprove(t, p.device, shown.id, shown.number)).status, 200);
      const again = await appApprove(t, p.device, shown.id, shown.number);
      assert.deepEqual([again.status, again.data.error], [409, 'ident.request_answered']);
      assert.match(again.data.message, /bereits bestätigt oder abgelehnt/);
      const scan = await appCall(t, '', { id: shown.id });
      assert.deepEqual([scan.status, scan.data.error], [409, 'ident.request_answered']);
      assert.ok((await auditOf(t, 'ident.request_refused')).some((e) => (e.data as Record<string, unknown>).request === shown.id));
    });

    test('a wrong number ends the request before any code is checked; the page says so and offers a new QR code', async () => {
      const p = await person();
      const started = await login();
      const shown = shownRequest(started.browser);
      const { data } = await appCall(t, '', { id: shown.id });
      const wrong = await appApprove(t, p.device, shown.id, wrongNumber(data.choices, shown.number), '000000');
      assert.deepEqual([wrong.status, wrong.data.error], [409, 'ident.request_number_wrong']);
      const device = await t.system.deps.db.selectFrom('ident_devices').select('failed_codes').where('id', '=', p.device.deviceId).executeTakeFirstOrThrow();
      assert.equal(device.failed_codes, 0, 'no code was checked');
      assert.equal((await appApprove(t, p.device, shown.id, shown.number)).data.error, 'ident.request_answered');

      await started.browser.get(`/ident/interaction/${started.uid}`);
      assert.match(started.browser.text(), /In der „AOK Ident“-App wurde eine andere Zahl gewählt als die hier angezeigte/);
      await started.browser.postForm({}, `/ident/interaction/${started.uid}/neu`);
      const next = shownRequest(started.browser);
      assert.notEqual(next.id, shown.id);
      assert.equal((await appApprove(t, p.device, next.id, next.number)).status, 200);
      assert.equal((await auditOf(t, 'ident.request_number_wrong')).length >= 1, true);
    });

    test('"Ablehnen" in the app, signed by the device without the code, ends the request; the page says so', async () => {
      const p = await person();
      const started = await login();
      const shown = shownRequest(started.browser);
      assert.equal((await appDecline(t, p.device, shown.id)).status, 204);
      assert.equal((await appDecline(t, p.device, shown.id)).data.error, 'ident.request_answered');
      await started.browser.get(`/ident/interaction/${started.uid}`);
      assert.match(started.browser.text(), /Die Anmeldung wurde in der „AOK Ident“-App abgelehnt\./);
      assert.match(started.browser.text(), /Neuen QR-Code anzeigen/);
      const declined = (await auditOf(t, 'ident.request_declined')).find((e) => (e.data as Record<string, unknown>).request === shown.id);
      assert.deepEqual([declined?.actor, declined?.subject, (declined?.data as Record<string, unknown>).device], [`insured:${p.id}`, p.id, p.device.deviceId]);
    });

    test('a request lives 90 seconds: then the app is refused and the page offers a new one; a new one ends the old one', async () => {
      const p = await person();
      const started = await login();
      const first = shownRequest(started.browser);
      t.clock.advance(91_000);
      const late = await appCall(t, '', { id: first.id });
      assert.deepEqual([late.status, late.data.error], [410, 'ident.request_expired']);
      assert.equal((await appApprove(t, p.device, first.id, first.number)).data.error, 'ident.request_expired');
      await started.browser.get(`/ident/interaction/${started.uid}`);
      assert.match(started.browser.text(), /Der QR-Code ist abgelaufen\./);
      await started.browser.postForm({}, `/ident/interaction/${started.uid}/neu`);
      const second = shownRequest(started.browser);
      // the page's script renews it before its time: the second one is dead too
      const csrf = /data-csrf="([^"]+)"/.exec(started.browser.lastHtml)![1]!;
      await started.browser.request('POST', `/ident/interaction/${started.uid}/neu`, new URLSearchParams({ _csrf: csrf }), { 'content-type': 'application/x-www-form-urlencoded' });
      const third = shownRequest(started.browser);
      assert.equal((await appCall(t, '', { id: second.id })).data.error, 'ident.request_expired');
      assert.equal((await appCall(t, '', { code: third.shortCode })).status, 200);

      // the housekeeping deletes a request a day after its time ran out
      const left = async () => (await t.system.deps.db.selectFrom('ident_login_requests').select('id').where('interaction_uid', '=', started.uid).execute()).map((r) => r.id).sort();
      t.clock.advance(24 * 60 * 60_000);
      assert.ok((await t.system.deps.identLogin.sweep()) >= 1);
      assert.deepEqual(await left(), [second.id, third.id].sort());
    });

    test('a QR code shown to another browser: the context shows who asks, only that browser goes on, and no other browser can follow it', async () => {
      const p = await person();
      const attacker = await login();
      const relayed = shownRequest(attacker.browser);
      const victim = await login();
      const own = shownRequest(victim.browser);
      // the app shows the attacker's browser and the client, so the person can decline
      assert.equal((await appCall(t, '', { id: relayed.id })).data.browser, 'Firefox 133 auf Windows');
      // the victim's browser cannot ask for the attacker's request, neither under its own login nor under the attacker's
      await victim.browser.get(`/ident/interaction/${victim.uid}/status?request=${relayed.id}`);
      assert.equal(victim.browser.lastStatus, 404);
      await victim.browser.get(`/ident/interaction/${attacker.uid}/status?request=${relayed.id}`);
      assert.equal(victim.browser.lastStatus, 404);
      const stranger = new FormClient(t.baseUrl);
      await stranger.get(`/ident/interaction/${attacker.uid}`);
      assert.equal(stranger.lastStatus, 404);
      await stranger.request('POST', `/ident/interaction/${attacker.uid}/neu`, new URLSearchParams({ _csrf: 'x' }), { 'content-type': 'application/x-www-form-urlencoded' });
      assert.notEqual(stranger.lastStatus, 303);

      assert.equal((await appApprove(t, p.device, relayed.id, relayed.number)).status, 200);
      // the approval completes the login that showed the code, in its browser only
      await victim.browser.get(`/ident/interaction/${victim.uid}`);
      assert.equal(shownRequest(victim.browser).id, own.id);
      await attacker.browser.get(`/ident/interaction/${attacker.uid}`);
      assert.match(attacker.browser.text(), /Öffne AOK Mein Leben\.app/);
    });

    test('a locked device and five wrong GesundheitsID-Codes: refused, the request stays waiting', async () => {
      const p = await person();
      const started = await login();
      const shown = shownRequest(started.browser);
      for (let i = 1; i <= 4; i++) {
        const wrong = await appApprove(t, p.device, shown.id, shown.number, '909090');
        assert.deepEqual([wrong.status, wrong.data.error, wrong.data.details?.attemptsLeft], [401, 'ident_app.code_wrong', String(5 - i)]);
      }
      const fifth = await appApprove(t, p.device, shown.id, shown.number, '909090');
      assert.deepEqual([fifth.status, fifth.data.error], [423, 'ident_app.device_locked']);
      const locked = await appApprove(t, p.device, shown.id, shown.number);
      assert.deepEqual([locked.status, locked.data.error], [423, 'ident_app.device_locked']);
      assert.equal((await appCall(t, '', { id: shown.id })).status, 200, 'still waiting');
    });

    test('pforte-ident approve: the typed code declined after showing who asks; a wrong --number ends the request with exit code 4', async () => {
      const person = await terminalPerson(t);
      const started = await login();
      const first = shownRequest(started.browser);
      const declined = await pforteIdent(['approve', '--code', first.shortCode, '--decline', '--data', person.data]);
      assert.equal(declined.code, 0, declined.err);
      assert.match(declined.err, /Anmeldung bei AOK Mein Leben\n {2}angefragt von: Firefox 133 auf Windows/);
      assert.match(declined.err, /Anmeldung abgelehnt\./);
      await started.browser.get(`/ident/interaction/${started.uid}`);
      await started.browser.postForm({}, `/ident/interaction/${started.uid}/neu`);
      const second = shownRequest(started.browser);
      const { data } = await appCall(t, '', { id: second.id });
      const wrong = await pforteIdent(['approve', '--code', second.shortCode, '--number', String(wrongNumber(data.choices, second.number)), '--pin-stdin', '--data', person.data], '470815\n');
      assert.equal(wrong.code, 4, wrong.err);
      assert.match(wrong.err, /Die gewählte Zahl ist nicht die Zahl der Anmeldeseite/);
    });

    test('limits: lookups per address, and unknown codes say so', async () => {
      const unknown = await appCall(t, '', { code: 'AAAA-AAAA' }, '203.0.113.99');
      assert.deepEqual([unknown.status, unknown.data.error], [404, 'ident.request_unknown']);
      for (let i = 0; i < 29; i++) await appCall(t, '', { code: 'AAAA-AAAA' }, '203.0.113.99');
      const limited = await appCall(t, '', { code: 'AAAA-AAAA' }, '203.0.113.99');
      assert.equal(limited.status, 429);
    });
  });
}
