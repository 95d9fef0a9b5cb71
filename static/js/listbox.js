// The keyboard of a search box over a listbox (issue 14), shared by region-picker.js and lookup.js:
// ↑/↓ move the highlighted option (wrapping), Enter chooses it, Esc closes the list; aria-expanded and
// aria-activedescendant follow. `window.Listbox(input, list, {search, choose})` returns {active, close, highlight,
// open}: `search()` is asked for when ↑/↓ is pressed on a closed list, `choose(index)` when Enter picks an option.
(function () {
  "use strict";

  window.Listbox = function (input, list, handlers) {
    var box = { active: -1 };

    box.close = function () {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      box.active = -1;
    };

    box.highlight = function (index) {
      var items = list.querySelectorAll("[role=option]");
      if (!items.length) { return; }
      box.active = (index + items.length) % items.length;
      items.forEach(function (item, i) { item.setAttribute("aria-selected", i === box.active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", items[box.active].id);
      if (items[box.active].scrollIntoView) { items[box.active].scrollIntoView({ block: "nearest" }); }
    };

    box.open = function (count) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      if (count) { box.highlight(0); }
    };

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        if (list.hidden) { handlers.search(); return; }
        box.highlight(box.active + (e.key === "ArrowDown" ? 1 : -1));
      } else if (e.key === "Enter" && !list.hidden && box.active >= 0) {
        e.preventDefault();
        e.stopPropagation();
        handlers.choose(box.active);
      } else if (e.key === "Escape" && !list.hidden) {
        e.preventDefault();
        box.close();
      }
    });
    list.addEventListener("mousedown", function (e) {
      var item = e.target.closest("[role=option]");
      if (!item) { return; }
      e.preventDefault();
      handlers.choose(Array.prototype.indexOf.call(list.querySelectorAll("[role=option]"), item));
    });
    return box;
  };
})();
