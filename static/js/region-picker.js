// The region picker (issue 14): every <span data-region-picker> around a division-code text field becomes
//   - a search box: type a name or a code, ↑/↓ to move, Enter to choose, Esc to close;
//   - a cascade of selects (市 → 县 → 镇 → 村) from the top of the user's scope down to the lowest level the field
//     accepts, kept in step with the search box.
// The code is still posted under the field's own name (a hidden input); without JavaScript the text field stays.
// The keys are listbox.js's; the words come from the widget's data-msg-* attributes (regions/widgets/region_picker.html,
// through gettext), so the English interface shows English.
(function () {
  "use strict";
  var seq = 0;

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function describe(row) {
    return (row.path ? row.path + " " : "") + row.name + "（" + row.code + "）";
  }

  function enhance(root) {
    if (root.dataset.enhanced) { return; }
    root.dataset.enhanced = "1";
    var input = root.querySelector("input");
    var current = root.querySelector(".region-current");
    var id = input.id || "region-picker-" + (++seq);
    var listId = id + "-options";
    // the words, in the interface's language: data-msg-* attributes written by the widget's template (gettext)
    function msg(name) { return root.dataset["msg" + name.charAt(0).toUpperCase() + name.slice(1)] || ""; }
    var params = { levels: root.dataset.levels || "", scope: root.dataset.scope || "own" };
    function url(extra) {
      var q = new URLSearchParams(params);
      Object.keys(extra).forEach(function (k) { q.set(k, extra[k]); });
      return root.dataset.url + "?" + q.toString();
    }

    var hidden = el("input", { type: "hidden", name: input.name });
    hidden.value = input.value.trim();
    input.removeAttribute("name");
    input.removeAttribute("maxlength");
    input.setAttribute("inputmode", "search");
    input.classList.remove("mono");
    input.setAttribute("placeholder", msg("placeholder"));
    input.value = "";
    root.insertBefore(hidden, input);
    var list = el("ul", { id: listId, role: "listbox", class: "region-options" });
    list.hidden = true;
    input.insertAdjacentElement("afterend", list);
    var cascade = el("span", { class: "region-cascade" });
    root.appendChild(cascade);

    var rows = [];
    var chosen = null;
    var timer = null;
    var asked = 0;

    function show(row) {
      chosen = row;
      hidden.value = row ? row.code : "";
      input.value = row ? row.name : input.value;
      if (current) { current.textContent = row ? describe(row) : msg("noneChosen"); }
      hidden.dispatchEvent(new Event("change", { bubbles: true }));
    }

    var box = window.Listbox(input, list, { search: search, choose: function (i) { if (rows[i]) { choose(rows[i]); } } });

    function render(found) {
      rows = found.filter(function (r) { return r.selectable; });
      list.textContent = "";
      if (!rows.length) {
        list.appendChild(el("li", { class: "hint", role: "presentation" }, msg("notFound")));
      }
      rows.forEach(function (row, i) {
        var item = el("li", { role: "option", id: listId + "-" + i, "aria-selected": "false", "data-code": row.code });
        item.appendChild(el("strong", {}, row.name));
        item.appendChild(el("span", { class: "hint" }, " " + (row.path || "") + " · " + row.level_label + " · " + row.code));
        list.appendChild(item);
      });
      box.open(rows.length);
    }

    function choose(row) {
      box.close();
      show(row);
      loadChain(row.code);
    }

    function search() {
      var text = input.value.trim();
      if (!text) { box.close(); return; }
      var ticket = ++asked;
      getJSON(url({ q: text })).then(function (data) {
        if (ticket === asked) { render(data.results); }
      }).catch(function () { /* the typed code is still posted */ });
    }

    function addStep(step) {
      var select = el("select", { "aria-label": (step.options[0] && step.options[0].level_label) || msg("region") });
      select.appendChild(el("option", { value: "" }, "—" + ((step.options[0] && step.options[0].level_label) || "") + "—"));
      step.options.forEach(function (row) {
        var option = el("option", { value: row.code }, row.name);
        option.row = row;
        if (row.code === step.selected) { option.selected = true; }
        select.appendChild(option);
      });
      select.addEventListener("change", function () { stepChanged(select); });
      cascade.appendChild(select);
    }

    function stepChanged(select) {
      while (select.nextSibling) { cascade.removeChild(select.nextSibling); }
      var option = select.options[select.selectedIndex];
      var row = option && option.row;
      // the value is the lowest choice the field accepts (a filter may stop at a county)
      var selects = Array.prototype.slice.call(cascade.querySelectorAll("select")).reverse();
      var pick = null;
      selects.some(function (s) {
        var r = s.options[s.selectedIndex] && s.options[s.selectedIndex].row;
        if (r && r.selectable) { pick = r; return true; }
        return false;
      });
      show(pick);
      if (!pick) { input.value = ""; }
      if (row && !row.leaf) {
        getJSON(url({ parent: row.code })).then(function (data) {
          if (data.results.length) { addStep({ selected: "", options: data.results }); }
        });
      }
    }

    function loadChain(code) {
      getJSON(url({ code: code })).then(function (data) {
        cascade.textContent = "";
        data.steps.forEach(function (step) { if (step.options.length) { addStep(step); } });
        if (data.region) {
          if (data.region.selectable) { show(data.region); }
        } else if (code && current) {
          input.value = code;
          current.textContent = msg("outOfScope").replace("{code}", code);
        } else if (current) {
          current.textContent = msg("start");
        }
      }).catch(function () { /* the text field still posts the code */ });
    }

    input.addEventListener("input", function () {
      var text = input.value.trim();
      chosen = null;
      hidden.value = /^\d{2,12}$/.test(text) ? text : "";
      clearTimeout(timer);
      timer = setTimeout(search, 150);
    });
    input.addEventListener("blur", function () {
      setTimeout(function () {
        if (!chosen && rows.length === 1 && !list.hidden) { choose(rows[0]); }
        box.close();
      }, 150);
    });
    loadChain(hidden.value);
  }

  function enhanceAll(scope) {
    (scope || document).querySelectorAll("[data-region-picker]").forEach(enhance);
  }
  document.addEventListener("DOMContentLoaded", function () { enhanceAll(document); });
  document.addEventListener("htmx:afterSwap", function (e) { enhanceAll(e.target); });
  if (document.readyState !== "loading") { enhanceAll(document); }
})();
