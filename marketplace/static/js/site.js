// Small progressive enhancements; every page works without this file.
// With scripts on, controls meant only for no-JS visitors (a form's "show price" submit, which
// htmx makes unnecessary) are hidden by the stylesheet.
document.documentElement.classList.add("js");
document.addEventListener("DOMContentLoaded", () => {
  // The language switcher submits on change; its button stays for keyboard and no-JS users.
  const select = document.getElementById("locale-select");
  if (select) select.addEventListener("change", () => select.form.submit());
});
