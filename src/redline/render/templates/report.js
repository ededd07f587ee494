(function () {
  "use strict";

  // Builds the details panel with textContent only: span data never becomes markup.
  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function describe(span) {
    var box = element("div", undefined, "rl-detail");
    box.appendChild(element("h3", span.layer + ": " + span.label));
    var list = element("dl");
    var rows = [["quote", span.text]];
    (span.details || []).forEach(function (pair) { rows.push([pair[0], pair[1] || "yes"]); });
    rows.push(["confidence", span.confidence.toFixed(2)], ["found by", span.analyzer + " / " + span.rule],
      ["offsets", span.start + "–" + span.end]);
    rows.forEach(function (row) {
      list.appendChild(element("dt", row[0]));
      list.appendChild(element("dd", row[1]));
    });
    box.appendChild(list);
    return box;
  }

  function layerShown(root, mark) {
    var box = root.querySelector('input[data-layer="' + mark.getAttribute("data-layer") + '"]');
    if (box && !box.checked) return false;
    // Claims below rung 2 are drawn only while their own box is ticked.
    var minor = root.querySelector("input.rl-minor-toggle");
    return !mark.classList.contains("rl-minor") || !minor || minor.checked;
  }

  function spansAt(root, mark) {
    var ids = [];
    for (var node = mark; node && node !== root; node = node.parentElement) {
      if (node.matches("mark.rl-hl") && layerShown(root, node)) {
        var id = node.getAttribute("data-span");
        if (ids.indexOf(id) < 0) ids.push(id);
      }
    }
    return ids;
  }

  function pin(root, data, ids) {
    root.querySelectorAll("mark.rl-pinned").forEach(function (m) { m.classList.remove("rl-pinned"); });
    var first = null;
    root.querySelectorAll("mark.rl-hl").forEach(function (m) {
      if (ids.indexOf(m.getAttribute("data-span")) >= 0) {
        m.classList.add("rl-pinned");
        first = first || m;
      }
    });
    var body = root.querySelector(".rl-details-body");
    body.replaceChildren();
    ids.forEach(function (id) { if (data.spans[id]) body.appendChild(describe(data.spans[id])); });
    return first;
  }

  function init(root) {
    if (root.getAttribute("data-rl-ready")) return;
    var source = root.querySelector("script.rl-data");
    var data = JSON.parse(source ? source.textContent : '{"spans": {}}');
    root.addEventListener("click", function (event) {
      var mark = event.target.closest("mark.rl-hl");
      if (mark && root.contains(mark)) {
        var ids = spansAt(root, mark);
        if (ids.length) pin(root, data, ids);
        return;
      }
      // A findings row or a ladder chip: pin its span and bring it into view.
      var row = event.target.closest("tr[data-span], button[data-span]");
      if (row && root.contains(row)) {
        var target = pin(root, data, [row.getAttribute("data-span")]);
        if (target) target.scrollIntoView({block: "center"});
      }
    });
    root.setAttribute("data-rl-marks", String(root.querySelectorAll("mark.rl-hl").length));
    root.setAttribute("data-rl-ready", "1");
  }

  document.querySelectorAll(".rl-report").forEach(init);
})();
