// Quick entry of paper questionnaires (issue 14): the number keys pick the n-th choice of the current question in
// the order shown on screen (1 = the first button, as printed on it), the focus stays in the form and moves to the
// next open question, and Enter saves from anywhere on the page, for every questionnaire in a row.
(function () {
  "use strict";
  var form = document.getElementById("survey-form");
  if (!form) { return; }
  var questions = Array.prototype.slice.call(form.querySelectorAll("fieldset[data-question]"));

  function firstOpen() {
    for (var i = 0; i < questions.length; i++) {
      if (!questions[i].querySelector("input:checked")) { return i; }
    }
    return -1;
  }

  function focusQuestion(index) {
    var q = questions[index];
    if (!q) { form.querySelector("button[type=submit]").focus(); return; }
    var input = q.querySelector("input:checked") || q.querySelector("input");
    if (input) { input.focus({ preventScroll: false }); }
  }

  function mark() {
    var open = firstOpen();
    questions.forEach(function (q, i) { q.classList.toggle("current", i === open); });
    var left = document.getElementById("survey-left");
    if (left) {
      // the words come from the page (data-msg-*, rendered through gettext), so the English page says them in English
      var unanswered = questions.filter(function (q) { return !q.querySelector("input:checked"); }).length;
      left.textContent = open < 0 ? left.dataset.msgDone : left.dataset.msgLeft.replace("{n}", String(unanswered));
    }
    return open;
  }

  form.addEventListener("change", mark);
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (target && (target.tagName === "TEXTAREA" || (target.tagName === "INPUT" && target.type !== "radio") || target.tagName === "SELECT")) { return; }
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (target && target.closest && target.closest("a, button") && !form.contains(target)) { return; }
    if (event.key === "Enter") {
      event.preventDefault();
      var open = mark();
      if (open >= 0) { focusQuestion(open); }
      form.requestSubmit();
      return;
    }
    if (!/^[1-9]$/.test(event.key)) { return; }
    // the question in focus, else the first one not answered yet
    var current = target && target.closest ? target.closest("fieldset[data-question]") : null;
    var index = current && !current.querySelector("input:checked") ? questions.indexOf(current) : firstOpen();
    if (index < 0) { return; }
    var input = questions[index].querySelectorAll("input")[Number(event.key) - 1];
    if (!input) { return; }
    event.preventDefault();
    input.checked = true;
    input.dispatchEvent(new Event("change", { bubbles: true }));
    var next = mark();
    focusQuestion(next);
  });
  focusQuestion(Math.max(firstOpen(), 0));
  mark();
})();
