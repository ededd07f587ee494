// The "Corpus" panel: the corpus the server was started with (--corpus), read-only. Filters ->
// documents, claims and each actor's red lines; a quote opens its document with the quote
// marked; charts are Plotly figures drawn by the plotly.min.js of the server's plotly package.
(function () {
  "use strict";
  var R = window.Redline;
  var plotly = null;
  var shown = null;
  var charts = 0; // requests so far: only the latest one is drawn

  function fill(select, values) {
    values.forEach(function (value) {
      var option = R.el("option", typeof value === "object" ? value.name : value);
      option.value = typeof value === "object" ? value.id : value;
      select.appendChild(option);
    });
  }

  function chosen() {
    var form = document.getElementById("filters");
    var params = {};
    new FormData(form).forEach(function (value, key) { params[key] = value; });
    return params;
  }

  // A link to a finding's quote in its document.
  function quoteLink(row) {
    var link = R.el("a", row.quote, "quote");
    link.href = "#" + row.doc_id + ":" + row.start_char;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      openDocument(row.doc_id, row.start_char, row.end_char);
    });
    return link;
  }

  function openDocument(id, start, end) {
    R.call("ui/api/corpus/documents/" + encodeURIComponent(id)).then(function (doc) {
      shown = doc.id;
      document.getElementById("viewer").hidden = false;
      document.getElementById("viewer-title").textContent = doc.title || doc.id;
      document.getElementById("viewer-meta").textContent =
        [doc.published, doc.outlet, doc.author].filter(Boolean).join(" · ");
      var box = document.getElementById("viewer-text");
      box.replaceChildren();
      // Offsets count code points, as Python does; Array.from splits the text the same way.
      var chars = Array.from(doc.text);
      if (start === undefined) {
        box.appendChild(document.createTextNode(doc.text));
      } else {
        box.appendChild(document.createTextNode(chars.slice(0, start).join("")));
        var mark = R.el("mark", chars.slice(start, end).join(""), "found");
        box.appendChild(mark);
        box.appendChild(document.createTextNode(chars.slice(end).join("")));
      }
      document.getElementById("viewer").scrollIntoView();
      var found = box.querySelector("mark.found");
      if (found) box.scrollTop = Math.max(0, found.offsetTop - box.offsetTop - 60);
    }, function (error) { R.status(error.message, true); });
  }

  function storedReport() {
    if (!shown) return;
    var path = "ui/api/corpus/documents/" + encodeURIComponent(shown) + "/report";
    R.call(R.withThresholds(path, document.getElementById("viewer-thresholds")), { method: "POST" })
      .then(function (answer) { window.open(answer.report, "_blank", "noopener"); },
        function (error) { R.status(error.message, true); });
  }

  function documentsTable(answer) {
    var body = document.querySelector("#documents tbody");
    body.replaceChildren();
    answer.rows.forEach(function (doc) {
      var row = R.el("tr");
      R.cell(row, doc.published);
      var link = R.el("a", doc.title || doc.id);
      link.href = "#" + doc.id;
      link.addEventListener("click", function (event) { event.preventDefault(); openDocument(doc.id); });
      R.cell(row, "").appendChild(link);
      [doc.outlet, doc.author, doc.escalation_index, doc.claim_count, doc.max_advocate,
        doc.max_threaten].forEach(function (value) { R.cell(row, value); });
      body.appendChild(row);
    });
    document.getElementById("documents-count").textContent =
      "(" + answer.rows.length + (answer.truncated ? "+" : "") + ")";
  }

  function claimsTable(answer) {
    var body = document.querySelector("#claims tbody");
    body.replaceChildren();
    answer.rows.forEach(function (claim) {
      var row = R.el("tr");
      R.cell(row, claim.level, "rung");
      R.cell(row, claim.stance, "stance stance-" + claim.stance);
      R.cell(row, claim.speaker);
      R.cell(row, "").appendChild(quoteLink(claim));
      R.cell(row, claim.title || claim.doc_id, "muted");
      body.appendChild(row);
    });
    document.getElementById("claims-count").textContent =
      "(" + answer.rows.length + (answer.truncated ? "+" : "") + ")";
  }

  function timeline(answer) {
    var box = document.getElementById("timeline");
    box.replaceChildren();
    if (!answer.actors.length) box.appendChild(R.el("p", "No red lines match these filters.", "muted"));
    answer.actors.forEach(function (entry) {
      var section = R.el("div", undefined, "actor");
      section.appendChild(R.el("h3", entry.actor + " (" + entry.red_lines.length + ")"));
      var list = R.el("ol", undefined, "events");
      entry.red_lines.forEach(function (line) {
        var item = R.el("li");
        item.appendChild(R.el("span", line.published || "undated", "when"));
        item.appendChild(R.el("span", "rung " + (line.level === null ? "?" : line.level), "rung"));
        item.appendChild(quoteLink(line));
        var parts = [];
        if (line.condition) parts.push("if " + line.condition);
        if (line.consequence) parts.push("then " + line.consequence);
        if (parts.length) item.appendChild(R.el("span", parts.join(" — "), "muted"));
        list.appendChild(item);
      });
      section.appendChild(list);
      box.appendChild(section);
    });
  }

  function apply() {
    var params = R.query(chosen());
    R.status("Loading…");
    return Promise.all([
      R.call("ui/api/corpus/documents" + params).then(documentsTable),
      R.call("ui/api/corpus/claims" + params).then(claimsTable),
      R.call("ui/api/corpus/redlines" + params).then(timeline),
      charts ? drawChart() : null,
    ]).then(function () { R.status(""); }, function (error) { R.status(error.message, true); });
  }

  function loadPlotly() {
    if (!plotly) {
      plotly = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = "ui/plotly.min.js";
        script.onload = function () { resolve(window.Plotly); };
        script.onerror = function () { reject(new Error("could not load ui/plotly.min.js")); };
        document.head.appendChild(script);
      });
    }
    return plotly;
  }

  function drawChart() {
    var view = document.getElementById("chart-view").value;
    var filters = chosen();
    var params = R.query({
      by: document.getElementById("chart-by").value,
      every: document.getElementById("chart-every").value,
      since: filters.since, until: filters.until, author: filters.author, outlet: filters.outlet,
    });
    var request = ++charts;
    return Promise.all([loadPlotly(), R.call("ui/api/corpus/charts/" + view + params)])
      .then(function (both) {
        if (request !== charts) return null;
        var figure = both[1];
        var box = document.getElementById("chart");
        return both[0].react(box, figure.data, figure.layout,
          { responsive: true, displaylogo: false }).then(function () {
          box.setAttribute("data-drawn", view);
        });
      }, function (error) { R.status(error.message, true); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    R.call("ui/api/corpus").then(function (info) {
      if (!info.available) return;
      document.getElementById("corpus-tab").hidden = false;
      document.getElementById("corpus-title").textContent =
        "Corpus " + info.name + ": " + info.documents + " documents" +
        (info.first ? ", " + info.first + " to " + info.last : "");
      var form = document.getElementById("filters");
      fill(form.elements.outlet, info.outlets);
      fill(form.elements.author, info.authors);
      fill(form.elements.speaker, info.speakers);
      fill(form.elements.actor, info.actors);
      fill(form.elements.stance, info.stances);
      fill(form.elements.rung, info.rungs);
      form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
      form.addEventListener("reset", function () { setTimeout(apply, 0); });
      ["chart-view", "chart-by", "chart-every"].forEach(function (id) {
        document.getElementById(id).addEventListener("change", drawChart);
      });
      document.getElementById("viewer-close").addEventListener("click", function () {
        document.getElementById("viewer").hidden = true;
      });
      document.getElementById("viewer-report").addEventListener("click", storedReport);
      document.getElementById("corpus-tab").addEventListener("click", function () {
        if (!charts) drawChart();
      });
      apply();
      if (location.hash === "#corpus") { R.showTab("corpus"); drawChart(); }
    }, function () { /* no corpus, or a token is needed: the analyse panel still works */ });
  });
})();
