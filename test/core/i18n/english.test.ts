import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { translateHtml } from '../../../src/core/i18n/translate-html.ts';
import { english } from '../../../src/core/i18n/catalogue.ts';
import { negotiateLocale } from '../../../src/core/i18n/locale.ts';
import { translateMail } from '../../../src/core/i18n/translate-mail.ts';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { person } from '../../support/journeys.ts';
import { waitForMail } from '../../support/mailbox.ts';

const catalogue = (table: Record<string, string>) => (text: string) => table[text];

describe('translating a German page', () => {
  test('only texts of the catalogue change; markup, user data and their escaping stay byte for byte', () => {
    const lookup = catalogue({ Weiter: 'Next', 'Bitte wählen': 'Please choose', Hinweis: 'Notice' });
    const html =
      '<!doctype html><html lang="de"><head><title>Hinweis</title><script>var s = "Weiter";</script></head>' +
      '<body><p class="x">  Weiter  </p><p>Weiter &amp; mehr</p><p>&lt;b&gt;Weiter&lt;/b&gt; von &quot;Müller&quot; &#39;x&#39;</p>' +
      '<input type="submit" value="Weiter"><input type="text" name="q" value="Weiter"><textarea>Weiter</textarea>' +
      '<a title="Bitte wählen" data-x="Weiter">Bitte&#32;wählen</a><span translate="no">Weiter<b>Weiter</b></span><code>Weiter</code></body></html>';
    const out = translateHtml(html, lookup, 'en');
    assert.equal(
      out,
      '<!doctype html><html lang="en"><head><title>Notice</title><script>var s = "Weiter";</script></head>' +
        '<body><p class="x">  Next  </p><p>Weiter &amp; mehr</p><p>&lt;b&gt;Weiter&lt;/b&gt; von &quot;Müller&quot; &#39;x&#39;</p>' +
        '<input type="submit" value="Next"><input type="text" name="q" value="Weiter"><textarea>Weiter</textarea>' +
        '<a title="Please choose" data-x="Weiter">Please choose</a><span translate="no">Weiter<b>Weiter</b></span><code>Weiter</code></body></html>',
    );
  });

  test('the English text is escaped on output', () => {
    assert.equal(translateHtml('<p>A</p><a title="A">x</a>', catalogue({ A: '<b>"&\'' }), 'en'), '<p>&lt;b>&#34;&amp;&#39;</p><a title="&lt;b>&#34;&amp;&#39;">x</a>');
  });

  test('a page without a known text is returned as it was (the same string)', () => {
    const html = '<p>Nur Daten: Jürgen Weiß &lt;x&gt;</p>';
    assert.equal(translateHtml(html, english, 'en').length, html.length);
  });

  test('texts with numbers, dates and names go through patterns', () => {
    assert.equal(english('Schritt 2 von 4'), 'Step 2 of 4');
    assert.equal(english('(3 Anhänge)'), '(3 attachments)');
    assert.equal(english('Persönliche Daten – Mein AOK Arbeitgeberservice'), 'Personal data – Mein AOK Arbeitgeberservice');
    assert.equal(english('Unbekannter Satz – Mein AOK Arbeitgeberservice'), undefined);
    // error texts come from de.ts/en.ts by their code
    assert.equal(english('Bitte füllen Sie dieses Feld aus.'), 'Please fill in this field.');
  });

  test('a mail: subject, text lines (links kept) and html', () => {
    const mail = translateMail({
      subject: 'Neue Nachricht in Ihrem Postfach',
      text: 'Guten Tag,\n\nZum Postfach: https://portal.example/arbeitgeber/postfach\n\nMit freundlichen Grüßen\nIhre AOK Bayern - Die Gesundheitskasse',
      html: '<html lang="de"><body><p>Guten Tag,</p><p>Mit freundlichen Grüßen<br>Ihre AOK Bayern - Die Gesundheitskasse</p></body></html>',
    });
    assert.equal(mail.subject, 'New message in your postbox');
    assert.equal(mail.text, 'Hello,\n\nTo the postbox: https://portal.example/arbeitgeber/postfach\n\nKind regards\nYour AOK Bayern - Die Gesundheitskasse');
    assert.equal(mail.html, '<html lang="en"><body><p>Hello,</p><p>Kind regards<br>Your AOK Bayern - Die Gesundheitskasse</p></body></html>');
  });
});

describe('the language of a request', () => {
  test('the switch wins; else Accept-Language by weight; else German', () => {
    assert.equal(negotiateLocale('en', 'de-DE'), 'en');
    assert.equal(negotiateLocale('de', 'en'), 'de');
    assert.equal(negotiateLocale(undefined, 'en-GB,en;q=0.9'), 'en');
    assert.equal(negotiateLocale(undefined, 'fr-FR, de;q=0.5, en;q=0.8'), 'en');
    assert.equal(negotiateLocale(undefined, 'fr, it'), 'de');
    assert.equal(negotiateLocale('xx', 'en;q=0'), 'de');
    assert.equal(negotiateLocale(undefined, undefined), 'de');
  });
});

