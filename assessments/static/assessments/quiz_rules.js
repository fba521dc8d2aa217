// The quiz builder's "Add a rule" without a round trip: a copy of the empty
// rule form with the next index. Without JavaScript the button posts the form
// and the server answers it with one more rule (assessments/views/staff_quizzes.py).
(function () {
  "use strict";
  var button = document.getElementById("add-quiz-rule");
  var template = document.getElementById("quiz-rule-template");
  var list = document.getElementById("quiz-rules");
  var total = document.getElementById("id_rules-TOTAL_FORMS");
  if (!button || !template || !list || !total) return;
  button.addEventListener("click", function (event) {
    event.preventDefault();
    var index = parseInt(total.value, 10) || 0;
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var rule = holder.firstElementChild;
    list.appendChild(rule);
    total.value = String(index + 1);
    var first = rule.querySelector("select, input:not([type=hidden])");
    if (first) first.focus();
  });
})();
