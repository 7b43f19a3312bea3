// Progress Mentor service worker: keeps the app shell on the device so the app opens with no
// signal. `cargo xtask build` fills in BUILD_ID and PRECACHE_URLS after every Trunk build, so the
// list always matches the hashed files of that build.
const BUILD_ID = "__PM_BUILD_ID__";
const PRECACHE_URLS = ["__PM_PRECACHE_URLS__"];

const CACHE_PREFIX = "progress-mentor-shell-";
const CACHE = CACHE_PREFIX + BUILD_ID;

self.addEventListener("install", (event) => {
  // `cache: "reload"` skips the HTTP cache, so a new version never precaches an old file.
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE_URLS.map((url) => new Request(url, { cache: "reload" })))),
  );
  // No skipWaiting() here: a new version waits until the user taps "Reload to update", so a
  // page is never swapped under a mentor who is typing.
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(CACHE_PREFIX) && key !== CACHE) {
          await caches.delete(key);
        }
      }
      // The first install takes over the open page at once, so it works offline straight away.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") {
    self.skipWaiting();
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // Data never comes from this cache: the API is always asked, and the app keeps records in
  // IndexedDB through the sync engine.
  if (url.pathname.startsWith("/api/")) return;
  event.respondWith(request.mode === "navigate" ? appShell(request) : cacheFirst(request));
});

// Every page of the app is the same shell; the router in the app picks the page.
async function appShell(request) {
  const cached = await caches.match("/", { cacheName: CACHE });
  return cached || fetch(request);
}

async function cacheFirst(request) {
  const cached = await caches.match(request, { cacheName: CACHE });
  return cached || fetch(request);
}
