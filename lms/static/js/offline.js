// Offline guides: register the service worker, offer "Lưu để đọc khi không có
// mạng" on guides, infographics and lessons, and list what is saved. Quizzes are
// never saved: they must reach the server.
(function () {
  var script = document.currentScript;
  if (!("serviceWorker" in navigator) || !window.caches) return;
  navigator.serviceWorker.register(script.dataset.sw, { scope: "/" });
  var listLink = document.querySelector(".offline-list-link");
  if (listLink) listLink.hidden = false;

  function ask(message) {
    return navigator.serviceWorker.ready.then(function (registration) {
      return new Promise(function (resolve) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) { resolve(event.data); };
        registration.active.postMessage(message, [channel.port2]);
      });
    });
  }

  document.querySelectorAll("[data-offline-save]").forEach(function (box) {
    var button = box.querySelector("button");
    var status = box.querySelector("[role=status]");
    box.hidden = false;
    ask({ type: "has", url: location.pathname }).then(function (reply) {
      if (reply.saved) status.textContent = box.dataset.savedText;
    });
    button.addEventListener("click", function () {
      // The item's images and the stylesheets, so the saved page reads as online.
      var images = Array.prototype.map.call(
        document.querySelectorAll("article img, link[rel=stylesheet]"),
        function (node) { return node.currentSrc || node.src || node.href; }
      );
      status.textContent = box.dataset.savingText;
      ask({ type: "save", url: location.pathname, title: document.title, images: images })
        .then(function (reply) {
          status.textContent = reply.ok ? box.dataset.savedText : box.dataset.tooBigText;
        });
    });
  });

  var list = document.querySelector("[data-offline-list]");
  if (list) {
    ask({ type: "list" }).then(function (reply) {
      var empty = list.querySelector("[data-empty]");
      if (reply.items.length && empty) empty.hidden = true;
      reply.items.forEach(function (item) {
        var li = document.createElement("li");
        var link = document.createElement("a");
        link.href = item.url;
        link.textContent = item.title;
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "button small secondary";
        remove.textContent = list.dataset.removeText;
        remove.addEventListener("click", function () {
          ask({ type: "remove", url: item.url }).then(function () { li.remove(); });
        });
        li.appendChild(link);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(remove);
        list.appendChild(li);
      });
    });
  }
})();
