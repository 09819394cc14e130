// Small behaviours that would otherwise need inline handlers (forbidden by the CSP).
document.addEventListener("change", function (event) {
  if (event.target.classList.contains("js-autosubmit")) {
    event.target.form.requestSubmit();
  }
});
