// "Nghe": read a guide, a lesson step or a quiz question aloud with the phone's
// own Vietnamese voice (Web Speech API). Nothing is sent anywhere. Each element
// marked data-read-aloud gets a button; without a Vietnamese voice the button
// says so instead of reading in a foreign accent.
(function () {
  var script = document.currentScript;
  var text = {
    listen: script.dataset.listen,
    stop: script.dataset.stop,
    noVoice: script.dataset.noVoice,
  };
  var targets = document.querySelectorAll("[data-read-aloud]");
  if (!targets.length) return;
  var speech = window.speechSynthesis;

  function vietnameseVoice() {
    if (!speech) return null;
    var voices = speech.getVoices();
    for (var i = 0; i < voices.length; i++) {
      if (voices[i].lang && voices[i].lang.toLowerCase().indexOf("vi") === 0) return voices[i];
    }
    return null;
  }

  function readable(element) {
    var copy = element.cloneNode(true);
    copy.querySelectorAll("button, script, style, .read-aloud, .read-aloud-note, [aria-hidden=true]")
      .forEach(function (node) { node.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  targets.forEach(function (target) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button small secondary read-aloud";
    button.setAttribute("aria-pressed", "false");
    button.textContent = "🔊 " + text.listen;
    var note = document.createElement("p");
    note.className = "read-aloud-note";
    note.setAttribute("role", "status");
    target.parentNode.insertBefore(button, target);
    target.parentNode.insertBefore(note, target);

    function reset() {
      button.setAttribute("aria-pressed", "false");
      button.textContent = "🔊 " + text.listen;
    }

    button.addEventListener("click", function () {
      if (button.getAttribute("aria-pressed") === "true") {
        speech.cancel();
        reset();
        return;
      }
      var voice = vietnameseVoice();
      if (!voice) {
        note.textContent = text.noVoice;
        return;
      }
      speech.cancel();
      var utterance = new SpeechSynthesisUtterance(readable(target));
      utterance.lang = "vi-VN";
      utterance.voice = voice;
      utterance.rate = 0.9;
      utterance.onend = reset;
      utterance.onerror = reset;
      button.setAttribute("aria-pressed", "true");
      button.textContent = "⏹ " + text.stop;
      note.textContent = "";
      speech.speak(utterance);
    });
  });
  // Some browsers load their voices after the page: ask once so they are ready.
  if (speech) speech.getVoices();
})();
