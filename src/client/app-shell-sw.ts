// The apps' service workers: the shell (page, script, styles, icon, manifest) from the network when
// there is one, from the cache when offline; the API is always asked live.

// typed loosely: the DOM and WebWorker libraries cannot share one tsconfig
const sw = self as unknown as { addEventListener(type: string, fn: (event: any) => void): void };

export function serveAppShell(cacheName: string, shell: readonly string[]) {
  sw.addEventListener('install', (event) => {
    event.waitUntil(caches.open(cacheName).then((cache) => cache.addAll([...shell])));
  });

  sw.addEventListener('activate', (event) => {
    event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== cacheName).map((k) => caches.delete(k)))));
  });

  sw.addEventListener('fetch', (event) => {
    const url = new URL(event.request.url);
    if (event.request.method !== 'GET' || url.pathname.startsWith('/api/')) return;
    // network first, so an update is seen at once; the cache when offline
    event.respondWith(
      fetch(event.request)
        .then((response) => {
          if (response.ok && shell.includes(url.pathname)) void caches.open(cacheName).then((c) => c.put(event.request, response.clone()));
          return response;
        })
        .catch(() => caches.match(event.request).then((hit) => hit ?? Response.error())),
    );
  });
}
