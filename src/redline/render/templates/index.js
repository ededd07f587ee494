(function () {
  "use strict";

  // Sorts the index table by the clicked column: numbers by value, text by locale order.
  // Values come from each cell's data-sort attribute; rows are moved, never rebuilt as markup.
  var table = document.querySelector("table.rl-index");
  if (!table) return;
  var body = table.tBodies[0];

  function sortBy(button) {
    var column = Number(button.getAttribute("data-column"));
    var numeric = button.hasAttribute("data-numeric");
    var header = button.parentElement;
    // Numbers sort high to low first (the most escalated documents on top), text A to Z.
    var first = numeric ? "descending" : "ascending";
    var current = header.getAttribute("aria-sort");
    var order = current === first ? (first === "ascending" ? "descending" : "ascending") : first;
    table.querySelectorAll("thead th").forEach(function (th) { th.setAttribute("aria-sort", "none"); });
    header.setAttribute("aria-sort", order);
    var sign = order === "ascending" ? 1 : -1;
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[column].getAttribute("data-sort");
      var y = b.cells[column].getAttribute("data-sort");
      var diff = numeric ? Number(x) - Number(y) : x.localeCompare(y);
      return sign * diff;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  table.querySelectorAll("thead button[data-column]").forEach(function (button) {
    button.addEventListener("click", function () { sortBy(button); });
  });
})();
