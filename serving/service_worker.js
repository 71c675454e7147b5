'use strict';
// Stepwise's service worker (serving/service_worker.py), for the engine at _v/__KEY__/.
// Browsers run it only on localhost and HTTPS. It keeps public files only: the engine
// under the versioned path (the same URL always holds the same bytes) and the offline
// page. Pages are never stored: a page comes from the server or, when the server cannot
// be reached, the offline page stands in. The journal travels over the websocket, which
// a service worker never sees.
const KEY = "__KEY__";
const CACHE = "stepwise-" + KEY;
const ENGINE = new URL("_v/" + KEY + "/", self.registration.scope).href;
const OFFLINE = new URL("offline.html", self.registration.scope).href;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE)
    .then((cache) => cache.add(new Request(OFFLINE, { cache: "reload" })))
    .then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names
      .filter((name) => name.startsWith("stepwise-") && name !== CACHE)
      .map((name) => caches.delete(name))))
    .then(() => self.clients.claim()));
});

// The page names the engine files it loaded (from the HTTP cache: no download).
self.addEventListener("message", (event) => {
  const urls = ((event.data && event.data.precache) || [])
    .filter((url) => typeof url === "string" && url.startsWith(ENGINE));
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(urls.map((url) =>
    cache.match(url).then((hit) => hit || cache.add(url).catch(() => undefined))))));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE)));
    return;
  }
  if (request.url.startsWith(ENGINE)) {
    event.respondWith(caches.open(CACHE).then((cache) => cache.match(request).then((hit) =>
      hit || fetch(request).then((response) => {
        if (response.status === 200) cache.put(request, response.clone());
        return response;
      }))));
  }
});
