// A course step reports progress by itself where the phone can: the end of a
// guide, infographic or document reached; a video watched to 80 %. The
// "I have finished" button (a plain form) stays for everyone else.
(function () {
  "use strict";
  var end = document.getElementById("course-step-end");
  if (!end || end.dataset.done === "1" || !window.fetch) return;
  var url = end.dataset.progressUrl;
  var token = (document.querySelector("input[name=csrfmiddlewaretoken]") || {}).value || "";
  var sent = {};

  function report(event, value) {
    var key = event + ":" + (value || "");
    if (sent[key]) return;
    sent[key] = true;
    var body = new URLSearchParams({ event: event, value: value || "" });
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token, Accept: "application/json" },
      body: body,
    })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && data.done) {
          end.dataset.done = "1";
          var note = document.createElement("p");
          note.className = "message success";
          note.setAttribute("role", "status");
          note.textContent = "✓ " + (end.dataset.doneText || "");
          var form = end.querySelector("form");
          if (form) form.replaceWith(note);
        }
      })
      .catch(function () { sent[key] = false; });
  }

  var kind = end.dataset.kind;
  if (kind === "video") {
    var video = document.querySelector("figure.video video");
    if (!video) return;
    video.addEventListener("timeupdate", function () {
      if (!video.duration) return;
      var percent = Math.floor((100 * video.currentTime) / video.duration);
      if (percent >= 80) report("video", "80");
    });
  } else if (kind === "reading" && "IntersectionObserver" in window) {
    var observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) {
        observer.disconnect();
        report("end");
      }
    });
    observer.observe(end);
  }
})();
