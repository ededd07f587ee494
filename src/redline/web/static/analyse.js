// The "Analyse" panel: pasted text or uploaded files -> documents (the server's readers) ->
// each analysed by POST ui/api/reports (the same worker pool as /analyze), a few at a time,
// with progress; a result row opens its HTML report in the frame below.
(function () {
  "use strict";
  var R = window.Redline;
  var stopped = false;
  var parallel = 2;

  function showReport(summary, address) {
    var frame = document.getElementById("report");
    document.getElementById("report-card").hidden = false;
    document.getElementById("report-title").textContent = summary.title || "Report";
    document.getElementById("report-open").href = address;
    frame.src = address;
    document.querySelectorAll("#results tbody tr").forEach(function (row) {
      row.classList.toggle("selected", row.getAttribute("data-report") === address);
    });
  }

  function addResult(answer) {
    var s = answer.summary;
    var row = R.el("tr");
    row.setAttribute("data-report", answer.report);
    var name = R.cell(row, "");
    var link = R.el("a", s.title || s.id);
    link.href = answer.report;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      showReport(s, answer.report);
    });
    name.appendChild(link);
    [s.author, s.date, s.index, s.claims, s.advocated, s.threatened, s.red_lines, s.incitement]
      .forEach(function (value) { R.cell(row, value); });
    document.querySelector("#results tbody").appendChild(row);
    document.getElementById("results-card").hidden = false;
    return row;
  }

  function addProblem(line) {
    document.getElementById("problems").appendChild(R.el("li", line));
    document.getElementById("results-card").hidden = false;
  }

  function analyse(doc) {
    var box = document.getElementById("analyse-thresholds");
    return R.call(R.withThresholds("ui/api/reports", box), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(doc),
    });
  }

  function progress(done, total, failed) {
    document.getElementById("progress-box").hidden = false;
    var bar = document.getElementById("progress");
    bar.max = Math.max(total, 1);
    bar.value = done;
    document.getElementById("progress-text").textContent =
      done + " of " + total + " analysed" + (failed ? ", " + failed + " failed" : "");
  }

  // Analyse `docs` with `parallel` requests in flight; resolves when all are done or stopped.
  function analyseAll(docs) {
    var next = 0, done = 0, failed = 0, first = true;
    stopped = false;
    document.getElementById("stop").hidden = false;
    progress(0, docs.length, 0);
    function worker() {
      if (stopped || next >= docs.length) return Promise.resolve();
      var doc = docs[next++];
      return analyse(doc).then(function (answer) {
        addResult(answer);
        if (first) { first = false; showReport(answer.summary, answer.report); }
      }, function (error) {
        failed++;
        var name = (doc.metadata && (doc.metadata.title || doc.metadata.source)) || "document";
        addProblem(name + ": " + error.message);
      }).then(function () {
        done++;
        progress(done, docs.length, failed);
        return worker();
      });
    }
    var workers = [];
    for (var i = 0; i < Math.min(parallel, docs.length); i++) workers.push(worker());
    return Promise.all(workers).then(function () {
      document.getElementById("stop").hidden = true;
      R.status(stopped ? "Stopped after " + done + " of " + docs.length + " documents."
        : "Analysed " + (done - failed) + " of " + docs.length + " documents.", failed > 0);
    });
  }

  function readFile(file) {
    return file.arrayBuffer().then(function (bytes) {
      return R.call("ui/api/read" + R.query({ name: file.name }), {
        method: "POST",
        headers: { "Content-Type": "application/octet-stream" },
        body: bytes,
      });
    }).then(function (answer) {
      answer.problems.forEach(addProblem);
      return answer.documents;
    }, function (error) {
      addProblem(file.name + ": " + error.message);
      return [];
    });
  }

  function analyseFiles() {
    var files = Array.prototype.slice.call(document.getElementById("files").files);
    if (!files.length) { R.status("Choose one or more files first.", true); return; }
    R.status("Reading " + files.length + " file(s)…");
    Promise.all(files.map(readFile)).then(function (lists) {
      var docs = [].concat.apply([], lists);
      if (!docs.length) { R.status("No documents could be read from these files.", true); return; }
      R.status("Analysing " + docs.length + " document(s)…");
      return analyseAll(docs);
    });
  }

  function analyseText() {
    var text = document.getElementById("text").value;
    if (!text.trim()) { R.status("Paste a text first.", true); return; }
    var title = document.getElementById("text-title").value.trim();
    R.status("Analysing…");
    analyseAll([{ text: text, metadata: title ? { title: title } : null }]);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.getElementById("analyse-text").addEventListener("click", analyseText);
    document.getElementById("analyse-files").addEventListener("click", analyseFiles);
    document.getElementById("stop").addEventListener("click", function () { stopped = true; });
    R.call("health").then(function (health) {
      parallel = Math.max(1, Math.min(4, health.workers || 2));
    }, function () { /* the page still works with the default */ });
  });
})();
