// Page behaviours without inline event handlers (the Content-Security-Policy allows no inline script):
//   <form data-confirm="...">       asks before submitting
//   <select data-autosubmit>        submits its form when changed
//   <button data-print>             prints the page
//   <button data-menu-toggle>       opens and closes the header's menu on a phone (aria-expanded follows)
document.addEventListener("submit", function (e) {
  var form = e.target;
  if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) { e.preventDefault(); }
}, true);
document.addEventListener("change", function (e) {
  var el = e.target;
  if (el.hasAttribute && el.hasAttribute("data-autosubmit") && el.form) { el.form.submit(); }
});
document.addEventListener("click", function (e) {
  var el = e.target.closest ? e.target.closest("[data-print]") : null;
  if (el) { window.print(); }
});
document.addEventListener("click", function (e) {
  var button = e.target.closest ? e.target.closest("[data-menu-toggle]") : null;
  if (!button) { return; }
  var menu = document.getElementById(button.getAttribute("aria-controls"));
  var open = button.getAttribute("aria-expanded") !== "true";
  button.setAttribute("aria-expanded", open ? "true" : "false");
  if (menu) { menu.classList.toggle("open", open); }
});
