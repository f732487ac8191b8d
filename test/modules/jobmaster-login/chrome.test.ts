import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PortalChrome } from '../../../src/core/ui/layout.tsx';
import { signedInChrome } from '../../../src/modules/jobmaster-login/pages.tsx';

const publicChrome: PortalChrome = {
  name: 'Portal',
  base: '/p',
  home: '/p/',
  headerLinks: [
    { href: '/p/login', label: 'Login' },
    { href: '/p/kontakt', label: 'Kontakt' },
    { href: '/p/suche', label: 'Suche' },
  ],
};

const links = (chrome: PortalChrome) => (chrome.headerLinks ?? []).map((l) => `${l.label} ${l.href}`);

test('signed-in header › the public links with Konto for Login; employers get Stellenverwaltung first', () => {
  assert.deepEqual(links(signedInChrome(publicChrome, 'applicant')), ['Konto /p/konto', 'Kontakt /p/kontakt', 'Suche /p/suche']);
  assert.deepEqual(links(signedInChrome(publicChrome, 'employer')), ['Stellenverwaltung /p/stellenverwaltung', 'Konto /p/konto', 'Kontakt /p/kontakt', 'Suche /p/suche']);
  // a link the portal adds to its header shows in both headers, in its place
  const more = { ...publicChrome, headerLinks: [...publicChrome.headerLinks!, { href: '/p/faq', label: 'FAQ' }] };
  assert.deepEqual(links(signedInChrome(more, 'applicant')), ['Konto /p/konto', 'Kontakt /p/kontakt', 'Suche /p/suche', 'FAQ /p/faq']);
  assert.deepEqual(links(publicChrome), ['Login /p/login', 'Kontakt /p/kontakt', 'Suche /p/suche'], 'the public header stays as it was');
});
