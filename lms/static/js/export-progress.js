// "A copy of my data": follow the worker's progress, then show the download.
// Without JavaScript the page refreshes itself (meta refresh) instead.
document.querySelectorAll("progress[data-export-status]").forEach(function (bar) {
  var timer = setInterval(function () {
    fetch(bar.dataset.exportStatus, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        bar.value = data.progress;
        if (data.status !== "pending" && data.status !== "running") {
          clearInterval(timer);
          location.reload();
        }
      });
  }, 1500);
});
