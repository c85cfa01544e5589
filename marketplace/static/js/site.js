// Small progressive enhancements; every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // The language switcher submits on change; its button stays for keyboard and no-JS users.
  const select = document.getElementById("locale-select");
  if (select) select.addEventListener("change", () => select.form.submit());
});
