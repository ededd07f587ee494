// Shared helpers of the Redline page: DOM building (textContent only, so no data ever becomes
// markup), calls to this server's JSON endpoints with the access token, and the status line.
(function () {
  "use strict";

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function status(message, isError) {
    var line = document.getElementById("status");
    line.textContent = message || "";
    line.classList.toggle("error", Boolean(isError));
  }

  function token() {
    return document.getElementById("token").value.trim();
  }

  // A one-line error from FastAPI's {"detail": ...} answers, whatever their shape.
  function detail(answer, body) {
    var found = body && body.detail;
    if (Array.isArray(found)) {
      found = found.map(function (p) { return (p.loc || []).join(".") + ": " + p.msg; }).join("; ");
    }
    return (found || answer.statusText || "request failed") + " (HTTP " + answer.status + ")";
  }

  // fetch() this server's JSON endpoint; resolves to the parsed answer, rejects with one line.
  function call(path, options) {
    options = options || {};
    var headers = options.headers || {};
    if (token()) headers.Authorization = "Bearer " + token();
    options.headers = headers;
    return fetch(path, options).then(function (answer) {
      return answer.text().then(function (text) {
        var body = null;
        try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
        if (answer.status === 401) document.getElementById("token-box").hidden = false;
        if (!answer.ok) throw new Error(detail(answer, body));
        return body;
      });
    });
  }

  function query(params) {
    var parts = [];
    Object.keys(params).forEach(function (key) {
      var value = params[key];
      if (value !== "" && value !== null && value !== undefined) {
        parts.push(encodeURIComponent(key) + "=" + encodeURIComponent(value));
      }
    });
    return parts.length ? "?" + parts.join("&") : "";
  }

  function cell(row, value, className) {
    var td = el("td", value === null || value === undefined ? "–" : value, className);
    row.appendChild(td);
    return td;
  }

  // The report thresholds: a number per layer in each fieldset.thresholds, prefilled with the
  // server's (ui/api/settings); report requests send them as min_confidence=LAYER=VALUE.
  var LAYER_NAMES = { claims: "Claims", redlines: "Red lines", incitement: "Incitement",
    techniques: "Techniques" };
  var thresholdsLoaded = false;

  function thresholdInputs(values) {
    document.querySelectorAll("fieldset.thresholds").forEach(function (box) {
      box.querySelectorAll("label").forEach(function (label) { label.remove(); });
      Object.keys(values).forEach(function (layer) {
        var label = el("label", LAYER_NAMES[layer] || layer);
        var input = el("input");
        input.type = "number";
        input.min = "0";
        input.max = "1";
        input.step = "0.05";
        input.name = layer;
        input.value = String(values[layer]);
        label.appendChild(input);
        box.insertBefore(label, box.querySelector(".hint")); // the hint, if any, stays last
      });
    });
  }

  function loadThresholds() {
    return call("ui/api/settings").then(function (answer) {
      thresholdsLoaded = true;
      thresholdInputs(answer.min_confidence);
    }, function () { /* a token is needed first: tried again when one is entered */ });
  }

  // `path` with the thresholds of the fieldset `box` (an empty input keeps the server's).
  function withThresholds(path, box) {
    var parts = [];
    box.querySelectorAll("input[name]").forEach(function (input) {
      var value = input.value.trim();
      if (value !== "") parts.push("min_confidence=" + encodeURIComponent(input.name + "=" + value));
    });
    return parts.length ? path + (path.indexOf("?") < 0 ? "?" : "&") + parts.join("&") : path;
  }

  function showTab(name) {
    document.querySelectorAll(".tab").forEach(function (tab) {
      tab.classList.toggle("active", tab.getAttribute("data-tab") === name);
    });
    document.querySelectorAll(".panel").forEach(function (panel) {
      panel.hidden = panel.id !== name;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("token");
    box.value = sessionStorage.getItem("redline-token") || "";
    if (box.value) document.getElementById("token-box").hidden = false;
    box.addEventListener("change", function () {
      sessionStorage.setItem("redline-token", token());
      if (!thresholdsLoaded) loadThresholds();
    });
    document.querySelectorAll(".tab").forEach(function (tab) {
      tab.addEventListener("click", function () { showTab(tab.getAttribute("data-tab")); });
    });
    loadThresholds();
  });

  window.Redline = { el: el, status: status, call: call, query: query, cell: cell, showTab: showTab,
    withThresholds: withThresholds };
})();
