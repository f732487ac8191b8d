// Keeps the app's shell available offline; the API is always asked live.
const CACHE = 'pforte-authenticator-v1';
const SHELL = ['/app/', '/assets/build/authenticator.js', '/assets/pforte.css', '/assets/app.css', '/assets/app-icon.svg', '/app/manifest.webmanifest'];
// typed loosely: the DOM and WebWorker libraries cannot share one tsconfig
const sw = self as unknown as { addEventListener(type: string, fn: (event: any) => void): void };

sw.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)));
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k)))));
});

sw.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.pathname.startsWith('/api/')) return;
  // network first, so an update is seen at once; the cache when offline
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok && SHELL.includes(url.pathname)) void caches.open(CACHE).then((c) => c.put(event.request, response.clone()));
        return response;
      })
      .catch(() => caches.match(event.request).then((hit) => hit ?? Response.error())),
  );
});
