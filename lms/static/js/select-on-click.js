/* Clicking a share field selects its link, ready to copy (replaces an inline
   onclick, which the Content-Security-Policy forbids). */
document.querySelectorAll("[data-select-on-click]").forEach(function (field) {
  field.addEventListener("click", function () { field.select(); });
});
