/* Quiz attempt enhancements: autosave each change and a ticking timer.
   Without this file every page still works as plain form posts. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  var status = document.querySelector(".autosave-status");
  var gettext = window.gettext || function (s) { return s; };

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function save() {
    var data = new FormData(form);
    data.delete("go");
    if (status) status.textContent = gettext("Saving…");
    return fetch(form.action || window.location.href, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Autosave": "1", "X-CSRFToken": csrfToken() }
    }).then(function (response) {
      return response.json().then(function (body) {
        if (response.ok && body.saved) {
          if (status) status.textContent = gettext("Saved");
        } else if (body.closed) {
          window.location.reload();
        } else if (status) {
          status.textContent = body.detail || gettext("Not saved");
        }
      });
    }).catch(function () {
      if (status) status.textContent = gettext("Not saved: check your connection.");
    });
  }

  if (form) {
    var timer = null;
    form.addEventListener("change", function () { save(); });
    form.addEventListener("input", function (event) {
      if (event.target.tagName === "TEXTAREA" || event.target.type === "text") {
        clearTimeout(timer);
        timer = setTimeout(save, 1500);
      }
    });
  }

  var box = document.querySelector(".timer[data-seconds-left]");
  if (box) {
    var clock = box.querySelector(".timer-clock");
    var announce = box.querySelector(".timer-announce");
    var endsAt = Date.now() + parseInt(box.getAttribute("data-seconds-left"), 10) * 1000;
    var announced = {};
    var tick = function () {
      var left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
      var minutes = Math.floor(left / 60), seconds = left % 60;
      clock.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
      [300, 60].forEach(function (mark) {
        if (left <= mark && !announced[mark] && left > 0) {
          announced[mark] = true;
          announce.textContent = interpolate(gettext("%s minutes left"), [mark / 60]);
        }
      });
      if (left === 0) {
        clearInterval(handle);
        announce.textContent = gettext("Time is up");
        if (form) {
          var go = document.createElement("input");
          go.type = "hidden"; go.name = "go"; go.value = "finish";
          form.appendChild(go);
          form.submit();
        } else {
          window.location.reload();
        }
      }
    };
    var interpolate = window.interpolate || function (fmt, args) { return fmt.replace("%s", args[0]); };
    var handle = setInterval(tick, 1000);
    tick();
  }
})();
