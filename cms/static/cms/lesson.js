// Check questions answer in place: the same POST as the plain form, asking for JSON.
(function () {
  "use strict";
  function show(box, ok, label, text) {
    box.textContent = "";
    var verdict = document.createElement("p");
    verdict.className = ok ? "right" : "wrong";
    verdict.textContent = label;
    box.appendChild(verdict);
    if (text) {
      var explanation = document.createElement("p");
      explanation.textContent = text;
      box.appendChild(explanation);
    }
  }
  document.querySelectorAll("form[data-check]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.fetch) return;  // old browsers post the form normally
      event.preventDefault();
      var box = form.querySelector(".feedback");
      fetch(window.location.pathname, {
        method: "POST",
        body: new FormData(form),
        headers: { "Accept": "application/json" },
        credentials: "same-origin"
      }).then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      }).then(function (result) {
        if (!result.ok) { show(box, false, result.data.error || form.dataset.wrong, ""); return; }
        show(box, result.data.correct, result.data.correct ? form.dataset.right : form.dataset.wrong,
             result.data.explanation);
      }).catch(function () { form.submit(); });
    });
  });
})();
