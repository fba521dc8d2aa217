// Attendance taps: marked at once on screen, queued in localStorage and sent in
// one batch; the queue survives a lost network or a reload and is sent when the
// network returns. The server keeps one mark per learner and session, so a
// batch sent twice changes nothing.
(function () {
  "use strict";
  var list = document.querySelector("[data-attendance]");
  if (!list) return;
  var session = parseInt(list.dataset.session, 10);
  var key = "hvs-attendance-" + session;
  var statusLine = document.querySelector("[data-sync-status]");
  var sending = false;

  function load() {
    try { return JSON.parse(localStorage.getItem(key) || "{}"); } catch (e) { return {}; }
  }
  function save(queue) { localStorage.setItem(key, JSON.stringify(queue)); }
  function csrf() {
    var input = list.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  function show(button, status) {
    var present = status === "present";
    button.setAttribute("aria-pressed", present ? "true" : "false");
    var state = button.querySelector(".mark-state");
    state.textContent = present ? state.dataset.yes : state.dataset.no;
    button.form.querySelector("input[name=status]").value = present ? "absent" : "present";
    var count = list.querySelectorAll('.mark-button[aria-pressed="true"]').length;
    document.querySelector("[data-present-count]").textContent = count;
  }
  function report(text) { statusLine.textContent = text; }
  function pending() {
    var waiting = Object.keys(load()).length;
    if (waiting) report(waiting + " " + list.dataset.waiting);
    return waiting;
  }

  function sync() {
    var queue = load();
    var learners = Object.keys(queue);
    if (!learners.length || sending) return;
    sending = true;
    var marks = learners.map(function (id) { return { learner: parseInt(id, 10), status: queue[id] }; });
    fetch(list.dataset.batchUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify({ session: session, marks: marks })
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      var now = load();
      if (result.ok) {
        // Keep what was tapped again while the batch was on its way.
        marks.forEach(function (mark) { if (now[mark.learner] === mark.status) delete now[mark.learner]; });
        save(now);
        if (!pending()) report(list.dataset.sent);
      } else {
        // Refused (another class, a removed learner): retrying would never succeed.
        marks.forEach(function (mark) { delete now[mark.learner]; });
        save(now);
        report(result.body.detail || "");
      }
    }).catch(function () {
      report(list.dataset.offline + " " + Object.keys(load()).length + " " + list.dataset.waiting);
    }).then(function () {
      sending = false;
      if (Object.keys(load()).length && navigator.onLine) setTimeout(sync, 3000);
    });
  }

  list.addEventListener("submit", function (event) {
    event.preventDefault();
    var button = event.target.querySelector(".mark-button");
    var status = event.target.querySelector("input[name=status]").value;
    var queue = load();
    queue[button.dataset.learner] = status;
    save(queue);
    show(button, status);
    pending();
    sync();
  });
  window.addEventListener("online", sync);
  setInterval(sync, 15000);

  // Taps queued before a reload or while offline: show them, then send them.
  var queued = load();
  Object.keys(queued).forEach(function (id) {
    var button = list.querySelector('.mark-button[data-learner="' + id + '"]');
    if (button) show(button, queued[id]);
  });
  pending();
  sync();
})();
