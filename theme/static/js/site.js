/* Progressive enhancements only: every page works without this file.
   - palmarès: live filters (level, kind, région, département) and sortable columns;
   - badge snippet: a « Copier » button;
   - the phone menu: Escape folds it.
   No inline handlers (the Content-Security-Policy forbids them). */
(function () {
  "use strict";

  function palmares(section) {
    var table = section.querySelector("table.triable");
    var filters = section.querySelector(".filtres");
    if (!table || !filters) { return; }
    var rows = Array.prototype.slice.call(table.querySelectorAll("tr[data-niveau]"));
    var groups = Array.prototype.slice.call(table.querySelectorAll("tr.groupe"));
    var selects = Array.prototype.slice.call(filters.querySelectorAll("select[data-filtre]"));
    var count = filters.querySelector(".compte-filtre");
    filters.hidden = false;

    function apply() {
      var wanted = {};
      selects.forEach(function (s) { wanted[s.getAttribute("data-filtre")] = s.value; });
      var shown = 0;
      rows.forEach(function (row) {
        var ok = Object.keys(wanted).every(function (key) {
          return !wanted[key] || row.getAttribute("data-" + key) === wanted[key];
        });
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      var filtered = selects.some(function (s) { return s.value; });
      groups.forEach(function (g) {
        var visible = g.parentNode.querySelectorAll("tr[data-niveau]:not([hidden])").length;
        g.hidden = !visible || sorted;
        // The group's count follows the filters: « 2 collectivités sur 11 », not a stale 11.
        var total = g.querySelector(".groupe-compte");
        var all = Number(total.getAttribute("data-total"));
        total.textContent = collectivities(filtered ? visible : all) + (filtered ? " sur " + number(all) : "");
      });
      count.textContent = filtered
        ? collectivities(shown, " affichée") + " sur " + number(rows.length)
        : "";
    }
    selects.forEach(function (s) { s.addEventListener("change", apply); });

    var sorted = false;
    var headers = Array.prototype.slice.call(table.querySelectorAll("thead th"));
    headers.forEach(function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        sorted = true;
        var first = table.tBodies[0];
        rows.sort(function (a, b) {
          var x = key(a.cells[index]), y = key(b.cells[index]);
          var c = typeof x === "number" ? x - y : x.localeCompare(y, "fr");
          return ascending ? c : -c;
        });
        rows.forEach(function (row) { first.appendChild(row); });
        apply();
      });
    });
  }

  // French numbers (« 1 500 », with a narrow no-break space) and agreement, as the page writes them.
  function number(n) { return n.toLocaleString("fr-FR"); }
  function collectivities(n, participle) {
    var many = n > 1;
    return number(n) + "\u00a0collectivit\u00e9" + (many ? "s" : "") + (participle ? participle + (many ? "s" : "") : "");
  }

  function key(cell) {
    var value = cell.getAttribute("data-tri");
    return value !== null ? Number(value) : cell.textContent.trim();
  }

  function copyButtons() {
    Array.prototype.slice.call(document.querySelectorAll("textarea.code")).forEach(function (area) {
      if (!navigator.clipboard) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copier";
      button.textContent = "Copier le code";
      area.insertAdjacentElement("afterend", button);
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(area.value).then(function () {
          button.textContent = "Code copié";
        });
      });
    });
  }

  // The phone menu (a <details> in base.html, usable without this file): Escape folds it
  // and gives the focus back to its « Menu » button, as a menu button does.
  function menu() {
    var details = document.querySelector(".menu-principal");
    if (!details) { return; }
    details.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && details.open) {
        details.open = false;
        details.querySelector("summary").focus();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.slice.call(document.querySelectorAll("[data-palmares]")).forEach(palmares);
    copyButtons();
    menu();
  });
}());
