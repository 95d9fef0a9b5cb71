// The project form (issue 14): a running total of the scoring weights (they must add up to 100), and 适用情形
// offering only the conditions of the method chosen (each option says its methods in data-methods).
(function () {
  "use strict";
  var form = document.getElementById("project-form");
  if (!form) { return; }

  var weights = Array.prototype.slice.call(form.querySelectorAll("input[data-weight]"));
  var total = document.getElementById("weight-total");
  var note = document.getElementById("weight-note");
  function sum() {
    var cents = weights.reduce(function (acc, input) {
      var value = parseFloat(input.value);
      return acc + (isNaN(value) ? 0 : Math.round(value * 100));
    }, 0);
    var ok = cents === 10000;
    total.textContent = String(cents / 100);
    // the words come from the page (data-msg-*, rendered through gettext)
    var words = ok ? note.dataset.msgOk : (cents > 10000 ? note.dataset.msgOver : note.dataset.msgUnder);
    note.textContent = words.replace("{n}", String(Math.abs(cents - 10000) / 100));
    note.className = "badge " + (ok ? "ok" : "warn");
  }
  weights.forEach(function (input) { input.addEventListener("input", sum); });
  if (total && note) { sum(); }

  var method = form.querySelector("select[name=method]");
  var condition = form.querySelector("select[name=method_condition]");
  function filterConditions() {
    if (!method || !condition) { return; }
    var chosen = method.value;
    var any = false;
    Array.prototype.forEach.call(condition.options, function (option) {
      if (!option.value) { return; }
      var fits = (option.dataset.methods || "").split(" ").indexOf(chosen) >= 0;
      option.hidden = !fits;
      option.disabled = !fits;
      any = any || fits;
      if (!fits && option.selected) { condition.value = ""; }
    });
    condition.disabled = !any;
  }
  if (method) { method.addEventListener("change", filterConditions); filterConditions(); }
})();
