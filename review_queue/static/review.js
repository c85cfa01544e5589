// Keyboard shortcuts for reviewers: j / k move through the queue (or to the next and previous
// task on a task page), Enter opens the selected task, a / r / c pick approve, reject or request
// changes in the decision form. Keys typed into a form field are left alone.
document.addEventListener("DOMContentLoaded", () => {
  const rows = Array.from(document.querySelectorAll("[data-queue] tbody tr[data-task-url]"));
  const nav = document.querySelector(".task-nav");
  const form = document.getElementById("decision-form");
  let selected = -1;

  function select(index) {
    if (!rows.length) return;
    selected = Math.max(0, Math.min(rows.length - 1, index));
    rows.forEach((row, at) => row.classList.toggle("selected", at === selected));
    rows[selected].querySelector("a").focus();
  }

  function choose(decision) {
    if (!form) return;
    const option = form.querySelector(`input[name="decision"][value="${decision}"]`);
    option.checked = true;
    const focus = decision === "approve" ? form.querySelector("button[type=submit]")
      : form.querySelector('input[name="reasons"]');
    if (focus) focus.focus();
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest("input, textarea, select")) return;
    const key = event.key;
    if (rows.length && (key === "j" || key === "k")) select(selected + (key === "j" ? 1 : -1));
    else if (nav && (key === "j" || key === "k")) {
      const target = nav.dataset[key === "j" ? "next" : "prev"];
      if (target) window.location.assign(target);
    } else if (key === "a") choose("approve");
    else if (key === "r") choose("reject");
    else if (key === "c") choose("request_changes");
    else return;
    event.preventDefault();
  });
});
