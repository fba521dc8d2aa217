/* A question preview is for looking and clicking only: its form never submits
   (replaces an inline onsubmit, which the Content-Security-Policy forbids). */
document.querySelectorAll("form[data-preview-only]").forEach(function (form) {
  form.addEventListener("submit", function (event) { event.preventDefault(); });
});
