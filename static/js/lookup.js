// A code picked from a list by name or code (issue 14: contractors by name or credit code): every
// <span data-lookup> around a code field becomes a search box (type, ↑/↓, Enter, Esc) over data-url?q=…; the code
// is still posted under the field's own name (a hidden input); without JavaScript the text field stays. The keys are
// listbox.js's; the words come from the widget's data attributes (gettext, regions/widgets/lookup.html).
(function () {
  "use strict";
  var seq = 0;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function enhance(root) {
    if (root.dataset.enhanced) { return; }
    root.dataset.enhanced = "1";
    var input = root.querySelector("input");
    var current = root.querySelector(".region-current");
    var listId = (input.id || "lookup-" + (++seq)) + "-options";
    var hidden = el("input", { type: "hidden", name: input.name });
    hidden.value = input.value.trim();
    input.removeAttribute("name");
    input.removeAttribute("maxlength");
    input.classList.remove("mono");
    input.setAttribute("placeholder", root.dataset.placeholder || "");
    if (hidden.value && current && current.textContent.trim()) { input.value = current.textContent.trim(); }
    root.insertBefore(hidden, input);
    var list = el("ul", { id: listId, role: "listbox", class: "region-options" });
    list.hidden = true;
    input.insertAdjacentElement("afterend", list);
    var rows = [];
    var asked = 0;
    var timer = null;
    var box = window.Listbox(input, list, { search: search, choose: function (i) { if (rows[i]) { choose(rows[i]); } } });

    function choose(row) {
      box.close();
      hidden.value = row.code;
      input.value = row.name;
      if (current) { current.textContent = row.name + "（" + row.code + "）" + (row.detail ? " · " + row.detail : ""); }
    }
    function render(found) {
      rows = found;
      list.textContent = "";
      if (!rows.length) { list.appendChild(el("li", { class: "hint", role: "presentation" }, root.dataset.msgNotFound || "")); }
      rows.forEach(function (row, i) {
        var item = el("li", { role: "option", id: listId + "-" + i, "aria-selected": "false" });
        item.appendChild(el("strong", {}, row.name));
        item.appendChild(el("span", { class: "hint" }, " " + row.code + (row.detail ? " · " + row.detail : "")));
        list.appendChild(item);
      });
      box.open(rows.length);
    }
    function search() {
      var text = input.value.trim();
      if (!text) { box.close(); return; }
      var ticket = ++asked;
      fetch(root.dataset.url + "?q=" + encodeURIComponent(text), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (data) { if (ticket === asked) { render(data.results); } })
        .catch(function () { /* the typed code is still posted */ });
    }
    input.addEventListener("input", function () {
      // a code typed in full is posted as it is; a name must be chosen from the list
      hidden.value = /^[0-9A-Za-z]{18}$/.test(input.value.trim()) ? input.value.trim().toUpperCase() : "";
      clearTimeout(timer);
      timer = setTimeout(search, 150);
    });
    input.addEventListener("blur", function () { setTimeout(box.close, 150); });
  }

  function enhanceAll(scope) { (scope || document).querySelectorAll("[data-lookup]").forEach(enhance); }
  document.addEventListener("DOMContentLoaded", function () { enhanceAll(document); });
  document.addEventListener("htmx:afterSwap", function (e) { enhanceAll(e.target); });
  if (document.readyState !== "loading") { enhanceAll(document); }
})();
