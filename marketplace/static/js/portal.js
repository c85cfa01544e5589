// The listing editor's enhancements: language tabs and the SKU matrix generator. Without this
// file the languages are shown one under the other and the matrix buttons post the form, so the
// server adds the rows; with it, the same happens in the page.
(() => {
  "use strict";

  function setUpTabs(container) {
    const panels = Array.from(container.querySelectorAll("[data-tab-panel]"));
    if (panels.length < 2) return;
    const list = document.createElement("div");
    list.className = "tabs";
    list.setAttribute("role", "tablist");
    const tabs = panels.map((panel, index) => {
      const tab = document.createElement("button");
      tab.type = "button";
      tab.id = `${panel.id}-tab`;
      tab.textContent = panel.dataset.tabLabel;
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", panel.id);
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      tab.addEventListener("click", () => select(index));
      tab.addEventListener("keydown", (event) => {
        const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
        if (!step) return;
        const next = (index + step + panels.length) % panels.length;
        select(next);
        tabs[next].focus();
      });
      list.appendChild(tab);
      return tab;
    });
    function select(chosen) {
      panels.forEach((panel, index) => {
        panel.hidden = index !== chosen;
        tabs[index].setAttribute("aria-selected", String(index === chosen));
        tabs[index].tabIndex = index === chosen ? 0 : -1;
      });
    }
    panels[0].parentNode.insertBefore(list, panels[0]);
    // Open the first language with a problem, so the buyer sees what to fix.
    const withError = panels.findIndex((panel) => panel.querySelector(".has-error"));
    select(withError < 0 ? 0 : withError);
  }

  // Options text as the server writes it: "colour=red; size=M".
  function optionsKey(text) {
    return text.split(/[;；]/).map((part) => part.trim()).filter(Boolean)
      .map((part) => part.split("=").map((piece) => piece.trim()).join("=")).sort().join(";");
  }

  function setUpMatrix(matrix) {
    const body = matrix.querySelector("[data-rows]");
    const template = matrix.querySelector("[data-row-template]");
    const maxRows = 100;

    function rowValues(row) {
      const value = (name) => row.querySelector(`[data-${name}]`).value;
      return { options: value("options"), code: value("code"), price: value("price"),
               weight: value("weight"), stock: value("stock") };
    }

    function newRow(index, values) {
      const html = template.innerHTML.replaceAll("__index__", index).replaceAll("__number__", index + 1);
      const holder = document.createElement("tbody");
      holder.innerHTML = html.trim();
      const row = holder.firstElementChild;
      for (const [name, value] of Object.entries(values || {})) {
        row.querySelector(`[data-${name}]`).value = value || "";
      }
      return row;
    }

    function axes() {
      return Array.from(matrix.querySelectorAll("[data-axis]")).map((axis) => ({
        name: axis.querySelector("[data-axis-name]").value.trim(),
        values: [...new Set(axis.querySelector("[data-axis-values]").value.split(/[,，]/)
          .map((value) => value.trim()).filter(Boolean))],
      })).filter((axis) => axis.name && axis.values.length);
    }

    function combinations(list) {
      return list.reduce((sets, axis) => sets.flatMap((set) => axis.values.map((value) => [...set, [axis.name, value]])),
                         [[]]).slice(0, maxRows);
    }

    function generate() {
      const typed = Array.from(body.querySelectorAll("[data-row]")).map(rowValues)
        .filter((values) => Object.values(values).some((value) => value.trim()));
      const kept = new Map(typed.map((values) => [optionsKey(values.options), values]));
      const weight = typed.length ? typed[0].weight : "";
      body.replaceChildren(...combinations(axes()).map((pairs, index) => {
        const options = pairs.map(([name, value]) => `${name}=${value}`).join("; ");
        return newRow(index, kept.get(optionsKey(options)) || { options, weight });
      }));
    }

    function addRow() {
      const rows = body.querySelectorAll("[data-row]");
      if (rows.length >= maxRows) return;
      const names = Array.from(body.querySelectorAll("[data-code]")).map((input) => input.name);
      const last = Math.max(-1, ...names.map((name) => Number(name.split("-")[1])));
      const row = newRow(last + 1);
      body.appendChild(row);
      row.querySelector("input").focus();
    }

    matrix.querySelector("[data-generate]").addEventListener("click", (event) => {
      event.preventDefault();
      generate();
    });
    matrix.querySelector("[data-add-row]").addEventListener("click", (event) => {
      event.preventDefault();
      addRow();
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-tabs]").forEach(setUpTabs);
    document.querySelectorAll("[data-matrix]").forEach(setUpMatrix);
  });
})();
