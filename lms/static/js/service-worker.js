// Học vụ số service worker: keeps the guides a learner saved, with their images,
// for reading without a network. Only what the learner saved is kept, within a
// size budget per item; quizzes, live classes and accounts always go online.
var CACHE = "hvs-offline-v1";
var INDEX = "/__offline-index__";
var BUDGET = 3 * 1024 * 1024; // bytes per saved item
var NEVER = ["/quizzes/", "/live/", "/accounts/", "/api/", "/admin/", "/privacy/"];

self.addEventListener("install", function (event) {
  // The list of saved items must open without a network too.
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.add("/offline/"); }));
  self.skipWaiting();
});
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

function readIndex(cache) {
  return cache.match(INDEX).then(function (response) {
    return response ? response.json() : {};
  });
}

function writeIndex(cache, index) {
  return cache.put(INDEX, new Response(JSON.stringify(index), {
    headers: { "Content-Type": "application/json" },
  }));
}

function fetchAll(urls) {
  return Promise.all(urls.map(function (url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.blob().then(function (blob) {
        return { url: url, blob: blob, type: response.headers.get("Content-Type") || "" };
      });
    });
  }));
}

function save(message) {
  var urls = [message.url].concat(message.images.filter(function (src) {
    return src && new URL(src, self.location).origin === self.location.origin;
  }));
  return fetchAll(urls).then(function (files) {
    var size = files.reduce(function (sum, file) { return sum + file.blob.size; }, 0);
    if (size > BUDGET) return { ok: false, size: size };
    return caches.open(CACHE).then(function (cache) {
      return Promise.all(files.map(function (file) {
        return cache.put(file.url, new Response(file.blob, { headers: { "Content-Type": file.type } }));
      })).then(function () { return readIndex(cache); }).then(function (index) {
        index[message.url] = { title: message.title, files: urls, size: size };
        return writeIndex(cache, index);
      }).then(function () { return { ok: true, size: size }; });
    });
  }).catch(function () { return { ok: false }; });
}

function remove(url) {
  return caches.open(CACHE).then(function (cache) {
    return readIndex(cache).then(function (index) {
      var entry = index[url];
      delete index[url];
      var files = entry ? entry.files : [url];
      return Promise.all(files.map(function (file) { return cache.delete(file); }))
        .then(function () { return writeIndex(cache, index); });
    });
  });
}

self.addEventListener("message", function (event) {
  var message = event.data || {};
  var reply = function (data) { event.ports[0].postMessage(data); };
  if (message.type === "save") {
    save(message).then(reply);
  } else if (message.type === "remove") {
    remove(message.url).then(function () { reply({ ok: true }); });
  } else if (message.type === "has" || message.type === "list") {
    caches.open(CACHE).then(readIndex).then(function (index) {
      reply({
        saved: Boolean(index[message.url]),
        items: Object.keys(index).map(function (url) { return { url: url, title: index[url].title }; }),
      });
    });
  }
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (NEVER.some(function (prefix) { return url.pathname.indexOf(prefix) === 0; })) return;
  // Online first: a saved copy is only for when the network is gone.
  event.respondWith(fetch(request).catch(function () {
    return caches.open(CACHE).then(function (cache) {
      return cache.match(url.pathname).then(function (hit) {
        return hit || cache.match(request) || (request.mode === "navigate" ? cache.match("/offline/") : undefined);
      });
    }).then(function (hit) { return hit || Response.error(); });
  }));
});
