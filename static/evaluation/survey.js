// Quick entry at a window: keys 1–5 answer the current question (5 = 非常满意) and move on; Enter saves.
(function () {
  var form = document.getElementById("survey-form");
  if (!form) return;
  var questions = Array.prototype.slice.call(form.querySelectorAll("fieldset[data-question]"));
  function firstOpen() {
    for (var i = 0; i < questions.length; i++) {
      if (!questions[i].querySelector("input:checked")) return i;
    }
    return -1;
  }
  function mark() {
    var open = firstOpen();
    questions.forEach(function (q, i) { q.classList.toggle("current", i === open); });
  }
  form.addEventListener("change", mark);
  document.addEventListener("keydown", function (event) {
    if (event.target && /INPUT|TEXTAREA|SELECT/.test(event.target.tagName) && event.target.type !== "radio") return;
    var open = firstOpen();
    if (open < 0 || !/^[1-5]$/.test(event.key)) return;
    var input = questions[open].querySelector('input[value="' + event.key + '"]');
    if (!input) {
      // the channel question: 1–3 pick the n-th choice
      var inputs = questions[open].querySelectorAll("input");
      input = inputs[Number(event.key) - 1];
    }
    if (input) { input.checked = true; event.preventDefault(); mark(); }
  });
  mark();
})();
