// The AOK Ident's login page (manual 003 §4.1–4.2) follows the app's answer without a reload: it asks
// for its request's state every two seconds, shows a new QR code when the old one has run out, and puts
// in the part the server renders for an approved or declined request. Without JavaScript, "Weiter" asks.
const POLL_MS = 2000;

const box = () => document.getElementById('ident-qr');

/** The page's changing part from a page the server answered with; anything else: load the page. */
async function takeOver(response: Response): Promise<void> {
  const next = response.ok ? new DOMParser().parseFromString(await response.text(), 'text/html').getElementById('ident-login') : null;
  const here = document.getElementById('ident-login');
  if (!next || !here) {
    location.reload();
    return;
  }
  here.replaceWith(document.importNode(next, true));
  watch();
}

async function tick(qr: HTMLElement): Promise<void> {
  const response = await fetch(qr.dataset.status!, { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' });
  // the login is gone (ended, or expired after ten minutes): the page says so
  if (!response.ok) return location.reload();
  const { state } = (await response.json()) as { state: string };
  if (state === 'waiting') return void setTimeout(() => void run(), POLL_MS);
  if (state === 'expired') {
    const body = new URLSearchParams({ _csrf: qr.dataset.csrf ?? '' });
    // the new request's page comes back from the redirect
    return takeOver(await fetch(qr.dataset.renew!, { method: 'POST', body, credentials: 'same-origin' }));
  }
  return takeOver(await fetch(location.pathname, { credentials: 'same-origin', cache: 'no-store' }));
}

async function run(): Promise<void> {
  const qr = box();
  if (!qr || qr.dataset.state !== 'waiting') return;
  try {
    await tick(qr);
  } catch {
    // the network came and went: ask again
    setTimeout(() => void run(), POLL_MS);
  }
}

function watch(): void {
  const qr = box();
  if (!qr || qr.dataset.state !== 'waiting') return;
  // the page follows the app by itself: "Weiter" is for pages without script
  for (const manual of qr.querySelectorAll<HTMLElement>('.ident-qr__manual')) manual.hidden = true;
  setTimeout(() => void run(), POLL_MS);
}

watch();
