// Cascading province → commune → village selects, filled from /api/v1/units/?parent=.
// Without JavaScript the form's "load" button does the same through a form post.
(function () {
  "use strict";
  var form = document.querySelector("[data-unit-picker]");
  if (!form || !window.fetch) return;
  var api = form.getAttribute("data-units-api");
  var chain = ["province", "commune", "village"].map(function (name) {
    return form.querySelector("select[name='" + name + "']");
  });
  function fill(select, parentCode) {
    var keep = select.querySelector("option[value='']");
    select.innerHTML = "";
    if (keep) select.appendChild(keep);
    select.disabled = !parentCode;
    if (!parentCode) return Promise.resolve();
    return fetch(api + "?parent=" + encodeURIComponent(parentCode), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (units) {
        units.forEach(function (unit) {
          var option = document.createElement("option");
          option.value = unit.code;
          option.textContent = unit.name;
          select.appendChild(option);
        });
        select.disabled = units.length === 0;
      });
  }
  chain.forEach(function (select, index) {
    if (!select || index === chain.length - 1) return;
    select.addEventListener("change", function () {
      for (var i = index + 2; i < chain.length; i++) if (chain[i]) fill(chain[i], "");
      if (chain[index + 1]) fill(chain[index + 1], select.value);
    });
  });
})();
