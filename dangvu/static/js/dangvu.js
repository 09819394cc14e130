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
