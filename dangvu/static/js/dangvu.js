// Small behaviours that would otherwise need inline handlers (forbidden by the CSP).
document.addEventListener("change", function (event) {
  if (event.target.classList.contains("js-autosubmit")) {
    event.target.form.requestSubmit();
  }
});

// Rating entry (evaluation): on a level, keys 1–4 choose HTXSNV, HTTNV, HTNV, KHTNV and 0
// clears it, then the next row's level takes the focus, so a long list is rated from the
// keyboard alone.
document.addEventListener("keydown", function (event) {
  const select = event.target;
  if (!select.matches || !select.matches(".rating-table select.level")) return;
  if (event.altKey || event.ctrlKey || event.metaKey || !/^[0-4]$/.test(event.key)) return;
  event.preventDefault();
  select.selectedIndex = Number(event.key);
  select.dispatchEvent(new Event("input", { bubbles: true }));
  const levels = Array.from(select.closest("table").querySelectorAll("select.level:enabled"));
  const next = levels[levels.indexOf(select) + 1];
  if (next) next.focus();
});

// The "In" button (templates/includes/print_button.html): the browser's print dialog, with
// the print stylesheet of css/dangvu.css.
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest(".js-print")) window.print();
});

// The organization tree: a row's toggle loads the level under it once (htmx); pressed
// again, it closes: the rows under it leave the page, to be loaded afresh when reopened.
document.addEventListener("htmx:confirm", function (event) {
  const button = event.target;
  if (!button.matches || !button.matches(".tree-toggle")) return;
  if (button.getAttribute("aria-expanded") !== "true") return;
  event.preventDefault();
  const row = button.closest("tr");
  const path = row.dataset.path;
  row.parentElement.querySelectorAll("tr[data-path]").forEach(function (other) {
    if (other !== row && other.dataset.path.startsWith(path)) other.remove();
  });
  button.setAttribute("aria-expanded", "false");
});
document.addEventListener("htmx:afterRequest", function (event) {
  const button = event.detail.elt;
  if (button.matches && button.matches(".tree-toggle") && event.detail.successful) {
    button.setAttribute("aria-expanded", "true");
  }
});
