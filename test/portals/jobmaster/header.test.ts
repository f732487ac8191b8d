import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyRequest } from 'fastify';
import { databaseKinds } from '../../support/databases.ts';
import { type TestSystem, testSystemFor } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { newId } from '../../../src/core/ids/secrets.ts';
import { refreshSearch } from '../../../src/modules/job-search/service.ts';
import { chromeFor } from '../../../src/modules/jobmaster-login/chrome.ts';
import type { Sessions } from '../../../src/core/sessions/sessions.ts';
import { JM_PASSWORD, jobmasterAccount } from '../../modules/jobmaster-login/accounts.ts';

/** A posting of the employer's company: shown, or inactive (its page then says it is gone, 410). */
async function posting(t: TestSystem, company: string, status: 'active' | 'inactive') {
  const { db } = t.system.deps;
  const now = t.clock.now();
  const id = newId();
  await db.insertInto('job_postings').values({
    id, employer_id: company, title: 'Kopfzeilen-Ausbildung', kind: 'ausbildung', starts_on: '2027-08-01', starts_month: true,
    postal_code: '50667', city: 'Köln', description: 'Eine Ausbildung.', requirements: '- Neugier', apply_until: '2027-01-31',
    contact_id: null, apply_url: 'https://example.org/bewerben', apply_email: null, status, created_at: now, updated_at: now, published_at: now,
  }).execute();
  await refreshSearch(db, id);
  return id;
}

async function signIn(t: TestSystem, email: string) {
  const c = new FormClient(t.baseUrl);
  await c.get('/jobmaster/login');
  await c.postForm({ email, password: JM_PASSWORD }, '/jobmaster/login');
  assert.match(c.lastUrl, /\/jobmaster\/(konto|stellenverwaltung)$/);
  return c;
}

const header = (c: FormClient) => c.lastHtml.match(/<header[\s\S]*?<\/header>/)![0];
const headerLinks = (c: FormClient) => [...header(c).matchAll(/<a href="\/jobmaster\/([^"]*)">([^<]+)<\/a>/g)].map((m) => m[2]!);

for (const kind of databaseKinds) {
  describe(`Jobmaster › the header follows the session on every page (${kind})`, () => {
    const t = testSystemFor(kind);
    const pages: Record<string, string> = {};
    let employer: FormClient;
    let applicant: FormClient;

    before(async () => {
      const { db } = t.system.deps;
      const e = await jobmasterAccount(db, { role: 'employer' });
      const a = await jobmasterAccount(db, { role: 'applicant' });
      const { company } = await db.selectFrom('accounts').select('company').where('id', '=', e.id).executeTakeFirstOrThrow();
      Object.assign(pages, {
        start: '/jobmaster/',
        search: '/jobmaster/suche?was=Ausbildung',
        'search with errors': `/jobmaster/suche?was=${'x'.repeat(500)}`,
        posting: `/jobmaster/stellen/${await posting(t, company!, 'active')}`,
        'gone posting': `/jobmaster/stellen/${await posting(t, company!, 'inactive')}`,
        'unknown posting': `/jobmaster/stellen/${newId()}`,
        FAQ: '/jobmaster/faq',
        Kontakt: '/jobmaster/kontakt',
        Impressum: '/jobmaster/impressum',
        Barrierefreiheit: '/jobmaster/barrierefreiheit',
        Nutzungsbedingungen: '/jobmaster/nutzungsbedingungen',
        Datenschutzhinweise: '/jobmaster/datenschutzhinweise',
        Einwilligungserklärung: '/jobmaster/einwilligungserklaerung',
        Registrierung: '/jobmaster/registrierung',
        Login: '/jobmaster/login',
        'Passwort vergessen': '/jobmaster/passwort-vergessen',
      });
      employer = await signIn(t, e.email);
      applicant = await signIn(t, a.email);
    });

    test('each page kind › an employer sees Stellenverwaltung and Konto, an applicant Konto, a visitor Login', async () => {
      const statuses: Record<string, number> = {};
      for (const [name, path] of Object.entries(pages)) {
        const visitor = new FormClient(t.baseUrl);
        await visitor.get(path);
        statuses[name] = visitor.lastStatus;
        assert.deepEqual(headerLinks(visitor), ['Login', 'Kontakt', 'Suche'], `${name}: visitor`);
        await employer.get(path);
        assert.equal(employer.lastStatus, visitor.lastStatus, name);
        assert.deepEqual(headerLinks(employer), ['Stellenverwaltung', 'Konto', 'Kontakt', 'Suche'], `${name}: employer`);
        await applicant.get(path);
        assert.deepEqual(headerLinks(applicant), ['Konto', 'Kontakt', 'Suche'], `${name}: applicant`);
      }
      assert.deepEqual(
        [statuses.posting, statuses['gone posting'], statuses['unknown posting'], statuses['search with errors'], statuses.search],
        [200, 410, 404, 422, 200],
        'each kind of posting and search page was met',
      );
    });

    test('after Ausloggen › the public pages show Login again', async () => {
      const { db } = t.system.deps;
      const a = await jobmasterAccount(db, { role: 'applicant' });
      const c = await signIn(t, a.email);
      await c.get('/jobmaster/konto');
      await c.postForm({}, '/jobmaster/abmelden');
      await c.get('/jobmaster/suche');
      assert.deepEqual(headerLinks(c), ['Login', 'Kontakt', 'Suche']);
    });

    test('an anonymous visit › sets no cookie and stores no session on the public pages', async () => {
      const { db } = t.system.deps;
      const count = async () => Number((await db.selectFrom('sessions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const before = await count();
      for (const [name, path] of Object.entries(pages)) {
        // the login and the reset form carry a CSRF token, which is what their cookie is for
        if (name === 'Login' || name === 'Passwort vergessen') continue;
        const response = await fetch(new URL(path, t.baseUrl), { redirect: 'manual' });
        assert.deepEqual(response.headers.getSetCookie(), [], name);
        await response.arrayBuffer();
      }
      assert.equal(await count(), before);
    });
  });
}

describe('Jobmaster › the header of a request', () => {
  test('costs one session read however often the page asks, and none of the account without a session', async () => {
    let reads = 0;
    const sessions = { load: async () => (reads++, null) } as unknown as Sessions;
    const chrome = { name: 'Portal', base: '/p', home: '/p/', headerLinks: [{ href: '/p/login', label: 'Login' }] };
    // no account read happens without a session: the database is never asked
    const db = new Proxy({}, { get: () => assert.fail('the database was asked') }) as never;
    const request = {} as FastifyRequest;
    const one = chromeFor({ sessions, db }, { key: 'p', chrome });
    const other = chromeFor({ sessions, db }, { key: 'p', chrome });
    assert.equal(await one(request), chrome);
    assert.equal(await one(request), chrome);
    assert.equal(await other(request), chrome);
    assert.equal(reads, 1);
    await one({} as FastifyRequest);
    assert.equal(reads, 2, 'another request reads its own session');
  });
});
