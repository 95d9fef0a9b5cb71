// The region picker (issue 14): every <span data-region-picker> around a division-code text field becomes
//   - a search box: type a name or a code, ↑/↓ to move, Enter to choose, Esc to close;
//   - a cascade of selects (市 → 县 → 镇 → 村) from the top of the user's scope down to the lowest level the field
//     accepts, kept in step with the search box.
// The code is still posted under the field's own name (a hidden input); without JavaScript the text field stays.
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
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("placeholder", "输入名称或代码搜索，↑↓ 选择，回车确定");
    input.value = "";
    root.insertBefore(hidden, input);
    var list = el("ul", { id: listId, role: "listbox", class: "region-options" });
    list.hidden = true;
    input.insertAdjacentElement("afterend", list);
    var cascade = el("span", { class: "region-cascade" });
    root.appendChild(cascade);

    var rows = [];
    var active = -1;
    var chosen = null;
    var timer = null;
    var asked = 0;

    function show(row) {
      chosen = row;
      hidden.value = row ? row.code : "";
      input.value = row ? row.name : input.value;
      if (current) { current.textContent = row ? describe(row) : "未选择（可输入名称或代码）"; }
      hidden.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var items = list.querySelectorAll("[role=option]");
      if (!items.length) { return; }
      active = (index + items.length) % items.length;
      items.forEach(function (item, i) { item.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }

    function render(found) {
      rows = found.filter(function (r) { return r.selectable; });
      list.textContent = "";
      if (!rows.length) {
        list.appendChild(el("li", { class: "hint", role: "presentation" }, "没有找到符合的区域"));
      }
      rows.forEach(function (row, i) {
        var item = el("li", { role: "option", id: listId + "-" + i, "aria-selected": "false", "data-code": row.code });
        item.appendChild(el("strong", {}, row.name));
        item.appendChild(el("span", { class: "hint" }, " " + (row.path || "") + " · " + row.level_label + " · " + row.code));
        list.appendChild(item);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      if (rows.length) { highlight(0); }
    }

    function choose(row) {
      close();
      show(row);
      loadChain(row.code);
    }

    function search() {
      var text = input.value.trim();
      if (!text) { close(); return; }
      var ticket = ++asked;
      getJSON(url({ q: text })).then(function (data) {
        if (ticket === asked) { render(data.results); }
      }).catch(function () { /* the typed code is still posted */ });
    }

    function addStep(step) {
      var select = el("select", { "aria-label": (step.options[0] && step.options[0].level_label) || "区域" });
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
          current.textContent = "区划代码 " + code + " 不在可选范围内";
        } else if (current) {
          current.textContent = "输入名称或代码搜索，或在下方逐级选择";
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
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        if (list.hidden) { search(); return; }
        highlight(active + (e.key === "ArrowDown" ? 1 : -1));
      } else if (e.key === "Enter" && !list.hidden && rows[active]) {
        e.preventDefault();
        e.stopPropagation();
        choose(rows[active]);
      } else if (e.key === "Escape" && !list.hidden) {
        e.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", function () {
      setTimeout(function () {
        if (!chosen && rows.length === 1 && !list.hidden) { choose(rows[0]); }
        close();
      }, 150);
    });
    list.addEventListener("mousedown", function (e) {
      var item = e.target.closest("[role=option]");
      if (!item) { return; }
      e.preventDefault();
      choose(rows[Number(item.id.slice(listId.length + 1))]);
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
