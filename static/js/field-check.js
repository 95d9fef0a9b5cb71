// Errors at the field as it is typed (issue 14): an <input data-check="id_number|credit_code|phone|month"
// data-check-url="…"> is checked by the server's own rule (config/checks.py, POST: an ID number never goes into a
// URL) once the value is long enough to judge, and always when the field is left; the message sits under the field.
(function () {
  "use strict";
  // how many characters a value needs before it is judged while typing (leaving the field judges it at once)
  var COMPLETE = { id_number: 18, credit_code: 18, phone: 11, month: 7 };
  var timers = new WeakMap();
  var asked = new WeakMap();

  function token() {
    try { return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; } catch (e) { return ""; }
  }

  function note(input) {
    var id = (input.id || input.name) + "-check";
    var span = document.getElementById(id);
    if (!span) {
      span = document.createElement("span");
      span.id = id;
      span.className = "field-check";
      span.setAttribute("aria-live", "polite");
      input.insertAdjacentElement("afterend", span);
      var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      described.push(id);
      input.setAttribute("aria-describedby", described.join(" "));
    }
    return span;
  }

  function show(input, ok, message) {
    var span = note(input);
    span.textContent = ok ? "" : message;
    span.className = "field-check" + (ok ? "" : " bad");
    if (ok) { input.removeAttribute("aria-invalid"); } else { input.setAttribute("aria-invalid", "true"); }
  }

  function check(input) {
    var value = input.value.trim();
    if (!value) { show(input, true, ""); return; }
    var ticket = (asked.get(input) || 0) + 1;
    asked.set(input, ticket);
    var body = new URLSearchParams({ kind: input.dataset.check, value: value });
    fetch(input.dataset.checkUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token(), "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body: body.toString(),
    }).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
      if (data && asked.get(input) === ticket && input.value.trim() === value) { show(input, data.ok, data.message); }
    }).catch(function () { /* the server checks again on submit */ });
  }

  document.addEventListener("input", function (e) {
    var input = e.target;
    if (!input.dataset || !input.dataset.check) { return; }
    clearTimeout(timers.get(input));
    var enough = input.value.trim().length >= (COMPLETE[input.dataset.check] || 1);
    if (!enough) { if (input.getAttribute("aria-invalid")) { show(input, true, ""); } return; }
    timers.set(input, setTimeout(function () { check(input); }, 250));
  });
  document.addEventListener("change", function (e) {
    var input = e.target;
    if (input.dataset && input.dataset.check) { clearTimeout(timers.get(input)); check(input); }
  });
})();
