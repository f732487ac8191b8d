import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { journeyDatabase } from '../support/databases.ts';
import { browsers, chromiumSkipReason } from './steps/browser.ts';
import { systemAndChromium } from './steps/suite.ts';
import { heading } from './steps/page.ts';
import { CODE } from '../modules/ident-devices/support.ts';
import { pforteIdent, qrLinkOnPage, terminalPerson } from '../modules/ident-login/support.ts';
import { startEpaDesktop } from '../../src/apps/epa-desktop/cli.ts';
import { clockAtRealTime } from '../modules/epa-access/support.ts';
import { discover, exchange, loopbackForSuite, oauthError, pushLogin, refresh } from '../modules/ident-provider/support.ts';

/**
 * A shared computer: one browser in which person X logged in through the AOK Ident (approved with X's
 * `pforte-ident`) and did not log out; then person Y logs in in the same browser with Y's own terminal.
 * Y gets in with Y's tokens, X's login at the provider ends, and the Protokoll has both logins. The
 * same with `pforte-epa`, whose loopback address is the client's: two local users on one computer.
 */

const skip = chromiumSkipReason();

for (const kind of journeyDatabase('pglite')) {
  describe(`AOK Ident: another person logs in in a browser that still holds a login (${kind})`, { skip }, () => {
    const { t, browser } = systemAndChromium(kind);
    const callback = loopbackForSuite();
    // pforte-epa checks the tokens on the computer's clock
    clockAtRealTime(t);

    /** The ePA client's login (PAR, PKCE, DPoP, loopback redirect) in `page`, approved on the person's terminal. */
    async function loginIn(page: Page, person: { data: string }) {
      const config = await discover(t);
      const pushed = await pushLogin(config, `${callback().base}/callback`);
      await page.goto(pushed.url.href);
      await heading(page, '„AOK Ident“-App Anmeldung');
      await approveOnTerminal(page, person);
      return { config, pushed };
    }

    /** The page's QR code and number approved with `pforte-ident approve`; then "Öffne AOK Mein Leben.app". */
    async function approveOnTerminal(page: Page, person: { data: string }) {
      const number = (await page.locator('.ident-qr__number strong').textContent())!.trim();
      const approved = await pforteIdent(['approve', '--url', await qrLinkOnPage(await page.content()), '--number', number, '--pin-stdin', '--data', person.data], `${CODE}\n`);
      assert.equal(approved.code, 0, approved.err);
      await page.getByRole('link', { name: 'Öffne AOK Mein Leben.app' }).click();
    }

    /** The client's side once the browser reached its loopback address: the code for tokens. */
    async function tokensAtCallback(page: Page, login: Awaited<ReturnType<typeof loginIn>>) {
      await page.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\/callback\?/);
      return exchange(login.config, login.pushed, new URL(page.url()));
    }

    test('Y approves on Y’s terminal where X is still logged in: after "Weiter" the client gets Y’s tokens, X’s login ends, both are in the Protokoll', async () => {
      const x = await terminalPerson(t);
      const y = await terminalPerson(t);
      const profiles = browsers(browser());
      const page = await profiles.page();

      const first = await loginIn(page, x);
      const tokensX = await tokensAtCallback(page, first);
      assert.equal(tokensX.claims()!.kvnr, x.kvnr);

      const second = await loginIn(page, y);
      await heading(page, 'Anmeldung wechseln');
      await page.getByRole('button', { name: 'Weiter' }).click();
      const tokensY = await tokensAtCallback(page, second);
      assert.equal(tokensY.claims()!.kvnr, y.kvnr);

      // X's login at the provider ended with the switch: X's refresh token no longer renews anything
      await assert.rejects(refresh(first.config, tokensX.refresh_token!), oauthError('invalid_grant'));
      const entries = await t.system.deps.db.selectFrom('audit_log').select(['action', 'subject']).where('subject', 'in', [x.id, y.id]).where('action', 'like', 'ident.%').orderBy('id').execute();
      const of = (id: string) => entries.filter((e) => e.subject === id).map((e) => e.action);
      assert.ok(of(x.id).includes('ident.login_approved') && of(x.id).includes('ident.grant_revoked'), JSON.stringify(of(x.id)));
      assert.ok(of(y.id).includes('ident.login_approved') && !of(y.id).includes('ident.grant_revoked'), JSON.stringify(of(y.id)));
      await profiles.close();
    });

    test('pforte-epa on a shared computer: X logged in to the ePA, then local user Y logs in with Y’s terminal; "Weiter" leads to Y’s "Endgerät freischalten"', async () => {
      const x = await terminalPerson(t);
      const y = await terminalPerson(t);
      const started = await startEpaDesktop(['--data', join(mkdtempSync(join(tmpdir(), 'pforte-epa-switch-')), 'daten'), '--server', t.baseUrl, '--no-open'], {
        out: () => undefined,
        err: (line) => console.error(line),
        sleep: async () => undefined,
      });
      assert.ok(typeof started !== 'number');
      const program = started;
      const profiles = browsers(browser());
      const page = await profiles.page();

      /** A new local user opens the ePA tile, names the person's Versichertennummer, and approves on the terminal. */
      async function epaLogin(name: string, person: { kvnr: string; data: string }) {
        await page.goto(program.launchUrl());
        await page.getByRole('link', { name: 'Neuen lokalen Benutzer anlegen' }).click();
        await page.getByLabel('Benutzername').fill(name);
        await page.getByLabel('Kennwort', { exact: true }).fill('Lindenblüte am Fluss 7');
        await page.getByLabel('Kennwort wiederholen').fill('Lindenblüte am Fluss 7');
        await page.getByLabel('Nutzungsbedingungen zur Kenntnis genommen').check();
        await page.getByRole('button', { name: 'Benutzer anlegen' }).click();
        await page.getByRole('link', { name: /Elektronische Patientenakte \(ePA\)/ }).click();
        await page.getByLabel('AOK-Kasse').selectOption({ label: 'AOK Baden-Württemberg' });
        await page.getByLabel('Versichertennummer').fill(person.kvnr);
        await page.getByRole('button', { name: 'Weiter zur „AOK Ident“-App' }).click();
        await heading(page, '„AOK Ident“-App Anmeldung');
        await approveOnTerminal(page, person);
      }

      try {
        await epaLogin('Xaver Muster', x);
        await heading(page, 'Endgerät freischalten');
        await page.getByRole('button', { name: 'Abmelden' }).first().click();
        await heading(page, 'Anmelden');

        await epaLogin('Yvonne Muster', y);
        await heading(page, 'Anmeldung wechseln');
        await page.getByRole('button', { name: 'Weiter' }).click();
        await heading(page, 'Endgerät freischalten');
        assert.match(page.url(), /^http:\/\/127\.0\.0\.1:\d+\/epa\/freischalten$/);
        const approvals = await t.system.deps.db.selectFrom('audit_log').select('subject').where('action', '=', 'ident.login_approved').where('subject', 'in', [x.id, y.id]).orderBy('id').execute();
        assert.deepEqual(approvals.map((a) => a.subject), [x.id, y.id]);
      } finally {
        await profiles.close();
        await program.close();
      }
    });
  });
}
