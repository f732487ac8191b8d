import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testSystemFor } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';

// static pages that read no table: PGlite alone (the modules' tests cover both databases)
describe('Jobmaster › its own pages (pglite)', () => {
  const t = testSystemFor('pglite');

  test('manual 004 › the header reads "Fachportal für" with Login, Kontakt and Suche', async () => {
    const c = new FormClient(t.baseUrl);
    await c.get('/jobmaster');
    assert.equal(c.lastStatus, 200);
    assert.match(c.lastUrl, /\/jobmaster\/$/);
    const header = c.lastHtml.match(/<header[\s\S]*?<\/header>/)![0];
    assert.match(header, /Fachportal für/);
    for (const [label, href] of [['Login', '/jobmaster/login'], ['Kontakt', '/jobmaster/kontakt'], ['Suche', '/jobmaster/suche']]) {
      assert.match(header, new RegExp(`<a href="${href}">${label}</a>`), label);
    }
  });

  test('start page › a search form that needs no login, and registration for both sides', async () => {
    const c = new FormClient(t.baseUrl);
    await c.get('/jobmaster/');
    assert.match(c.lastHtml, /<form method="get" action="\/jobmaster\/suche"/);
    for (const label of ['Was', 'Wo (Ort oder PLZ)', 'Art']) assert.match(c.lastHtml, new RegExp(`<label for="\\w+">${label.replace(/[()]/g, '\\$&')}</label>`), label);
    assert.match(c.lastHtml, /href="\/jobmaster\/registrierung"/);
  });

  test('footer › Kontakt, FAQ, Datenschutzhinweise, Nutzungsbedingungen, Impressum and Barrierefreiheit each open a page', async () => {
    const c = new FormClient(t.baseUrl);
    await c.get('/jobmaster/');
    const footer = c.lastHtml.match(/<footer[\s\S]*?<\/footer>/)![0];
    const links = [...footer.matchAll(/<a href="(\/jobmaster\/[^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1]!, m[2]!] as const);
    assert.deepEqual(links.map(([, label]) => label), ['Kontakt', 'FAQ', 'Datenschutzhinweise', 'Nutzungsbedingungen', 'Impressum', 'Barrierefreiheit']);
    for (const [href, label] of links) {
      const page = new FormClient(t.baseUrl);
      await page.get(href);
      assert.equal(page.lastStatus, 200, href);
      assert.match(page.text(), new RegExp(label === 'Barrierefreiheit' ? 'Erklärung zur Barrierefreiheit' : label), href);
    }
  });

  test('FAQ › the Anwenderhilfen for Stellenverwaltung and "Hauptansprechpartner wechseln" that manual 004 points to', async () => {
    const c = new FormClient(t.baseUrl);
    await c.get('/jobmaster/faq');
    assert.match(c.lastHtml, /<h2 id="stellenverwaltung">Anwenderhilfe Stellenverwaltung<\/h2>/);
    assert.match(c.lastHtml, /<h2 id="hauptansprechpartner">Anwenderhilfe Hauptansprechpartner wechseln<\/h2>/);
    assert.match(c.text(), /Der Login bezieht sich auf die Person, die sich registriert hat/);
  });

  test('consents › the optional Einwilligungserklärung has its own versioned page', async () => {
    const c = new FormClient(t.baseUrl);
    await c.get('/jobmaster/einwilligungserklaerung');
    assert.equal(c.lastStatus, 200);
    assert.match(c.text(), /Version 2026-12/);
    assert.match(c.text(), /jederzeit unter „Einwilligungen ändern“/);
  });

  test('language › the pages stay German without a switch, also when the browser asks for English', async () => {
    const c = new FormClient(t.baseUrl);
    const r = await c.request('GET', '/jobmaster/kontakt', undefined, { 'accept-language': 'en' });
    const html = await r.text();
    assert.match(html, /<html lang="de"/);
    assert.doesNotMatch(html, /class="lang-switch"/);
    assert.match(html, /<h1>Kontakt<\/h1>/);
  });
});
