import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { chromiumSkipReason } from './steps/browser.ts';
import { systemAndChromium } from './steps/suite.ts';
import { FormClient } from '../support/browser-client.ts';
import { registeredRoutes } from '../../src/core/http/server.ts';
import { collectMisses } from '../../src/core/i18n/catalogue.ts';
import { runPartnerJourney, ADMIN, USER, FIRST_IK, SECOND_IK, ADVICE } from './support/partner-journey.ts';
import { runPostboxJourney, SUBJECT, BODY, ANSWER, LETTER_SUBJECT } from './support/postbox-journey.ts';
import { runAuthenticatorJourney } from './support/authenticator-journey.ts';
import { activatedEmployer, PASSWORD } from '../support/journeys.ts';
import { linkAfter, waitForMail } from '../support/mailbox.ts';
import { activatedProvider, provider } from '../support/partner-journeys.ts';

/**
 * Every German text of the portals has an English one: the journeys of manuals 000–002 walk the
 * portals in Chromium (start pages, registration in each state, status, device pages, app, login,
 * dashboard, postbox, users, IK-Verwaltung, eAvis) while the translator notes each text node and read
 * attribute it has no English for; so do every page without parameters and the mails sent meanwhile.
 * The pages stay German here (the journeys assert the manuals' words); the back office is German only.
 * What the journeys typed themselves (names, companies, messages) is not ours to translate.
 */

const skip = chromiumSkipReason();

/** Text that is data: what the journeys typed, addresses, codes, numbers, dates. */
function isData(text: string, typed: string[]): boolean {
  if (!/\p{L}/u.test(text)) return true;
  if (/^\S+@\S+$/.test(text) || /^https?:\/\//.test(text)) return true;
  // the names of files the journeys uploaded
  if (/^[^/]+\.(pdf|png|jpe?g|txt|csv)$/i.test(text)) return true;
  // an IBAN as the pages mask it
  if (/^[A-Z]{2}\d{2}[\d *]+$/.test(text)) return true;
  return typed.some((d) => d && (text === d || text.includes(d)));
}

/**
 * A journey is only the way through the pages here: its own e2e test fails when it breaks. One
 * that stops early is reported, and the pages it reached are still checked.
 */
async function walk(c: { diagnostic(message: string): void }, journey: () => Promise<unknown>) {
  try {
    await journey();
  } catch (error) {
    c.diagnostic(`the journey stopped early: ${String((error as Error).message).split('\n')[0]}`);
  }
}

describe('English for every German text', { skip }, () => {
  const { t, browser } = systemAndChromium('pglite', { seedDemo: true });
  const collector = collectMisses();
  after(() => collector.stop());

  test('the pages without parameters', async () => {
    const client = new FormClient(t.baseUrl);
    const urls = new Set(
      registeredRoutes(t.system.app)
        .filter((r) => r.method === 'GET' && !/[:*]/.test(r.url) && !/^\/(backoffice|mailbox|api|assets|sprache)\b/.test(r.url))
        .map((r) => r.url),
    );
    for (const url of urls) await client.get(url);
  });

  // first: its company has no other administrator yet (every test employer shares one Betriebsnummer)
  test('the employer: postbox and users', async (c) => {
    await walk(c, () => runPostboxJourney(t, browser()));
  });

  test('the employer: registration, device, app, login', async (c) => {
    await walk(c, () => runAuthenticatorJourney(t, browser()));
  });

  test('the provider: registration, IK-Verwaltung, eAvis, users', async (c) => {
    await walk(c, () => runPartnerJourney(t, browser()));
  });

  test('the employer: wrong inputs, password reset, device reset, pages that do not exist', async () => {
    const a = await activatedEmployer(t);
    const email = a.fields.email;
    const c = new FormClient(t.baseUrl);
    await c.get('/arbeitgeber/passwort-vergessen');
    await c.postForm({ email: 'kaputt' }, '/passwort-vergessen');
    await c.postForm({ email }, '/passwort-vergessen');
    const mail = await waitForMail(t.baseUrl, email, { subject: 'Neues Passwort' });
    const link = linkAfter(mail.text, 'Passwort zurücksetzen:');
    await c.get(link);
    await c.postForm({ password: 'kurz', passwordRepeat: 'anders' }, '/passwort-zuruecksetzen');
    await c.get('/arbeitgeber/passwort-zuruecksetzen?token=' + 'z'.repeat(43));
    await c.get('/arbeitgeber/gibt-es-nicht');

    const l = new FormClient(t.baseUrl);
    await l.get('/arbeitgeber/login');
    await l.postForm({ email, password: 'Falsches-Passwort-1234' }, '/arbeitgeber/login');
    await l.postForm({ email, password: PASSWORD }, '/arbeitgeber/login');
    await l.postForm({ code: '000000' }, '/sicherheitscode');
    const reset = l.lastHtml.match(/href="(\/arbeitgeber\/geraet-zuruecksetzen\?flow=[^"]+)"/);
    assert.ok(reset, 'the security code page offers the device reset');
    await l.get(reset[1]!.replace(/&amp;/g, '&'));
    await l.postForm({}, '/geraet-zuruecksetzen');
    await l.get('/arbeitgeber/registrierung/bescheinigung');
    await l.get('/arbeitgeber/registrierung/geraet');
    const resetMail = await waitForMail(t.baseUrl, email, { subject: 'Zurücksetzung beantragt' });
    const cancel = new FormClient(t.baseUrl);
    await cancel.get(linkAfter(resetMail.text, 'Zurücksetzung abbrechen:'));
  });

  test('the signed-in pages over HTTP: dashboards, postbox, users, IK-Verwaltung, eAvis', async () => {
    const employer = await activatedEmployer(t);
    const e = new FormClient(t.baseUrl);
    await e.get('/arbeitgeber/login');
    await e.postForm({ email: employer.fields.email, password: PASSWORD }, '/arbeitgeber/login');
    for (const path of ['/arbeitgeber/startseite', '/arbeitgeber/postfach', '/arbeitgeber/postfach/neu', '/arbeitgeber/nutzer']) await e.get(path);

    const p = await activatedProvider(t, provider());
    const c = p.client;
    for (const path of ['/partner/startseite', '/partner/postfach', '/partner/postfach/neu', '/partner/nutzer', '/partner/ik-verwaltung', '/partner/zahlungsavise']) await c.get(path);
    await c.get('/partner/ik-verwaltung');
    await c.postForm({ ik: '123' }, '/partner/ik-verwaltung');
    await c.get('/partner/nutzer');
    await c.postForm({ email: 'kaputt' }, '/partner/nutzer');
  });

  test('no German text is left without English', async () => {
    const typed = [
      ...Object.values(ADMIN),
      ...Object.values(USER),
      ...Object.values(FIRST_IK),
      ...Object.values(SECOND_IK),
      ...Object.values(ADVICE).filter((v) => typeof v === 'string'),
      ...ADVICE.items.flatMap((item) => Object.values(item)),
      SUBJECT,
      ANSWER,
      LETTER_SUBJECT,
      ...BODY.split('\n'),
      'Jürgen',
      'Weiß',
      'Dr.',
    ].filter((s) => s.length > 2);
    const missing = [...collector.misses].filter((m) => !isData(m, typed)).sort();
    if (process.env.PFORTE_I18N_MISSES) writeFileSync(process.env.PFORTE_I18N_MISSES, `${JSON.stringify(missing, null, 1)}\n`);
    assert.deepEqual(missing, [], `German texts without English (src/platform/i18n/pages.en.ts, mails.en.ts):\n${missing.join('\n')}`);
  });
});