for (const kind of databaseKinds) {
  describe(`English pages and mails over HTTP (${kind})`, () => {
    const t = testSystemFor(kind);

    const get = (path: string, headers: Record<string, string> = {}) => fetch(new URL(path, t.baseUrl), { headers, redirect: 'manual' });

    test('German requests get the page as rendered, whatever the header looks like', async () => {
      for (const path of ['/arbeitgeber/', '/arbeitgeber/nutzungsbedingungen', '/partner/hilfe', '/gibt-es-nicht']) {
        const plain = await (await get(path)).text();
        const german = await (await get(path, { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' })).text();
        assert.equal(german, plain, path);
        assert.match(plain, /<html lang="de">/);
        const englishPage = await (await get(path, { 'accept-language': 'en' })).text();
        assert.match(englishPage, /<html lang="en">/, path);
        assert.notEqual(englishPage, plain, path);
      }
    });

    test('Accept-Language: en gives English without a switch; the switch is kept for the browser session', async () => {
      const page = await (await get('/arbeitgeber/', { 'accept-language': 'en-US' })).text();
      assert.match(page, /Skip to content/);
      assert.match(page, /<a href="\/sprache\/de\?weiter=%2Farbeitgeber%2F" lang="de" hreflang="de" title="Deutsch">DE<\/a>/);

      const switched = await get('/sprache/en?weiter=/arbeitgeber/registrierung');
      assert.equal(switched.status, 303);
      assert.equal(switched.headers.get('location'), '/arbeitgeber/registrierung');
      const cookie = switched.headers.get('set-cookie') ?? '';
      assert.match(cookie, /^sprache=en; Path=\/; HttpOnly; SameSite=Lax$/);
      const client = new FormClient(t.baseUrl);
      await client.request('GET', '/sprache/en?weiter=/arbeitgeber/registrierung', undefined, { 'accept-language': 'de' });
      assert.match(client.lastHtml, /First name/);
      assert.doesNotMatch(client.lastHtml, />Vorname</);
      await client.get('/arbeitgeber/');
      assert.match(client.lastHtml, /<html lang="en">/);

      // a return target elsewhere is refused; an unknown language is a 404, never a 500
      assert.equal((await get('/sprache/en?weiter=//evil.example/')).headers.get('location'), '/');
      assert.equal((await get('/sprache/fr')).status, 404);
    });

    test("the app's JSON errors carry the English text of their code", async () => {
      const german = (await (await get('/api/gibt-es-nicht')).json()) as { error: string; message: string };
      assert.equal(german.message, 'Diese Seite gibt es nicht.');
      const inEnglish = (await (await get('/api/gibt-es-nicht', { 'accept-language': 'en' })).json()) as { error: string; message: string };
      assert.deepEqual(inEnglish, { error: 'request.not_found', message: 'This page does not exist.' });
    });

    test('the back office stays German and shows no switch', async () => {
      const client = new FormClient(t.baseUrl);
      await client.request('GET', '/sprache/en?weiter=/backoffice/login', undefined, { 'accept-language': 'en' });
      assert.equal(client.lastStatus, 200);
      assert.match(client.lastHtml, /<html lang="de">/);
      assert.doesNotMatch(client.lastHtml, /lang-switch/);
    });

    test('a person who registered in English gets the mails in English', async () => {
      const client = new FormClient(t.baseUrl);
      await client.request('GET', '/sprache/en?weiter=/arbeitgeber/registrierung');
      assert.match(client.lastHtml, /First name/);
      const fields = person();
      await client.postForm(fields, '/arbeitgeber/registrierung');
      assert.equal(client.lastStatus, 200);
      const mail = await waitForMail(t.baseUrl, fields.email);
      assert.match(mail.subject, /^Confirmation of your e-mail address and status of the registration/);
      assert.match(mail.text, /^Hello,/);
      assert.match(mail.text, /Confirm e-mail address: http/);
      assert.match(mail.html ?? '', /<html lang="en">/);

      const german = new FormClient(t.baseUrl);
      await german.get('/arbeitgeber/registrierung');
      const other = person();
      await german.postForm(other, '/arbeitgeber/registrierung');
      const germanMail = await waitForMail(t.baseUrl, other.email);
      assert.match(germanMail.subject, /^Bestätigung Ihrer E-Mail-Adresse/);
    });
  });
}

test('another configured brand is translated like "AOK"', async () => {
  const { setCatalogueBrand } = await import('../../../src/core/i18n/catalogue.ts');
  setCatalogueBrand('BKK');
  try {
    assert.equal(english('Sie sind bereits registriert und wurden von Ihrer BKK freigeschaltet?'), 'Already registered and activated by your BKK?');
    assert.equal(english('Persönliche Daten – Mein BKK Arbeitgeberservice'), 'Personal data – Mein BKK Arbeitgeberservice');
  } finally {
    setCatalogueBrand('AOK');
  }
});

test('every text the browser scripts write themselves has its English', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const { clientTextsEn } = await import('../../../src/client/texts.ts');
  const used = readdirSync('src/client')
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => [...readFileSync(`src/client/${f}`, 'utf8').matchAll(/\btext\(\s*'([^']+)'/g)].map((m) => m[1]!));
  assert.ok(used.length >= 10, `found ${used.length}`);
  for (const german of used) assert.ok(clientTextsEn[german], `English for "${german}" in src/client/texts.ts`);
});
